// Shadow roots attached after their host is in the page make no mutation record. The reports
// (utils/crm/shadow-root.ts, run at document_start: reportLateShadowRoots in Chromium's main world,
// reportLateShadowRootsInPageRealm from Firefox's isolated world) let the watcher find them
// without polling; without one the fields inside are never seen.
import { afterEach, describe, expect, it } from 'vitest';
import { loadFixture, type Loaded } from './fixture';
import { createLivePage } from '@/utils/crm/live-page';
import { watchPage } from '@/utils/crm/watch';
import { reportLateShadowRoots, reportLateShadowRootsInPageRealm, SHADOW_ROOT_EVENT, shadowRootOf } from '@/utils/crm/shadow-root';
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
type Report = 'main-world' | 'page-realm' | 'none';

/**
 * What Firefox's content script sees: the page's window behind its Xray waiver (the JavaScript
 * built-ins a happy-dom window lacks, such as Proxy, are this realm's).
 */
const throughXray = (w: Window): Window => {
  const page = new Proxy(w, { get: (t, k) => (t as unknown as Record<PropertyKey, unknown>)[k] ?? (globalThis as unknown as Record<PropertyKey, unknown>)[k] });
  return { wrappedJSObject: page } as unknown as Window;
};

async function watchLatePage(report: Report): Promise<{ model: () => PageModel | null | undefined; changes: () => number; probes: () => number }> {
  let page: ReturnType<typeof createLivePage> | null = null;
  let changes = 0;
  let probes = 0;
  l = await loadFixture('salesforce/late-shadow.html', URL_, {
    settle: false,
    beforeWrite: (w) => {
      if (report === 'main-world') reportLateShadowRoots(w as unknown as Window & typeof globalThis);
      if (report === 'page-realm') reportLateShadowRootsInPageRealm(throughXray(w as unknown as Window));
    },
  });
  const loaded = l;
  // happy-dom writes the page with document.write, which (as document.open() does) drops the
  // document's listeners, the report's answer to the watcher's ping among them; a document_start
  // script in a real page is never written over. Installing again answers again (idempotent).
  if (report === 'main-world') reportLateShadowRoots(loaded.window as unknown as Window & typeof globalThis);
  // The browser's probe for closed roots, counted (Chromium's chrome.dom call is the costly one).
  const sro = loaded.shadowRootOf && ((el: Element) => (probes++, loaded.shadowRootOf!(el)));
  page = createLivePage(loaded.doc, sro);
  const ac = new AbortController();
  stops.push(ac);
  watchPage({ doc: loaded.doc, onChange: () => changes++, signal: ac.signal, shadowRootOf: sro, index: page.index });
  const ctx = { salt: 's', shadowRootOf: sro };
  const before = page.step(loaded.url(), ctx, [], Infinity);
  // The coach started before any root was attached: it sees the title, no field yet.
  expect(before?.fields).toEqual([]);
  await (loaded.window as unknown as { lateShadowDone: Promise<void> }).lateShadowDone;
  // One watcher batch (an animation frame, or a 16 ms timer in this DOM) after the last attach.
  await wait(100);
  return { model: () => page!.step(loaded.url(), ctx, [], Infinity), changes: () => changes, probes: () => probes };
}

describe('late shadow roots', () => {
  it.each(['main-world', 'page-realm'] as const)('are found through the %s report, open and closed, and their fields read', async (report) => {
    const { model, changes } = await watchLatePage(report);
    const m = model()!;
    expect(changes()).toBeGreaterThan(0);
    expect(m.fields.map((f) => f.label)).toEqual(['Opportunity Name', 'Amount', 'Close Date', 'Next Step', 'Stage', 'Type', 'Lead Source']);
    expect(m.fields.filter((f) => f.empty).map((f) => f.label)).toEqual(['Amount', 'Next Step', 'Type']);
    // Assistive text of the inline-edit buttons ("Edit Amount") is not a value.
    expect(m.fields.find((f) => f.label === 'Amount')?.value).toBe('');
  });

  it.each([
    ['main-world', 0],
    ['none', 1],
  ] as const)('with the %s report, hosts seen without a root are probed again on a batch with no report: %i time(s) per batch', async (report, perBatch) => {
    const { model, probes } = await watchLatePage(report);
    model();
    const doc = l!.doc;
    // A custom element that never gets a root, then batches of changes that attach none.
    doc.body.append(doc.createElement('quiet-widget'));
    await wait(60);
    model();
    const before = probes();
    for (let i = 0; i < 5; i++) {
      doc.body.append(doc.createElement('p'));
      await wait(60);
    }
    expect(probes() - before >= 5 * perBatch).toBe(true);
    if (perBatch === 0) expect(probes() - before).toBe(0);
  });

  it('without the report they stay unseen (no mutation announces them)', async () => {
    const { model } = await watchLatePage('none');
    expect(model()!.fields).toEqual([]);
  });

  it('a forged report only makes the watcher look: nothing is read that is not there, nothing changes', async () => {
    const { model } = await watchLatePage('main-world');
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

  it("the page-realm report is made of the page's own objects: same root, same errors, a ping on the document first", async () => {
    l = await loadFixture('salesforce/late-shadow.html', URL_);
    const w = l.window as unknown as Window & typeof globalThis;
    const original = w.Element.prototype.attachShadow;
    reportLateShadowRootsInPageRealm(throughXray(w));
    expect(w.Element.prototype.attachShadow).not.toBe(original);
    const pings: string[] = [];
    l.doc.addEventListener(SHADOW_ROOT_EVENT, (e) => pings.push(`${(e.target as Node).nodeName}:${l!.doc.querySelector('probe-box')?.shadowRoot ? 'after' : 'before'}`));
    const box = l.doc.createElement('probe-box');
    l.doc.body.append(box);
    const root = box.attachShadow({ mode: 'open' });
    expect(box.shadowRoot).toBe(root);
    expect(shadowRootOf(box)).toBe(root);
    expect(() => box.attachShadow({ mode: 'open' })).toThrow();
    // Dispatched before the original runs (the watcher looks on its next frame), on the document.
    expect(pings).toEqual(['#document:before', '#document:after']);
    // Not Firefox (no Xray waiver): nothing changes.
    const plain = l.doc.createElement('div').attachShadow;
    reportLateShadowRootsInPageRealm(w);
    expect(l.doc.createElement('div').attachShadow).toBe(plain);
  });
});
