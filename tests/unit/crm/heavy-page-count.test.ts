// The benchmark's heavy page (bench/heavy-page.mjs) in happy-dom, read live with the built-in
// Salesforce starter pack's field names in focus: a navigation's work counted (elements walked,
// shadow roots observed), not timed. Without a focus the index walks the whole new page.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { heavyPageHtml, HEAVY_URL } from '../../../bench/heavy-page.mjs';
import { createLivePage } from '@/utils/crm/live-page';
import { watchPage } from '@/utils/crm/watch';
import { fieldNamesUsed } from '@/utils/coach/signature';
import { findField } from '@/utils/crm/targets';
import type { Pack } from '@/utils/packs/types';

const STARTER = JSON.parse(readFileSync(join(__dirname, '../../../public/packs/salesforce-starter.json'), 'utf8')) as Pack;

async function navigationWork(fields: number, names: readonly string[] | null, quiet = false) {
  const window = new Window({ url: HEAVY_URL, settings: { enableJavaScriptEvaluation: true, suppressInsecureJavaScriptEnvironmentWarning: true } });
  const doc = window.document as unknown as Document;
  doc.write(heavyPageHtml({ fields }));
  await window.happyDOM.waitUntilComplete();
  const bench = (window as unknown as { __crmBench: { ready: Promise<boolean>; navigate(n: number, gap: number): Promise<unknown> } }).__crmBench;
  await bench.ready;
  const live = createLivePage(doc);
  live.focus(names);
  live.index.quiet(quiet);
  const ac = new AbortController();
  watchPage({ doc, onChange: () => {}, signal: ac.signal, index: live.index });
  const ctx = { salt: 's' };
  const url = () => new URL(window.location.href);
  // Focused, the model lists the named fields only (the starter pack names fields the page has and some it has not).
  const first = live.step(url(), ctx, [], Infinity)!.fields.length;
  if (names) expect(first).toBeLessThanOrEqual(names.length);
  else expect(first).toBe(fields);
  const before = { ...live.index.stats };
  await bench.navigate(1, 0);
  await window.happyDOM.waitUntilComplete();
  const m = live.step(url(), ctx, [], Infinity)!;
  const work = { elements: live.index.stats.elements - before.elements, roots: live.index.stats.roots - before.roots, quiet: live.index.stats.quiet };
  const nudged = ['Next Step', 'Amount', 'Close Date'].map((n) => findField(m, n)?.empty);
  ac.abort();
  await window.happyDOM.close();
  return { work, fields: m.fields.length, nudged };
}

describe('a navigation on the heavy bench page', () => {
  it('walks and observes what the starter pack names, not the whole page', async () => {
    const names = fieldNamesUsed([STARTER]);
    expect(names.length).toBeGreaterThan(0);
    const full = await navigationWork(200, null);
    const focused = await navigationWork(200, names);
    // Same model where the engine looks (the nudged fields empty); focused, no field the packs do not name.
    expect(full.fields).toBe(200);
    expect(focused.fields).toBeGreaterThan(0);
    expect(focused.fields).toBeLessThanOrEqual(names.length);
    expect(focused.nudged).toEqual([true, true, true]);
    expect(full.nudged).toEqual([true, true, true]);
    console.info(`heavy page, 200 fields, one navigation: ${JSON.stringify(full.work)} without a focus, ${JSON.stringify(focused.work)} with the starter pack's ${names.length} names`);
    // The whole page: each field's item and value roots. Focused: the rows and the named fields.
    expect(full.work.roots).toBeGreaterThan(2 * 200);
    expect(focused.work.roots).toBeLessThan(200 / 2 + 40);
    expect(focused.work.elements * 3).toBeLessThan(full.work.elements);
  });

  it('with quiet roots, observes only the roots that hold something to follow, and reads the same', async () => {
    const names = fieldNamesUsed([STARTER]);
    const focused = await navigationWork(200, names);
    const quiet = await navigationWork(200, names, true);
    console.info(`heavy page, 200 fields, one navigation, focused: ${JSON.stringify(focused.work)}; with quiet roots: ${JSON.stringify(quiet.work)}`);
    expect(quiet.fields).toBe(focused.fields);
    expect(quiet.nudged).toEqual([true, true, true]);
    // The same walk; the rows holding only fields no pack names (95 of the 100 rows) go unobserved.
    expect(quiet.work.elements).toBe(focused.work.elements);
    expect(focused.work.roots - quiet.work.roots).toBe(95);
    // Remembered (not observed) until an input or a need for every change: the first page's and the new one's.
    expect(quiet.work.quiet).toBe(2 * 95);
  });
});
