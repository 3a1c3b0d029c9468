// The live (incremental) page model must be the model a full read gives, after every kind of
// change: Salesforce fixture interactions, and random re-renders, toggles and navigations on a
// generated Lightning-like page with nested shadow roots.
import { afterEach, describe, expect, it } from 'vitest';
import { loadFixture, typeInto, type Loaded } from './fixture';
import { salesforceAdapter } from '@/utils/crm/salesforce';
import { createLivePage, type LivePage } from '@/utils/crm/live-page';
import { createLiveIndex, type LiveIndex } from '@/utils/crm/live-index';
import { SHADOW_ROOT_PING } from '@/utils/crm/shadow-root';
import { watchPage } from '@/utils/crm/watch';
import { deepQuery, deepQueryAll } from '@/utils/crm/dom';
import { findField } from '@/utils/crm/targets';
import type { FieldModel, PageModel } from '@/utils/crm/types';

const VIEW = 'https://acme.lightning.force.com/lightning/r/Opportunity/006Dn000004AbCdIAK/view';
const ctx = { salt: 'salt-1' };

const snapshot = (m: PageModel | null | undefined) =>
  m && {
    crm: m.crm,
    object: m.object,
    page: m.page,
    recordKey: m.recordKey,
    url: m.url,
    fields: m.fields.map((f: FieldModel) => ({
      label: f.label,
      apiName: f.apiName,
      value: f.value,
      empty: f.empty,
      required: f.required,
      visible: f.visible,
      section: f.section,
      control: f.control ?? null,
      element: f.element,
    })),
  };

interface Live {
  live: LivePage;
  stop(): void;
}
const running: Live[] = [];
afterEach(() => {
  while (running.length) running.pop()!.stop();
});

function startLive(doc: Document): Live {
  const live = createLivePage(doc);
  const ac = new AbortController();
  watchPage({ doc, onChange: () => {}, signal: ac.signal, index: live.index });
  const l = { live, stop: () => ac.abort() };
  running.push(l);
  return l;
}

/** Lets the observer deliver its records, then reads live and in full: they must agree. */
async function expectSame(doc: Document, url: URL, live: LivePage): Promise<PageModel> {
  await new Promise((r) => setTimeout(r, 0));
  live.index.recheckHosts();
  const m = live.step(url, ctx, [], Infinity);
  expect(m).toBeTruthy();
  expect(snapshot(m)).toEqual(snapshot(salesforceAdapter.read(doc, url, ctx)));
  return m!;
}

describe('live page model (Salesforce fixture)', () => {
  let l: Loaded | null = null;
  afterEach(async () => {
    await l?.close();
    l = null;
  });

  it('matches a full read through toggles, SPA navigation, inline edit, typing, save and the new modal', async () => {
    l = await loadFixture('salesforce/opportunity.html', VIEW);
    const { live } = startLive(l.doc);
    let m = await expectSame(l.doc, l.url(), live);
    expect(m.fields.length).toBeGreaterThan(10);

    // Collapsed section expanded: visibility follows.
    const toggle = deepQueryAll(l.doc, 'button.slds-section__title-action').find((b) => b.getAttribute('aria-expanded') === 'false') as HTMLElement;
    expect(findField(m, 'Description')?.visible).toBe(false);
    toggle.click();
    m = await expectSame(l.doc, l.url(), live);
    expect(findField(m, 'Description')?.visible).toBe(true);

    // Inline edit: page kind, controls, typing without mutations.
    (deepQuery(l.doc, 'button.test-id__inline-edit-trigger[title="Edit Amount"]') as HTMLElement).click();
    m = await expectSame(l.doc, l.url(), live);
    expect(m.page).toBe('edit');
    typeInto(l, findField(m, 'Amount')!.control, '25000');
    m = await expectSame(l.doc, l.url(), live);
    expect(findField(m, 'Amount')).toMatchObject({ empty: false, value: '25000' });
    (deepQuery(l.doc, 'button[name=SaveEdit]') as HTMLElement).click();
    m = await expectSame(l.doc, l.url(), live);
    expect(m.page).toBe('record');

    // SPA navigation to another record and back (stale pages stay in the DOM, hidden).
    (deepQueryAll(l.doc, 'a[data-nav=account]')[0] as HTMLElement).click();
    m = await expectSame(l.doc, l.url(), live);
    expect(m.object?.apiName).toBe('Account');
    l.window.history.back();
    await new Promise((r) => setTimeout(r, 10));
    await l.window.happyDOM.waitUntilComplete();
    m = await expectSame(l.doc, l.url(), live);
    expect(m.object?.apiName).toBe('Opportunity');

    // The new-record modal over the page, then cancel.
    (l.window as unknown as { sfFixture: { navigate(p: string): void } }).sfFixture.navigate('/lightning/o/Opportunity/new');
    m = await expectSame(l.doc, l.url(), live);
    expect(m.page).toBe('new');
    (deepQuery(l.doc, 'section[role=dialog] button[name=CancelEdit]') as HTMLElement).click();
    await new Promise((r) => setTimeout(r, 10));
    m = await expectSame(l.doc, l.url(), live);
    expect(m.page).toBe('record');
  });

  it('keeps the same model object when nothing changed, and the same field objects for untouched fields', async () => {
    l = await loadFixture('salesforce/opportunity.html', VIEW);
    const { live } = startLive(l.doc);
    const a = await expectSame(l.doc, l.url(), live);
    const b = await expectSame(l.doc, l.url(), live);
    expect(b).toBe(a);
    (deepQuery(l.doc, 'button.test-id__inline-edit-trigger[title="Edit Amount"]') as HTMLElement).click();
    const c = await expectSame(l.doc, l.url(), live);
    expect(c).not.toBe(a);
    typeInto(l, findField(c, 'Amount')!.control, '12');
    const d = await expectSame(l.doc, l.url(), live);
    expect(d).not.toBe(c);
    expect(findField(d, 'Amount')).not.toBe(findField(c, 'Amount'));
    expect(findField(d, 'Opportunity Name')).toBe(findField(c, 'Opportunity Name'));
  });
});

// ------------------------------------------------------------ random changes on a generated page

/** A small deterministic PRNG (the failing seed is printed by the assertion message). */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

function lightningPage(doc: Document, rand: () => number) {
  let version = 0;
  const cmp = (tag: string, attrs: Record<string, string>, kids: (Node | string)[]) => {
    const host = doc.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) host.setAttribute(k, v);
    const root = host.attachShadow({ mode: 'open' });
    for (const k of kids) root.append(typeof k === 'string' ? doc.createTextNode(k) : k);
    return host;
  };
  const el = (tag: string, attrs: Record<string, string>, kids: (Node | string)[] = []) => {
    const e = doc.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    e.append(...kids);
    return e;
  };
  const item = (i: number) => {
    const empty = rand() < 0.3;
    const required = rand() < 0.2;
    return cmp('records-record-layout-item', { 'field-label': `Field ${i}`, 'data-target-selection-name': `sfdc:RecordField.Opportunity.F${i}__c` }, [
      el('div', { class: 'slds-form-element' }, [
        el('div', { class: 'slds-form-element__label' }, [...(required ? [el('abbr', { class: 'slds-required' }, ['*'])] : []), el('span', { class: 'test-id__field-label' }, [`Field ${i}`])]),
        el('span', { class: 'test-id__field-value' }, empty ? [] : [cmp('lightning-formatted-text', {}, [`v${i}.${version}`])]),
      ]),
    ]);
  };
  const pages: HTMLElement[] = [];
  const sections: { wrap: HTMLElement; items: HTMLElement[]; rows: HTMLElement[] }[] = [];
  const render = () => {
    sections.length = 0;
    const blocks: HTMLElement[] = [];
    for (let s = 0; s < 3; s++) {
      const rows: HTMLElement[] = [];
      const items: HTMLElement[] = [];
      for (let r = 0; r < 3; r++) {
        const pair = [item(s * 6 + r * 2), item(s * 6 + r * 2 + 1)];
        items.push(...pair);
        rows.push(cmp('records-record-layout-row', {}, [el('div', { class: 'slds-form__row' }, pair)]));
      }
      const wrap = el('div', { class: s === 2 ? 'slds-section' : 'slds-section slds-is-open' }, [
        el('h3', { class: 'slds-section__title' }, [`Section ${s}`]),
        el('div', { class: 'slds-section__content', ...(s === 2 ? { hidden: '' } : {}) }, rows),
      ]);
      sections.push({ wrap, items, rows });
      blocks.push(cmp('records-record-layout-section', {}, [wrap]));
    }
    const page = el('div', { class: 'oneContent windowViewMode-normal' }, [
      el('div', { class: 'entityNameTitle' }, ['Opportunity']),
      cmp('records-lwc-record-layout', {}, [cmp('records-record-layout-block', {}, blocks)]),
    ]);
    for (const p of pages) p.setAttribute('hidden', '');
    if (pages.length > 1) pages.shift()!.remove();
    pages.push(page);
    doc.body.append(page);
  };
  const ops: Record<string, () => void> = {
    rerender() {
      const s = sections[Math.floor(rand() * sections.length)];
      const i = Math.floor(rand() * s.items.length);
      if (!s.items[i]) return;
      version++;
      const next = item(Number(/\d+/.exec(s.items[i].getAttribute('field-label')!)![0]));
      s.items[i].replaceWith(next);
      s.items[i] = next;
    },
    toggle() {
      const s = sections[Math.floor(rand() * sections.length)];
      const content = s.wrap.querySelector('.slds-section__content')!;
      if (content.hasAttribute('hidden')) content.removeAttribute('hidden');
      else content.setAttribute('hidden', '');
    },
    text() {
      const s = sections[Math.floor(rand() * sections.length)];
      const it = s.items[Math.floor(rand() * s.items.length)];
      const text = it?.shadowRoot!.querySelector('lightning-formatted-text');
      if (text) text.shadowRoot!.firstChild!.nodeValue = `t${rand().toFixed(3)}`;
    },
    removeRow() {
      const s = sections[Math.floor(rand() * sections.length)];
      const row = s.rows.pop();
      if (row) {
        row.remove();
        s.items.splice(s.items.length - 2, 2);
      }
    },
    moveRow() {
      const s = sections[Math.floor(rand() * sections.length)];
      const row = s.rows[Math.floor(rand() * s.rows.length)];
      if (row) row.parentNode!.prepend(row);
    },
    relabel() {
      const s = sections[Math.floor(rand() * sections.length)];
      const it = s.items[Math.floor(rand() * s.items.length)];
      if (it) it.setAttribute('field-label', `Renamed ${Math.floor(rand() * 9)}`);
    },
    navigate() {
      version++;
      history.pushState({}, '', `/lightning/r/Opportunity/006Dn00000${Math.floor(rand() * 9000 + 1000)}IAK/view`);
      render();
    },
  };
  render();
  return ops;
}

describe('live page model (random changes on nested shadow roots)', () => {
  it('equals a full read after every batch of random re-renders, toggles, text edits, moves and navigations', async () => {
    for (const seed of [1, 2, 3]) {
      document.body.replaceChildren();
      history.replaceState({}, '', '/lightning/r/Opportunity/006Dn000004AbCdIAK/view');
      const rand = prng(seed);
      const ops = lightningPage(document, rand);
      const names = Object.keys(ops);
      const { live, stop } = startLive(document);
      for (let batch = 0; batch < 25; batch++) {
        const n = 1 + Math.floor(rand() * 3);
        const done: string[] = [];
        for (let k = 0; k < n; k++) {
          const op = names[Math.floor(rand() * names.length)];
          ops[op]();
          done.push(op);
        }
        await new Promise((r) => setTimeout(r, 0));
        const url = new URL(location.pathname, 'https://acme.lightning.force.com');
        const m = live.step(url, ctx, [], Infinity);
        expect(snapshot(m), `seed ${seed} batch ${batch}: ${done.join(', ')}`).toEqual(snapshot(salesforceAdapter.read(document, url, ctx)));
      }
      stop();
    }
  });

  it.each([false, true])('with a focus, equals the full read of the named fields after every batch (sections with and without them collapsed; quiet roots %s)', async (quiet) => {
    // Fields 1, 7 and 13 sit in the three sections (the third starts collapsed): a toggle of a
    // section holding one changes what the model says of it; the others change nothing it reads.
    // With quiet roots, the rows holding none of them are not observed: their re-renders and
    // text edits change nothing the model says.
    const names = ['Field 1', 'F7__c', 'Field 13'];
    for (const seed of [4, 5, 6]) {
      document.body.replaceChildren();
      history.replaceState({}, '', '/lightning/r/Opportunity/006Dn000004AbCdIAK/view');
      const rand = prng(seed);
      const ops = lightningPage(document, rand);
      // Renaming changes which fields are named: live-focus.test.ts follows that.
      const kinds = Object.keys(ops).filter((k) => k !== 'relabel');
      const { live, stop } = startLive(document);
      live.focus(names);
      live.index.quiet(quiet);
      let quietSeen = 0;
      for (let batch = 0; batch < 25; batch++) {
        const n = 1 + Math.floor(rand() * 3);
        const done: string[] = [];
        for (let k = 0; k < n; k++) {
          const op = rand() < 0.4 ? 'toggle' : kinds[Math.floor(rand() * kinds.length)];
          ops[op]();
          done.push(op);
        }
        await new Promise((r) => setTimeout(r, 0));
        const url = new URL(location.pathname, 'https://acme.lightning.force.com');
        const m = live.step(url, ctx, [], Infinity);
        const full = salesforceAdapter.read(document, url, ctx);
        const wanted = full && { ...full, fields: full.fields.filter((f) => names.includes(f.label) || names.includes(f.apiName ?? '')) };
        expect(snapshot(m), `seed ${seed} batch ${batch}: ${done.join(', ')}`).toEqual(snapshot(wanted));
        quietSeen = Math.max(quietSeen, live.index.stats.quiet);
      }
      expect(quietSeen > 0).toBe(quiet);
      stop();
    }
  });

  it('reads a new page in slices when given a deadline already past, and still gets the full model', async () => {
    document.body.replaceChildren();
    history.replaceState({}, '', '/lightning/r/Opportunity/006Dn000004AbCdIAK/view');
    lightningPage(document, prng(7));
    const { live } = startLive(document);
    const url = new URL(location.pathname, 'https://acme.lightning.force.com');
    let steps = 0;
    let m: PageModel | null | undefined;
    do {
      m = live.step(url, ctx, [], 0);
      steps++;
    } while (m === undefined && steps < 10_000);
    expect(steps).toBeGreaterThan(1);
    expect(snapshot(m)).toEqual(snapshot(salesforceAdapter.read(document, url, ctx)));
  });
});

describe('live index', () => {
  /** Lets the watcher's observer deliver (and its frame pass), then does the index's work. */
  const workAfter = async (index: LiveIndex, ms: number) => {
    await new Promise((r) => setTimeout(r, ms));
    index.work(Infinity);
  };
  /**
   * A live index that leaves out `.field`s named "other", fed by a page watcher that counts its
   * batches and quiet callbacks; `every` answers everyChange(). `field(name, inside?)` makes a field.
   */
  const countedIndex = (selectors: string[]) => {
    document.body.replaceChildren();
    const index = createLiveIndex(document);
    index.track(selectors);
    index.prune((el) => el.classList.contains('field') && el.getAttribute('data-name') === 'other');
    const ac = new AbortController();
    const c = { every: false, batches: 0, quiet: 0 };
    watchPage({ doc: document, onChange: () => c.batches++, signal: ac.signal, index, everyChange: () => c.every, onQuiet: () => c.quiet++ });
    const field = (name: string, inside?: Element) => {
      const f = document.createElement('div');
      f.className = 'field';
      f.setAttribute('data-name', name);
      if (inside) f.append(inside);
      return f;
    };
    return { index, ac, c, field };
  };
  /** A live index fed by a page watcher on the test document (emptied first unless `fresh` is false). */
  const watchedIndex = (fresh = true) => {
    if (fresh) document.body.replaceChildren();
    const index = createLiveIndex(document);
    const ac = new AbortController();
    watchPage({ doc: document, onChange: () => {}, signal: ac.signal, index });
    return { index, ac };
  };

  /** 40 blocks, each a div, a host whose shadow root holds a .x, and a .x: more than one slice's worth. */
  const blocksOfX = (): HTMLElement[] =>
    Array.from({ length: 40 }, () => {
      const block = document.createElement('section');
      const host = document.createElement('x-host');
      const inner = document.createElement('span');
      inner.className = 'x';
      host.attachShadow({ mode: 'open' }).append(inner);
      const x = document.createElement('p');
      x.className = 'x';
      block.append(document.createElement('div'), host, x);
      return block;
    });

  it('carries a scan on after the page changed under it: the element it was to walk next removed, others added', async () => {
    const blocks = blocksOfX();
    document.body.replaceChildren(...blocks);
    // The page is there before the index: one scan of the document, no start of its own per block.
    const { index, ac } = watchedIndex(false);
    index.track(['.x']);
    // A deadline already past: the scan stops at its first check (64 elements in), mid-page.
    expect(index.work(0)).toBe(false);
    // Meanwhile the page takes out the blocks the scan stood in (into a container of its own: a
    // walk from element to element that stood there would find nothing after them), and adds one
    // at the end.
    document.createElement('div').append(...blocks.slice(12, 20));
    const late = document.createElement('p');
    late.className = 'x';
    document.body.append(late);
    await new Promise((r) => setTimeout(r, 0));
    let slices = 0;
    while (!index.work(0) && slices < 1000) slices++;
    expect(index.all('.x')).toEqual(deepQueryAll(document, '.x'));
    expect(index.all('.x')).toHaveLength(32 * 2 + 1);
    // Each element walked once: html, head, body, five per block (a host's root counts its span),
    // twelve blocks before the cut, the twenty left after the ones taken out, and the late one.
    expect(index.stats.elements).toBe(3 + 12 * 5 + 20 * 5 + 1);
    ac.abort();
  });

  it('asks only elements that can have one for their shadow root, and still finds every root', async () => {
    document.body.replaceChildren();
    const reads: string[] = [];
    const spy = (el: Element): Element => {
      const own = Object.getOwnPropertyDescriptor(Element.prototype, 'shadowRoot')!.get!;
      Object.defineProperty(el, 'shadowRoot', {
        get() {
          reads.push(el.localName);
          return own.call(el);
        },
      });
      return el;
    };
    // Elements that cannot have a shadow root (DOM Standard) and ones that can, one of each kind with one.
    const host = document.createElement('x-row');
    const inner = document.createElement('p');
    inner.className = 'x';
    host.attachShadow({ mode: 'open' }).append(inner);
    const div = document.createElement('div');
    const divInner = document.createElement('span');
    divInner.className = 'x';
    div.attachShadow({ mode: 'open' }).append(divInner);
    const plain = ['button', 'a', 'li', 'input', 'img', 'label'].map((t) => spy(document.createElement(t)));
    document.body.append(spy(host), spy(div), ...plain);
    const { index, ac } = watchedIndex(false);
    index.track(['.x']);
    index.work(Infinity);
    expect(reads.sort()).toEqual(['div', 'x-row']);
    expect(index.all('.x')).toEqual([inner, divInner]);
    ac.abort();
  });

  it('carries a scan on where it stood after the page removed what it had walked', async () => {
    document.body.replaceChildren(...blocksOfX());
    const { index, ac } = watchedIndex(false);
    index.track(['.x']);
    expect(index.work(0)).toBe(false);
    // The first ten blocks (scanned already) go: the scan carries on where it stood, not ten further.
    for (const b of Array.from(document.body.children).slice(0, 10)) b.remove();
    await new Promise((r) => setTimeout(r, 0));
    let slices = 0;
    while (!index.work(0) && slices < 1000) slices++;
    expect(index.all('.x')).toEqual(deepQueryAll(document, '.x'));
    expect(index.all('.x')).toHaveLength(30 * 2);
    // Each element walked once, the ten blocks taken out included (walked before they went).
    expect(index.stats.elements).toBe(3 + 40 * 5);
    ac.abort();
  });

  it('lists tracked matches in page order through shadow roots, and follows removals and attribute changes', async () => {
    const { index, ac } = watchedIndex();
    index.track(['.x']);
    const a = document.createElement('div');
    a.className = 'x';
    const host = document.createElement('x-host');
    const root = host.attachShadow({ mode: 'open' });
    const inner = document.createElement('span');
    inner.className = 'x';
    root.append(inner);
    const b = document.createElement('p');
    document.body.append(a, host, b);
    await new Promise((r) => setTimeout(r, 0));
    expect(index.work(Infinity)).toBe(true);
    expect(index.all('.x')).toEqual([a, inner]);
    expect(index.ancestors(inner)).toEqual([]);
    b.className = 'x';
    a.remove();
    await new Promise((r) => setTimeout(r, 0));
    index.work(Infinity);
    expect(index.all('.x')).toEqual([inner, b]);
    const changed = index.takeChanged();
    expect(changed === 'all' || (changed.has(a) && changed.has(b))).toBe(true);
    // Memos are dropped when the element's subtree changes.
    let computed = 0;
    const read = () => index.memo(inner, 'k', () => ++computed);
    expect(read()).toBe(1);
    expect(read()).toBe(1);
    inner.textContent = 'changed';
    await new Promise((r) => setTimeout(r, 0));
    index.work(Infinity);
    expect(read()).toBe(2);
    ac.abort();
  });

  it('drops the memos of tracked ancestors through nested shadow roots, again after a move', async () => {
    const { index, ac } = watchedIndex();
    index.track(['.box']);
    // box A > host1 (root1) > host2 (root2) > leaf; box B beside it, empty.
    const boxA = document.createElement('div');
    boxA.className = 'box';
    const boxB = document.createElement('div');
    boxB.className = 'box';
    const host1 = document.createElement('x-one');
    const host2 = document.createElement('x-two');
    const leaf = document.createElement('span');
    host2.attachShadow({ mode: 'open' }).append(leaf);
    host1.attachShadow({ mode: 'open' }).append(host2);
    boxA.append(host1);
    document.body.append(boxA, boxB);
    const batch = () => workAfter(index, 0);
    await batch();
    const counts = new Map<Element, number>();
    const read = (box: Element) => index.memo(box, 'k', () => counts.set(box, (counts.get(box) ?? 0) + 1).get(box)!);
    const seen = () => [read(boxA), read(boxB)];
    expect(seen()).toEqual([1, 1]);
    // Twice in a row deep inside (the second time from the remembered chain): box A only.
    for (const [text, expected] of [['one', [2, 1]], ['two', [3, 1]]] as const) {
      leaf.textContent = text;
      await batch();
      expect(seen()).toEqual(expected);
    }
    // host1 moves to box B: a change deep inside is now box B's.
    boxB.append(host1);
    await batch();
    seen();
    const before = seen();
    leaf.textContent = 'three';
    await batch();
    expect(seen()).toEqual([before[0], before[1] + 1]);
    // (Slotted nodes take the same walk as before, flatParent through assignedSlot, which the test
    // DOM does not implement: the e2e coach tests on the Lightning fixtures cover slots.)
    ac.abort();
  });

  it('makes no batch of a field no pack names re-rendered outside the named ones, unless every change is asked for', async () => {
    const { index, ac, c, field } = countedIndex(['.field', '.section']);
    // section > row (shadow root) > [named field (holding an unnamed one), unnamed field]
    const section = document.createElement('div');
    section.className = 'section';
    const row = document.createElement('x-row');
    const rowRoot = row.attachShadow({ mode: 'open' });
    const inner = field('other');
    const named = field('amount', inner);
    let unnamed = field('other');
    rowRoot.append(named, unnamed);
    section.append(row);
    document.body.append(section);
    const settle = () => workAfter(index, 40);
    await settle();
    expect(index.all('.field')).toEqual([named]);
    expect(index.stats.leftOut).toBe(2);
    let computed = 0;
    const sectionMemo = () => index.memo(section, 'k', () => ++computed);
    expect(sectionMemo()).toBe(1);
    c.batches = 0;

    // The unnamed field re-rendered: handled in the observer's callback, no batch.
    const next = field('other');
    unnamed.replaceWith(next);
    unnamed = next;
    await new Promise((r) => setTimeout(r, 40));
    expect([c.batches, c.quiet]).toEqual([0, 1]);
    expect(index.stats.leftOut).toBe(2); // the old one forgotten, the new one left out
    expect(index.pending).toBe(true); // the section's memo is dropped with the next batch's work
    index.work(Infinity);
    expect(index.all('.field')).toEqual([named]);
    expect(sectionMemo()).toBe(2);

    // Inside a named field, the same change is the named field's: a batch.
    inner.replaceWith(field('other'));
    await settle();
    expect(c.batches).toBe(1);

    // An unnamed field replaced by a named one: a batch, and it is listed.
    const amount2 = field('close');
    unnamed.replaceWith(amount2);
    await settle();
    expect(c.batches).toBe(2);
    expect(index.all('.field')).toEqual([named, amount2]);

    // While every change is asked for (selector targets, a tour), the re-render is a batch too.
    c.every = true;
    const other2 = field('other');
    rowRoot.append(other2);
    await settle();
    expect([c.batches, c.quiet]).toEqual([3, 1]);
    other2.replaceWith(field('other'));
    await settle();
    expect([c.batches, c.quiet]).toEqual([4, 1]);
    ac.abort();
  });

  describe('quiet roots (shadow roots holding only fields no pack names)', () => {
    /** section (x-section, shadow root) > rows (x-row, shadow roots): row 0 holds `named`, the others two unnamed fields each. */
    const sectionOfRows = (field: (name: string, inside?: Element) => HTMLElement, rows: number) => {
      const section = document.createElement('x-section');
      const sectionRoot = section.attachShadow({ mode: 'open' });
      const roots: ShadowRoot[] = [];
      for (let i = 0; i < rows; i++) {
        const row = document.createElement('x-row');
        const root = row.attachShadow({ mode: 'open' });
        const line = document.createElement('div');
        line.append(field(i === 0 ? 'amount' : 'other'), field('other'));
        root.append(line);
        roots.push(root);
        sectionRoot.append(row);
      }
      document.body.append(section);
      return roots;
    };
    const rerender = (root: ShadowRoot, field: (name: string) => HTMLElement) => root.querySelector('[data-name="other"]')!.replaceWith(field('other'));
    /** countedIndex with quiet roots allowed (or not), its first read (an empty page) done: what is added next is one scan. */
    const quietIndex = (allowed: boolean) => {
      const counted = countedIndex(['.field']);
      counted.index.quiet(allowed);
      counted.index.work(Infinity);
      return counted;
    };

    it('leaves them unobserved: their re-renders make no record, and a field put there is found at the next input', async () => {
      const { index, ac, c, field } = quietIndex(true);
      const rows = sectionOfRows(field, 3);
      await workAfter(index, 40);
      expect(index.all('.field').map((f) => f.getAttribute('data-name'))).toEqual(['amount']);
      // The section's root (it holds hosts) and row 0's (a named field): rows 1 and 2 hold only left-out fields.
      expect(index.stats.roots).toBe(2);
      c.batches = 0;
      c.quiet = 0;
      // A re-render in a quiet row: no record at all (not even a quiet callback); in row 0: a quiet callback.
      rerender(rows[1], field);
      await new Promise((r) => setTimeout(r, 40));
      expect([c.batches, c.quiet]).toEqual([0, 0]);
      rerender(rows[0], field);
      await new Promise((r) => setTimeout(r, 40));
      expect([c.batches, c.quiet]).toEqual([0, 1]);
      // What the contract gives up: a named field put into a quiet row is not seen then...
      const close = field('close');
      rows[1].firstElementChild!.append(close);
      await workAfter(index, 40);
      expect(c.batches).toBe(0);
      expect(index.all('.field')).not.toContain(close);
      // ...but at the user's next input anywhere on the page: the quiet rows are observed and walked again.
      document.body.dispatchEvent(new Event('input', { bubbles: true }));
      await workAfter(index, 40);
      expect(index.stats.roots).toBe(4);
      expect(index.all('.field').map((f) => f.getAttribute('data-name'))).toEqual(['amount', 'close']);
      // From then on they are observed: a named field put into row 2 makes a batch and is listed.
      const stage = field('stage');
      rows[2].firstElementChild!.append(stage);
      await workAfter(index, 40);
      expect(c.batches).toBeGreaterThan(1);
      expect(index.all('.field').map((f) => f.getAttribute('data-name'))).toEqual(['amount', 'close', 'stage']);
      ac.abort();
    });

    it('observes every one when they are no longer allowed (every change asked for), and none while they never were', async () => {
      const { index, ac, c, field } = quietIndex(true);
      const rows = sectionOfRows(field, 4);
      await workAfter(index, 40);
      expect(index.stats.roots).toBe(2);
      index.quiet(false);
      expect(index.stats.roots).toBe(5);
      await workAfter(index, 40);
      c.quiet = 0;
      rerender(rows[3], field);
      await new Promise((r) => setTimeout(r, 40));
      expect(c.quiet).toBe(1);
      ac.abort();

      // Never allowed (the default): every root observed by its scan.
      const other = quietIndex(false);
      sectionOfRows(other.field, 4);
      await workAfter(other.index, 40);
      expect(other.index.stats.roots).toBe(5);
      other.ac.abort();
    });

    it('observes a root a scan paused in, and one inside a listed field', async () => {
      const { index, ac, field } = quietIndex(true);
      // A row of 80 unnamed fields: a scan with a deadline already past pauses inside it (every 64 elements).
      const row = document.createElement('x-row');
      const line = document.createElement('div');
      for (let i = 0; i < 80; i++) line.append(field('other'));
      row.attachShadow({ mode: 'open' }).append(line);
      // A named field whose own shadow root holds only an unnamed one.
      const named = document.createElement('x-field');
      named.className = 'field';
      named.setAttribute('data-name', 'amount');
      named.attachShadow({ mode: 'open' }).append(field('other'));
      // Inside a container: a scan's own start has its root observed at once.
      const box = document.createElement('div');
      box.append(row, named);
      document.body.append(box);
      await new Promise((r) => setTimeout(r, 0));
      let slices = 0;
      while (!index.work(0) && slices < 100) slices++;
      expect(slices).toBeGreaterThan(0);
      expect(index.all('.field')).toEqual([named]);
      expect(index.stats.roots).toBe(2);
      ac.abort();

      // The same page walked in one go: the long row is quiet, the named field's root is not.
      const again = quietIndex(true);
      const row2 = row.cloneNode(true) as Element;
      row2.attachShadow({ mode: 'open' }).append(line.cloneNode(true));
      const named2 = named.cloneNode() as Element;
      named2.attachShadow({ mode: 'open' }).append(again.field('other'));
      const box2 = document.createElement('div');
      box2.append(row2, named2);
      document.body.append(box2);
      await workAfter(again.index, 40);
      expect(again.index.all('.field')).toEqual([named2]);
      expect(again.index.stats.roots).toBe(1);
      again.ac.abort();
    });
  });

  it('makes no batch of an attribute change nothing listed, remembered or visible-remembered sits under, and a batch of one that has', async () => {
    const { index, ac, c, field } = countedIndex(['.field', '.panel']);
    // body > [openBox > named field (> label), panel > closedBox > row (shadow root) > unnamed fields]
    const openBox = document.createElement('div');
    const named = field('amount');
    const label = document.createElement('span');
    named.append(label);
    openBox.append(named);
    const panel = document.createElement('div');
    panel.className = 'panel';
    const closedBox = document.createElement('div');
    const row = document.createElement('x-row');
    row.attachShadow({ mode: 'open' }).append(field('other'), field('other'));
    closedBox.append(row);
    panel.append(closedBox);
    document.body.append(openBox, panel);
    const settle = () => workAfter(index, 40);
    await settle();
    expect(index.all('.field')).toEqual([named]);
    expect(index.visible(named)).toBe(true);
    const counts = () => [c.batches, c.quiet];
    c.batches = 0;

    // A section of fields no pack names collapsed (its class and ARIA state): no batch.
    closedBox.className = 'collapsed';
    closedBox.setAttribute('aria-hidden', 'true');
    await new Promise((r) => setTimeout(r, 40));
    expect(counts()).toEqual([0, 1]);
    expect(index.pending).toBe(true); // the next batch's work still drops the memos above it

    // Above the element whose visibility is remembered: a batch.
    openBox.setAttribute('aria-hidden', 'true');
    await settle();
    expect(counts()).toEqual([1, 1]);
    // Inside a listed field: a batch.
    label.setAttribute('title', 'x');
    await settle();
    expect(counts()).toEqual([2, 1]);
    // Under a tracked element with memos: a batch.
    index.memo(panel, 'k', () => 1);
    closedBox.setAttribute('aria-hidden', 'false');
    await settle();
    expect(counts()).toEqual([3, 1]);
    // An element that comes to match a tracked selector: a batch, and it is listed.
    const before = c.quiet;
    const other = document.createElement('div');
    document.body.append(other);
    await settle();
    other.className = 'panel';
    await settle();
    expect(index.all('.panel')).toEqual([panel, other]);
    expect(c.quiet).toBe(before);
    // A slot change moves nodes in the flat tree: a batch.
    const n = c.batches;
    other.setAttribute('slot', 'x');
    await settle();
    expect(c.batches).toBe(n + 1);
    // While every change is asked for, the collapse is a batch too.
    c.every = true;
    closedBox.className = '';
    await settle();
    expect([c.batches, c.quiet]).toEqual([n + 2, before]);
    ac.abort();
  });

  it('forgets the visibility of a tracked element moved into a new container it leaves out', async () => {
    const { index, ac } = watchedIndex();
    index.track(['.field']);
    index.prune((el) => el.getAttribute('data-name') === 'other');
    const field = document.createElement('div');
    field.className = 'field';
    field.textContent = 'named';
    document.body.append(field);
    const batch = () => workAfter(index, 20);
    await batch();
    expect(index.all('.field')).toEqual([field]);
    expect(index.visible(field)).toBe(true);
    // Re-rendered containers it leaves out, beside it: nothing remembered is forgotten.
    const epoch = index.visibilityEpoch;
    for (let i = 0; i < 3; i++) {
      const other = document.createElement('div');
      other.className = 'field';
      other.setAttribute('data-name', 'other');
      document.body.append(other);
      await batch();
    }
    expect(index.visibilityEpoch).toBe(epoch);
    expect(index.stats.leftOut).toBe(3);
    // One batch: a hidden container it leaves out comes in, with the field moved inside.
    const hidden = document.createElement('div');
    hidden.className = 'field';
    hidden.setAttribute('data-name', 'other');
    hidden.setAttribute('hidden', '');
    hidden.append(field);
    document.body.append(hidden);
    await batch();
    expect(index.visible(field)).toBe(false);
    expect(index.visibilityEpoch).toBeGreaterThan(epoch);
    ac.abort();
  });

  it('forgets a remembered visibility when a node above it changes (through shadow roots), and says so by its epoch', async () => {
    const { index, ac } = watchedIndex();
    index.track(['.x']);
    const section = document.createElement('section');
    const host = document.createElement('x-host');
    const inner = document.createElement('span');
    inner.className = 'x';
    inner.textContent = 'field';
    host.attachShadow({ mode: 'open' }).append(inner);
    section.append(host);
    const other = document.createElement('p');
    other.className = 'x';
    document.body.append(section, other);
    const batch = () => workAfter(index, 20);
    await batch();
    expect(index.visible(inner)).toBe(true);
    expect(index.visible(other)).toBe(true);
    // A change beside the remembered elements: nothing forgotten.
    const stay = index.visibilityEpoch;
    document.body.append(document.createElement('div'));
    await batch();
    expect(index.visibilityEpoch).toBe(stay);
    // A node above `inner`, outside its shadow tree, hides it: forgotten, and the epoch moves.
    section.setAttribute('hidden', '');
    await batch();
    expect(index.visibilityEpoch).toBeGreaterThan(stay);
    expect(index.visible(inner)).toBe(false);
    ac.abort();
  });

  it('where a late-root report answers (no re-check each batch), forgets rootless custom elements of removed pages', async () => {
    document.body.replaceChildren();
    // The report's answer to the watcher's ping (utils/crm/shadow-root.ts).
    const answer = (e: Event) => e.preventDefault();
    document.addEventListener(SHADOW_ROOT_PING, answer, true);
    const { index, ac } = watchedIndex(false);
    index.track(['.x']);
    const page = () => {
      const div = document.createElement('div');
      for (let i = 0; i < 3000; i++) div.append(document.createElement('x-widget'));
      document.body.append(div);
      return div;
    };
    const batch = () => workAfter(index, 20);
    for (let round = 0; round < 4; round++) {
      const div = page();
      await batch();
      div.remove();
      await batch();
    }
    page();
    await batch();
    // Twelve thousand gone, three thousand in the page: the sweep keeps the set near what is there.
    expect(index.stats.rootless).toBeLessThan(3000 + 4096 + 1);
    ac.abort();
    document.removeEventListener(SHADOW_ROOT_PING, answer, true);
  });
});
