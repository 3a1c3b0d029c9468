// Focused live reading (docs/adapters.md "The live index"): with the packs' field names in focus,
// a new page costs what the packs need, not the page: only the named fields are listed and read
// inside; the others cost a test of their own attributes.
import { afterEach, describe, expect, it } from 'vitest';
import { createLivePage, type LivePage } from '@/utils/crm/live-page';
import { watchPage } from '@/utils/crm/watch';
import { salesforceAdapter } from '@/utils/crm/salesforce';
import { findField } from '@/utils/crm/targets';
import type { PageModel } from '@/utils/crm/types';

const ctx = { salt: 'salt-1' };
const stops: (() => void)[] = [];
afterEach(() => {
  while (stops.length) stops.pop()!();
  document.body.replaceChildren();
});

/** Reads of the inside of each field: every querySelector(All) on its shadow root or below. */
const reads = new Map<string, number>();

function counted(root: ShadowRoot, label: string): ShadowRoot {
  for (const m of ['querySelector', 'querySelectorAll'] as const) {
    const own = root[m].bind(root) as (s: string) => unknown;
    Object.defineProperty(root, m, { value: (s: string) => (reads.set(label, (reads.get(label) ?? 0) + 1), own(s)) });
  }
  return root;
}

function cmp(tag: string, attrs: Record<string, string>, kids: (Node | string)[], label?: string): HTMLElement {
  const host = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) host.setAttribute(k, v);
  const root = host.attachShadow({ mode: 'open' });
  if (label) counted(root, label);
  for (const k of kids) root.append(typeof k === 'string' ? document.createTextNode(k) : k);
  return host;
}

/** A Lightning-like record page of n fields (F0 … F{n-1}; every third empty), two per row, in nested shadow roots. */
function recordPage(n: number, version = 0): HTMLElement {
  const item = (i: number) => {
    const label = `Field ${i}`;
    const value = document.createElement('span');
    value.className = 'test-id__field-value';
    if (i % 3 !== 0) value.append(cmp('lightning-formatted-text', {}, [`v${i}.${version}`], label));
    const inner = document.createElement('div');
    inner.className = 'slds-form-element';
    const lab = document.createElement('span');
    lab.className = 'test-id__field-label';
    lab.textContent = label;
    inner.append(lab, value);
    return cmp('records-record-layout-item', { 'field-label': label, 'data-target-selection-name': `sfdc:RecordField.Opportunity.F${i}__c` }, [inner], label);
  };
  const rows: HTMLElement[] = [];
  for (let i = 0; i < n; i += 2) rows.push(cmp('records-record-layout-row', {}, [item(i), ...(i + 1 < n ? [item(i + 1)] : [])]));
  const page = document.createElement('div');
  page.className = 'oneContent windowViewMode-normal';
  page.append(cmp('records-lwc-record-layout', {}, [cmp('records-record-layout-block', {}, rows)]));
  return page;
}

let recordSeq = 1000;
/** An SPA navigation as Lightning does it: a new record page, the old one kept, hidden. */
function navigate(n: number): void {
  for (const p of document.querySelectorAll('.oneContent')) p.setAttribute('hidden', '');
  history.pushState({}, '', `/lightning/r/Opportunity/006Dn00000${recordSeq++}IAK/view`);
  document.body.append(recordPage(n, recordSeq));
}

function startLive(names: readonly string[] | null): LivePage {
  const live = createLivePage(document);
  live.focus(names);
  const ac = new AbortController();
  watchPage({ doc: document, onChange: () => {}, signal: ac.signal, index: live.index });
  stops.push(() => ac.abort());
  return live;
}

const url = () => new URL(location.pathname, 'https://acme.lightning.force.com');

async function model(live: LivePage): Promise<PageModel> {
  await new Promise((r) => setTimeout(r, 0));
  const m = live.step(url(), ctx, [], Infinity);
  expect(m).toBeTruthy();
  return m!;
}

/** What the engine reads of the named fields (the same lookups as utils/coach/signature.ts). */
function engineReads(m: PageModel, names: readonly string[]) {
  return names.map((name) => {
    const f = findField(m, name);
    return f && { label: f.label, apiName: f.apiName, value: f.value, empty: f.empty, required: f.required, visible: f.visible, element: f.element };
  });
}

const NAMES = ['Field 4', 'F7__c', 'Field 9'];

describe('focused live page', () => {
  it('on a navigation reads inside only the fields the packs name, whatever the number of fields', async () => {
    const work: Record<number, { elements: number; roots: number; read: string[] }> = {};
    for (const n of [100, 400]) {
      document.body.replaceChildren();
      history.replaceState({}, '', '/lightning/r/Opportunity/006Dn000004AbCdIAK/view');
      document.body.append(recordPage(n));
      const live = startLive(NAMES);
      await model(live);
      const before = { ...live.index.stats };
      reads.clear();
      navigate(n);
      const m = await model(live);
      // The engine's lookups: the named fields' values.
      const seen = engineReads(m, NAMES);
      expect(seen.map((f) => f?.value)).toEqual([`v4.${recordSeq}`, `v7.${recordSeq}`, '']);
      work[n] = { elements: live.index.stats.elements - before.elements, roots: live.index.stats.roots - before.roots, read: [...reads.keys()].sort() };
      // The named fields only (by label or API name), in page order.
      expect(m.fields.map((f) => `${f.label}/${f.apiName}`)).toEqual(['Field 4/F4__c', 'Field 7/F7__c', 'Field 9/F9__c']);
    }
    // Inside reads: the three named fields only, on either page.
    expect(work[100].read).toEqual(['Field 4', 'Field 7', 'Field 9']);
    expect(work[400].read).toEqual(['Field 4', 'Field 7', 'Field 9']);
    // Roots observed: the rows and layout, plus the named fields' own (item and value) roots.
    expect(work[100].roots).toBe(50 + 2 + 3 + 2);
    expect(work[400].roots).toBe(200 + 2 + 3 + 2);
    // Elements walked: the rows' contents (the items themselves) and the named fields' insides.
    expect(work[400].elements).toBeLessThan(400 + 200 + 20);
  });

  it('forgets the left-out fields of pages that are gone (no growth over navigations)', async () => {
    history.replaceState({}, '', '/lightning/r/Opportunity/006Dn000004AbCdIAK/view');
    document.body.append(recordPage(40));
    const live = startLive(NAMES);
    await model(live);
    for (let i = 0; i < 12; i++) {
      // Lightning keeps the previous page, hidden; older ones go.
      const pages = document.querySelectorAll('.oneContent');
      if (pages.length > 1) pages[0].remove();
      navigate(40);
      await model(live);
    }
    // Two pages in the document, 37 fields of each left out: nothing of the ten removed pages kept.
    expect(document.querySelectorAll('.oneContent')).toHaveLength(2);
    expect(live.index.stats.leftOut).toBe(2 * 37);
  });

  it('forgets a gone page\'s left-out fields at once, but not one moved out of it into the page that stays', async () => {
    history.replaceState({}, '', '/lightning/r/Opportunity/006Dn000004AbCdIAK/view');
    document.body.append(recordPage(10));
    const live = startLive(NAMES);
    await model(live);
    navigate(20);
    await model(live);
    navigate(20);
    await model(live);
    // Three pages: the first (read at the start), and two added since (each a start of its own).
    const [first, second, third] = Array.from(document.querySelectorAll('.oneContent'));
    const left = live.index.stats.leftOut;
    // An item no pack names moves from the second page into the third (its first row's root).
    const rowsOf = (page: Element) => page.querySelector('records-lwc-record-layout')!.shadowRoot!.querySelector('records-record-layout-block')!.shadowRoot!;
    const moved = rowsOf(second).querySelectorAll('records-record-layout-row')[1].shadowRoot!.querySelector('records-record-layout-item')!;
    rowsOf(third).querySelector('records-record-layout-row')!.shadowRoot!.append(moved);
    await model(live);
    expect(live.index.stats.leftOut).toBe(left);
    // The second page goes: its 16 other left-out items (of 17) are forgotten, the moved one is not.
    second.remove();
    await model(live);
    expect(live.index.stats.leftOut).toBe(left - 16);
    // The first page goes too: its 7 are forgotten (read from the document, looked at one by one).
    first.remove();
    await model(live);
    expect(live.index.stats.leftOut).toBe(left - 16 - 7);
  });

  it('asks again which fields are named when the focus changes (no answer kept from the last focus)', async () => {
    history.replaceState({}, '', '/lightning/r/Opportunity/006Dn000004AbCdIAK/view');
    document.body.append(recordPage(10));
    const live = startLive(['Field 4']);
    expect((await model(live)).fields.map((f) => f.label)).toEqual(['Field 4']);
    live.focus(['Field 6', 'F4__c']);
    expect((await model(live)).fields.map((f) => f.label)).toEqual(['Field 4', 'Field 6']);
    navigate(10);
    expect((await model(live)).fields.map((f) => f.label)).toEqual(['Field 4', 'Field 6']);
  });

  it('without a focus reads every field inside (what "What the coach sees" needs)', async () => {
    history.replaceState({}, '', '/lightning/r/Opportunity/006Dn000004AbCdIAK/view');
    document.body.append(recordPage(10));
    const live = startLive(null);
    await model(live);
    const before = live.index.stats.roots;
    navigate(100);
    const m = await model(live);
    // Each item's root and each non-empty value's root, the rows, layout and block.
    expect(live.index.stats.roots - before).toBe(100 + 66 + 50 + 2);
    // Every field listed, with what is inside it (a value sits in a root of its own).
    expect(m.fields).toHaveLength(100);
    expect(m.fields.filter((f) => !f.empty)).toHaveLength(66);
  });

  it('gives the full read of every named field, follows a left-out field once it is named, and lists every field once the focus is dropped', async () => {
    history.replaceState({}, '', '/lightning/r/Opportunity/006Dn000004AbCdIAK/view');
    document.body.append(recordPage(30));
    const live = startLive(NAMES);
    const snap = (m: PageModel) => m.fields.map((f) => ({ label: f.label, apiName: f.apiName, value: f.value, empty: f.empty, required: f.required, visible: f.visible, section: f.section, element: f.element }));
    const named = (m: PageModel, names: readonly string[]) => ({ ...m, fields: names.map((n) => findField(m, n)!) });
    let m = await model(live);
    const full = salesforceAdapter.read(document, url(), ctx);
    expect(snap(m)).toEqual(snap(named(full, NAMES)));
    /** The item of a field, through the shadow roots. */
    const itemOf = (label: string): Element => {
      const walk = (root: ParentNode): Element | undefined => {
        for (const el of root.querySelectorAll('*')) {
          if (el.getAttribute('field-label') === label) return el;
          const inner = el.shadowRoot && walk(el.shadowRoot);
          if (inner) return inner;
        }
      };
      return walk(document)!;
    };

    // A left-out field renamed to a name the packs use: listed and followed from then on.
    const eight = itemOf('Field 8');
    eight.setAttribute('field-label', 'Field 9');
    m = await model(live);
    expect(m.fields.map((f) => f.element)).toContain(eight);
    eight.shadowRoot!.querySelector('lightning-formatted-text')!.remove();
    m = await model(live);
    expect(m.fields.find((f) => f.element === eight)).toMatchObject({ empty: true, value: '' });

    // Focus dropped (the panel opened): every field is listed, read inside, and followed.
    live.focus(null);
    m = await model(live);
    expect(m.fields).toHaveLength(30);
    expect(snap(m)).toEqual(snap(salesforceAdapter.read(document, url(), ctx)));
    const ten = m.fields.find((f) => f.label === 'Field 10')!;
    ten.element.shadowRoot!.querySelector('lightning-formatted-text')!.remove();
    const next = await model(live);
    expect(next).not.toBe(m);
    expect(findField(next, 'Field 10')).toMatchObject({ empty: true });
    expect(snap(next)).toEqual(snap(salesforceAdapter.read(document, url(), ctx)));
  });
});

// The index asks the reader's `named` before it matches any selector (live-index.ts prunes), so
// `named` may say "leave out" (false) only for a field container.
describe('Lightning named(): false only for field containers', () => {
  it('holds for every element of the Lightning fixtures, with names they use and names they do not', async () => {
    const { loadFixture, routes } = await import('./fixture');
    const { deepQueryAll } = await import('@/utils/crm/dom');
    const reader = salesforceAdapter.createLiveReader!()!;
    const keySets = [new Set(['amount', 'closedate', 'stagename']), new Set(['nosuchfield']), new Set<string>()];
    const lightning = routes().filter((r) => r.url.includes('.lightning.force.com'));
    const files = [...new Set(lightning.map((r) => r.file))];
    expect(files.length).toBeGreaterThan(1);
    let leftOut = 0;
    for (const file of files) {
      const page = await loadFixture(file, lightning.find((r) => r.file === file)!.url);
      try {
        for (const el of deepQueryAll(page.doc, '*', page.shadowRootOf)) {
          for (const keys of keySets) {
            if (reader.named!(el, keys) !== false) continue;
            leftOut++;
            expect(el.matches(reader.selectors[0]), `${file}: <${el.localName}> left out but not a container`).toBe(true);
          }
        }
      } finally {
        await page.close();
      }
    }
    // The check saw containers left out (it would pass vacuously otherwise).
    expect(leftOut).toBeGreaterThan(10);
  });

  it('keeps other elements that carry field-like attributes', () => {
    const reader = salesforceAdapter.createLiveReader!()!;
    const keys = new Set(['amount']);
    const odd = document.createElement('lightning-input');
    odd.setAttribute('field-label', 'Close Date');
    odd.setAttribute('data-target-selection-name', 'sfdc:QuickAction.Close');
    expect(reader.named!(odd, keys)).not.toBe(false);
    const plain = document.createElement('div');
    plain.setAttribute('field-label', 'Stage');
    expect(reader.named!(plain, keys)).not.toBe(false);
  });
});
