// Shadow roots attached after their host is in the page make no mutation record. The main-world
// report (utils/crm/shadow-root.ts reportLateShadowRoots, run at document_start) lets the
// watcher find them without polling; without it the fields inside are never seen.
import { afterEach, describe, expect, it } from 'vitest';
import { loadFixture, type Loaded } from './fixture';
import { createLivePage } from '@/utils/crm/live-page';
import { watchPage } from '@/utils/crm/watch';
import { reportLateShadowRoots, SHADOW_ROOT_EVENT, shadowRootOf } from '@/utils/crm/shadow-root';
import type { PageModel } from '@/utils/crm/types';

const URL_ = 'https://late.lightning.force.com/lightning/r/Opportunity/006Dn000004AbCdIAK/view';
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

let l: Loaded | null = null;
const stops: AbortController[] = [];
afterEach(async () => {
  while (stops.length) stops.pop()!.abort();
  await l?.close();
  l = null;
});

/** Loads the page with the coach watching from the start, then waits until every root is attached. */
async function watchLatePage(report: boolean): Promise<{ model: () => PageModel | null | undefined; changes: () => number }> {
  let page: ReturnType<typeof createLivePage> | null = null;
  let changes = 0;
  l = await loadFixture('salesforce/late-shadow.html', URL_, {
    settle: false,
    beforeWrite: (w) => {
      if (report) reportLateShadowRoots(w as unknown as Window & typeof globalThis);
    },
  });
  const loaded = l;
  page = createLivePage(loaded.doc, loaded.shadowRootOf);
  const ac = new AbortController();
  stops.push(ac);
  watchPage({ doc: loaded.doc, onChange: () => changes++, signal: ac.signal, shadowRootOf: loaded.shadowRootOf, index: page.index });
  const ctx = { salt: 's', shadowRootOf: loaded.shadowRootOf };
  const before = page.step(loaded.url(), ctx, [], Infinity);
  // The coach started before any root was attached: it sees the title, no field yet.
  expect(before?.fields).toEqual([]);
  await (loaded.window as unknown as { lateShadowDone: Promise<void> }).lateShadowDone;
  // One watcher batch (an animation frame, or a 16 ms timer in this DOM) after the last attach.
  await wait(100);
  return { model: () => page!.step(loaded.url(), ctx, [], Infinity), changes: () => changes };
}

describe('late shadow roots', () => {
  it('are found through the main-world report, open and closed, and their fields read', async () => {
    const { model, changes } = await watchLatePage(true);
    const m = model()!;
    expect(changes()).toBeGreaterThan(0);
    expect(m.fields.map((f) => f.label)).toEqual(['Opportunity Name', 'Amount', 'Close Date', 'Next Step', 'Stage', 'Type', 'Lead Source']);
    expect(m.fields.filter((f) => f.empty).map((f) => f.label)).toEqual(['Amount', 'Next Step', 'Type']);
    // Assistive text of the inline-edit buttons ("Edit Amount") is not a value.
    expect(m.fields.find((f) => f.label === 'Amount')?.value).toBe('');
  });

  it('without the report they stay unseen (no mutation announces them)', async () => {
    const { model } = await watchLatePage(false);
    expect(model()!.fields).toEqual([]);
  });

  it('a forged report only makes the watcher look: nothing is read that is not there, nothing changes', async () => {
    const { model } = await watchLatePage(true);
    const doc = l!.doc;
    const serialize = () => new (l!.window.XMLSerializer as unknown as typeof XMLSerializer)().serializeToString(doc);
    const html = serialize();
    const before = model()!.fields.map((f) => f.label);
    for (let i = 0; i < 50; i++) doc.body.dispatchEvent(new (l!.window.Event as unknown as typeof Event)(SHADOW_ROOT_EVENT, { bubbles: true, composed: true }));
    await wait(100);
    expect(model()!.fields.map((f) => f.label)).toEqual(before);
    expect(serialize()).toBe(html);
  });

  it('the wrapper is transparent: same root, same errors, installed once', async () => {
    l = await loadFixture('salesforce/late-shadow.html', URL_);
    const w = l.window as unknown as Window & typeof globalThis;
    reportLateShadowRoots(w);
    const wrapped = w.Element.prototype.attachShadow;
    reportLateShadowRoots(w);
    expect(w.Element.prototype.attachShadow).toBe(wrapped);
    const div = l.doc.createElement('div');
    const root = div.attachShadow({ mode: 'open' });
    expect(div.shadowRoot).toBe(root);
    expect(() => div.attachShadow({ mode: 'open' })).toThrow();
    expect(shadowRootOf(div)).toBe(root);
  });
});
