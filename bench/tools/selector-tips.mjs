// Extension work per batch on a churning Salesforce page with a pack of selector tips installed
// (issue 12: "no batch of extension work over 50 ms"). Not part of `npm run bench`: run it on its own.
//
//   NODE_ENV=production npx wxt build --mode bench -c bench/wxt.bench.config.ts   (bench/README.md)
//   node bench/tools/selector-tips.mjs [selector-tips-100.json|selector-tips-2000.json] [extension dir]
//
// Prints the `crm-coach:batch` measures (one per update of the content script) and, from a V8
// CPU profile (0.5 ms samples), the content script's time and its longest run of consecutive
// samples (an upper bound of its longest task), plus the page's longest task (PerformanceObserver).
// PROFILE_OUT=file.cpuprofile keeps the profile (open it in Chromium's DevTools).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { launch, openCrm, openOptions, overlay, route, ROOT } from '../../tests/e2e/harness.mjs';
import { BENCH_EXTENSION_DIR } from '../lib/config.mjs';
import { EXTENSION_ORIGIN, startProfiler, stopProfiler } from '../lib/browser.mjs';
import { attributeProfile } from '../lib/profile.mjs';
import { summarize } from '../lib/stats.mjs';
import { churn, longestTask, watchLongTasks } from '../../tests/e2e/churn.mjs';

const file = process.argv[2] ?? 'selector-tips-100.json';
const extensionDir = process.argv[3] ?? BENCH_EXTENSION_DIR;
const corpus = (name) => readFileSync(path.join(ROOT, 'tests/fixtures/packs/hostile', name), 'utf8');

const session = await launch({ extensionDir, headless: true });
try {
  const options = await openOptions(session);
  const packId = JSON.parse(corpus(file)).id;
  await options.getByLabel('Import pack file').setInputFiles({ name: file, mimeType: 'application/json', buffer: Buffer.from(corpus(file)) });
  await options.locator(`[data-coach-pack="${packId}"]`).waitFor({ timeout: 60_000 });
  const page = await openCrm(session, route({ crm: 'salesforce', object: 'Opportunity', page: 'record' }));
  await overlay(page).getByRole('button', { name: 'CRM Coach' }).waitFor({ timeout: 30_000 });
  // SETTLE_MS: let the first checks of every selector finish before measuring (0: measure from the coach's first view, as the e2e does).
  await page.waitForTimeout(Number(process.env.SETTLE_MS ?? 0));
  await page.evaluate(() => performance.clearMeasures('crm-coach:batch'));
  await watchLongTasks(page);
  const cdp = await page.context().newCDPSession(page);
  await startProfiler(cdp, 500);
  // The churn of tests/e2e/hostile.test.mjs: 60 changes in 3 s.
  await churn(page);
  await page.waitForTimeout(500);
  const profile = await stopProfiler(cdp);
  if (process.env.PROFILE_OUT) writeFileSync(process.env.PROFILE_OUT, JSON.stringify(profile));
  const batches = await page.evaluate(() => performance.getEntriesByName('crm-coach:batch').map((e) => e.duration));
  const longest = await longestTask(page);
  const ext = attributeProfile(profile, EXTENSION_ORIGIN);
  const s = summarize(batches);
  const r = (v) => Math.round(v * 10) / 10;
  console.log(JSON.stringify({
    file,
    batches: s.count,
    batchMs: { median: r(s.median), p99: r(s.p99), max: r(s.max) },
    batchesOver50ms: batches.filter((d) => d > 50).length,
    contentScriptMs: r(ext.attributedMs),
    contentScriptLongestRunMs: r(ext.longestRunMs),
    pageLongestTaskMs: longest,
    topFunctions: ext.topFunctions.slice(0, 6).map((f) => `${r(f.ms)} ms ${f.frame}`),
  }, null, 2));
} finally {
  await session.close?.();
}
