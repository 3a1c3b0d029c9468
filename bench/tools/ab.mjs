// Two extension builds side by side on the bench's heavy page under churn, by the protocol of
// section 2 (both browsers open at once, windows in ABBA order): which build costs the page less?
// Prints the page's task, script, layout and style time per build and the ratio B / A. Run it
// with the same directory twice to see the noise.
//   node bench/tools/ab.mjs <dir A> <dir B> [rounds] [window ms]
//   TRACE=1 …   # also traces every window and prints the trace events whose self time differs most,
//               # the tasks' CPU time beside their wall time, and the frames and paints of each
//   NAV_EVERY=1e9 …   # re-renders and toggles only, no navigation (what costs between navigations)
import path from 'node:path';
import { startServer } from '../../tests/e2e/server.mjs';
import { metricDeltas, metrics, openOnHeavyPage, sleep } from '../lib/browser.mjs';
import { serveHeavyPage, warmupTicks, windowTicks } from '../heavy-page.mjs';
import { startTrace } from '../lib/trace.mjs';
import { addSelfTimes, printSelfDiff, selfTimes } from '../lib/self-times.mjs';

const TRACE = process.env.TRACE === '1';
/** NAV_EVERY=<ticks>: navigate every that many ticks (the page's default 60; a huge number: none). */
const NAV_EVERY = Number(process.env.NAV_EVERY ?? 60);
const CATEGORIES = ['devtools.timeline', 'toplevel', 'v8', 'blink', 'cc', 'disabled-by-default-devtools.timeline'];

// `none` for a browser without the extension.
const [dirA, dirB] = [process.argv[2], process.argv[3]].map((d) => (d === 'none' ? null : path.resolve(d)));
const rounds = Number(process.argv[4] ?? 6);
const windowMs = Number(process.argv[5] ?? 3000);
const server = await startServer();
const url = serveHeavyPage(server, { fields: 2000 });

async function open(dir) {
  const opened = await openOnHeavyPage(server, url, dir);
  await opened.cdp.send('Performance.enable');
  await sleep(2000);
  return { ...opened, sums: { taskMs: 0, scriptMs: 0, layoutMs: 0, styleMs: 0 }, traced: { self: new Map() } };
}

async function churn(v, count = true, ticks = windowTicks(windowMs)) {
  const stop = TRACE && count ? await startTrace(v.cdp, CATEGORIES) : null;
  const m0 = await metrics(v.cdp);
  await v.page.evaluate(([t, n, nav]) => window.__crmBench.churn(t, { ticks: n, navEvery: nav }), [windowMs, ticks, NAV_EVERY]);
  const d = metricDeltas(m0, await metrics(v.cdp));
  if (count) for (const k of Object.keys(v.sums)) v.sums[k] += d[k];
  if (stop) {
    addSelfTimes(v.traced, selfTimes(await stop()));
  }
}

// B_FIRST=1: launch B's browser first (the first-launched browser ran about 2% slower in A/A runs).
const [A, B] = process.env.B_FIRST === '1' ? await open(dirB).then(async (b) => [await open(dirA), b]) : await open(dirA).then(async (a) => [a, await open(dirB)]);
try {
  // A warm-up each first (section 2's protocol): same ticks each way, navigations mid-window.
  await churn(A, false, warmupTicks(windowMs));
  await churn(B, false, warmupTicks(windowMs));
  for (let i = 0; i < rounds; i++) {
    const order = i % 2 === 0 ? [A, B, B, A] : [B, A, A, B];
    for (const v of order) await churn(v);
  }
  const f = (x) => x.toFixed(0).padStart(7);
  console.log(`${rounds} rounds, 2 windows of ${windowMs} ms each way`);
  console.log('            task  script  layout   style');
  console.log(`A      ${f(A.sums.taskMs)} ${f(A.sums.scriptMs)} ${f(A.sums.layoutMs)} ${f(A.sums.styleMs)}`);
  console.log(`B      ${f(B.sums.taskMs)} ${f(B.sums.scriptMs)} ${f(B.sums.layoutMs)} ${f(B.sums.styleMs)}`);
  console.log(`B / A  task ${(B.sums.taskMs / A.sums.taskMs).toFixed(3)}×, task − style ${((B.sums.taskMs - B.sums.styleMs) / (A.sums.taskMs - A.sums.styleMs)).toFixed(3)}×`);
  if (TRACE) printSelfDiff(A.traced, B.traced, Number(process.env.TRACE_TOP ?? 30));
} finally {
  await A.session.close();
  await B.session.close();
  server.close?.();
}
