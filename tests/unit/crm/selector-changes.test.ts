import { afterEach, describe, expect, it } from 'vitest';
import { selectorDeps, selectorMayChange, summarizeChanges, type ChangeSummary } from '@/utils/crm/selector-changes';

/** Test markup (ours, not pack text) into a node. */
const markup = (into: ParentNode, html: string) => into.replaceChildren(document.createRange().createContextualFragment(html));
const none = (): Set<string> => new Set();
const summary = (s: Partial<ChangeSummary>): ChangeSummary => ({ everything: false, nodes: none(), texts: none(), attrs: none(), input: false, ...s });

describe('selectorDeps', () => {
  it('reads the features each compound requires, the attributes read and the structure', () => {
    const d = selectorDeps('div.nope-1 span, main *:not(.x-1)')!;
    expect(d.chains).toEqual([[['<div', '.nope-1'], ['<span']], [['<main'], []]]);
    expect([...d.attrs]).toEqual(['class']);
    expect(d.structural).toBe(false);
    expect(d.state).toBe(false);
    const e = selectorDeps("Button#Save[name='Edit'] > .Icon")!;
    expect(e.chains).toEqual([[['<button', '#save', '[name'], ['.icon']]]);
    expect(new Set(e.attrs)).toEqual(new Set(['id', 'name', 'class']));
  });

  it('marks sibling combinators and positional pseudo-classes as structural, form state as state', () => {
    expect(selectorDeps('label + input')!.structural).toBe(true);
    expect(selectorDeps('h2 ~ p')!.structural).toBe(true);
    expect(selectorDeps('li:nth-child(2n+1) a')!.structural).toBe(true);
    expect(selectorDeps('li:not(:first-child)')!.structural).toBe(true);
    expect(selectorDeps('td:empty')!.structural).toBe(true);
    const checked = selectorDeps('input:checked')!;
    expect(checked.state).toBe(true);
    expect(checked.attrs.has('checked')).toBe(true);
    expect(selectorDeps('button:disabled')!.attrs.has('disabled')).toBe(true);
  });

  it('gives up (null: any change may matter) on what it cannot read', () => {
    expect(selectorDeps('.a\\:b')).toBeNull();
    expect(selectorDeps('div:has(span)')).toBeNull();
    expect(selectorDeps('div[')).toBeNull();
  });
});

describe('selectorMayChange (pure)', () => {
  const hostile = selectorDeps('div.nope-1 span, main *:not(.x-1)');

  it('says yes to everything, and to a selector it could not read', () => {
    expect(selectorMayChange(hostile, true, summary({ everything: true }))).toBe(true);
    expect(selectorMayChange(null, false, summary({ attrs: new Set(['style']) }))).toBe(true);
  });

  it('says no when nothing was touched', () => {
    expect(selectorMayChange(hostile, true, summary({}))).toBe(false);
  });

  it('needs every compound of one selector among the touched elements', () => {
    // A churn row added under body > div: no `main` anywhere, no `span`.
    const churn = summary({ nodes: new Set(['<div', '.churn-3', '<body', '<html']) });
    expect(selectorMayChange(hostile, true, churn)).toBe(false);
    // The same row added inside main.
    expect(selectorMayChange(hostile, true, summary({ nodes: new Set(['<div', '<main', '<body', '<html']) }))).toBe(true);
    // `div.nope-1 span` needs all three features.
    const d = selectorDeps('div.nope-1 span');
    expect(selectorMayChange(d, false, summary({ nodes: new Set(['<div', '<span']) }))).toBe(false);
    expect(selectorMayChange(d, false, summary({ nodes: new Set(['<div', '.nope-1', '<span']) }))).toBe(true);
  });

  it('decides on attribute names the selector reads, and aria-label/slot for text targets only', () => {
    const edit = selectorDeps("button[name='Edit']");
    expect(selectorMayChange(edit, false, summary({ attrs: new Set(['class', 'style']) }))).toBe(false);
    expect(selectorMayChange(edit, false, summary({ attrs: new Set(['name']) }))).toBe(true);
    expect(selectorMayChange(edit, false, summary({ attrs: new Set(['aria-label']) }))).toBe(false);
    expect(selectorMayChange(edit, true, summary({ attrs: new Set(['aria-label']) }))).toBe(true);
  });

  it('lets text changes matter only to text targets', () => {
    const textOnly = summary({ texts: new Set(['<button', '<div', '<body', '<html']) });
    const button = selectorDeps('button');
    expect(selectorMayChange(button, false, textOnly)).toBe(false);
    expect(selectorMayChange(button, true, textOnly)).toBe(true);
    expect(selectorMayChange(selectorDeps('a.link'), true, textOnly)).toBe(false);
  });

  it('re-checks structural selectors on any added or removed node, state ones on input', () => {
    const sib = selectorDeps('label + input.x');
    expect(selectorMayChange(sib, false, summary({ nodes: new Set(['<p']) }))).toBe(true);
    expect(selectorMayChange(sib, false, summary({ texts: new Set(['<p']) }))).toBe(false);
    expect(selectorMayChange(selectorDeps('input:checked'), false, summary({ input: true }))).toBe(true);
    expect(selectorMayChange(selectorDeps('input.x'), false, summary({ input: true }))).toBe(false);
  });
});

describe('summarizeChanges (real mutation records)', () => {
  afterEach(() => document.body.replaceChildren());

  /** Runs `mutate` under an observer of the whole document and summarises its records. */
  async function changesOf(mutate: () => void, shadowRootOf?: (el: Element) => ShadowRoot | null): Promise<ChangeSummary> {
    const records: MutationRecord[] = [];
    const mo = new MutationObserver((r) => records.push(...r));
    mo.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
    for (const host of document.querySelectorAll('x-host')) if (host.shadowRoot) mo.observe(host.shadowRoot, { childList: true, subtree: true, characterData: true, attributes: true });
    mutate();
    await Promise.resolve();
    records.push(...mo.takeRecords());
    mo.disconnect();
    return summarizeChanges({ everything: false, records, input: false }, shadowRootOf);
  }

  it('holds the added and removed subtrees with their ancestors, and changed attribute names', async () => {
    markup(document.body, '<main class="M"><section id="S"><p class="keep">x</p></section></main><div id="box"></div>');
    const c = await changesOf(() => {
      const row = document.createElement('div');
      row.className = 'Churn-1';
      row.append(document.createElement('span'));
      document.getElementById('box')!.append(row);
      document.querySelector('.keep')!.remove();
      document.getElementById('S')!.setAttribute('data-state', 'open');
    });
    for (const f of ['.churn-1', '<span', '#box', '<body', '<html', '.keep', '<p', '#s', '.m', '<main']) expect(c.nodes.has(f), f).toBe(true);
    expect([...c.attrs]).toEqual(['data-state']);
    expect(c.everything).toBe(false);
    // The hostile selector tip: a row under #box cannot concern `main *`; one removed from main can.
    expect(selectorMayChange(selectorDeps('div.nope-1 span, main *:not(.x-1)'), true, c)).toBe(true);
  });

  it('a churn row outside main does not concern the hostile selector tips', async () => {
    markup(document.body, '<main><p>a</p></main><div id="box"></div>');
    const c = await changesOf(() => {
      const row = document.createElement('div');
      row.className = 'churn-1';
      row.textContent = 'row 1';
      document.getElementById('box')!.append(row);
    });
    expect(selectorMayChange(selectorDeps('div.nope-1 span, main *:not(.x-1)'), true, c)).toBe(false);
  });

  it('puts changed text on its own set, with the ancestors of the text', async () => {
    markup(document.body, '<button class="save"><b>Sav</b></button>');
    const c = await changesOf(() => {
      (document.querySelector('b')!.firstChild as Text).data = 'Save';
    });
    expect(c.nodes.size).toBe(0);
    expect(c.texts.has('.save')).toBe(true);
    expect(selectorMayChange(selectorDeps('button.save'), true, c)).toBe(true);
    expect(selectorMayChange(selectorDeps('button.save'), false, c)).toBe(false);
  });

  it('reads into shadow trees: an added host, and light children a host shows through a slot', async () => {
    markup(document.body, '<x-host id="h"><span>light</span></x-host>');
    const h = document.getElementById('h')!;
    const sr = h.attachShadow({ mode: 'open' });
    markup(sr, '<button class="inner"><slot></slot></button>');
    const c = await changesOf(() => {
      h.append(document.createTextNode('more'));
      const added = document.createElement('x-card');
      markup(added.attachShadow({ mode: 'open' }), '<a class="deep">go</a>');
      document.body.append(added);
    });
    expect(c.nodes.has('.inner'), 'the host shows its light children inside its shadow tree').toBe(true);
    expect(c.nodes.has('.deep'), "an added host's shadow tree").toBe(true);
  });

  it('says everything when a batch is too big to summarise', async () => {
    markup(document.body, '<div id="box"></div>');
    const c = await changesOf(() => {
      const box = document.getElementById('box')!;
      for (let i = 0; i < 60; i++) {
        const d = document.createElement('div');
        for (let k = 0; k < 100; k++) d.append(document.createElement('i'));
        box.append(d);
      }
    });
    expect(c.everything).toBe(true);
  });
});
