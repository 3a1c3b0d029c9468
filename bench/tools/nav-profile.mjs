// Where does a navigation's work go? Loads the heavy page (2,000 fields by default) with an
// extension build, lets the coach settle, then runs SPA navigations one at a time (each followed
// by a quiet gap, so each one's work is its own batches) under the V8 sampling profiler, and
// prints the content script's `crm-coach:batch` measures and its hottest functions.
//
//   node bench/tools/nav-profile.mjs [extension dir] [fields] [navigations]
//   CHURN_MS=10000 node bench/tools/nav-profile.mjs [dir] [fields] 1   # churn, no navigation
//   NO_PROFILE=1 …   # batch figures only, without the profiler's own cost in them
//
// Default dir .output/chrome-mv3-bench (npm run bench builds it). For readable names, build it
// unminified: BENCH_UNMINIFIED=1 when building (bench/wxt.bench.config.ts).
import path from 'node:path';
import { BENCH_EXTENSION_DIR } from '../lib/config.mjs';
import { EXTENSION_ORIGIN, coachEntries, openHeavyPage, sleep, startProfiler, stopProfiler } from '../lib/browser.mjs';
import { printHot } from '../lib/profile.mjs';

const extDir = path.resolve(process.argv[2] ?? BENCH_EXTENSION_DIR);
const fields = Number(process.argv[3] ?? 2000);
const navs = Number(process.argv[4] ?? 8);
const { session, page, close } = await openHeavyPage(extDir, fields);
try {
  const cdp = await session.context.newCDPSession(page);
  await sleep(2000);
  const t0 = await page.evaluate(() => performance.now());
  const profiling = process.env.NO_PROFILE !== '1';
  if (profiling) await startProfiler(cdp, 100);
  // CHURN_MS=10000: the page's churn without navigations instead (what a quiet batch costs).
  const churnMs = Number(process.env.CHURN_MS ?? 0);
  // CHURN_NAVS=1: with the page's own navigations, as the bench's churn rounds run.
  const churnOpts = process.env.CHURN_NAVS === '1' ? {} : { navEvery: 1e9 };
  if (churnMs) await page.evaluate(([ms, o]) => window.__crmBench.churn(ms, o), [churnMs, churnOpts]);
  else await page.evaluate((n) => window.__crmBench.navigate(n, 800), navs);
  await sleep(1000);
  const profile = profiling ? await stopProfiler(cdp) : null;
  const batches = (await coachEntries(page)).filter((e) => e.name === 'crm-coach:batch' && e.start >= t0);
  const big = batches.filter((b) => b.duration > 2);
  console.log(`${batches.length} batches after the first navigation; over 2 ms: ${big.map((b) => b.duration.toFixed(1)).join(', ')}`);
  console.log(`per navigation (sum of batches / ${navs}): ${(batches.reduce((s, b) => s + b.duration, 0) / navs).toFixed(1)} ms`);
  const sorted = batches.map((b) => b.duration).sort((a, b) => a - b);
  console.log(`median batch ${(sorted[Math.floor(sorted.length / 2)] ?? 0).toFixed(2)} ms, max ${(sorted.at(-1) ?? 0).toFixed(1)} ms`);
  if (profile) printHot(profile, EXTENSION_ORIGIN, navs);
  // SAVE_PROFILE=file: the raw profile (nodes carry positionTicks: time per source line).
  if (profile && process.env.SAVE_PROFILE) (await import('node:fs')).writeFileSync(process.env.SAVE_PROFILE, JSON.stringify(profile));
} finally {
  await close();
}
