// What fills the page's main-thread task time beside script, with and without the extension?
// Traces one churn round per variant (devtools.timeline) and prints, per trace event name, the
// self time on the renderer main thread (time in the event minus its children), for both.
//   node bench/tools/task-diff.mjs [extension dir] [churn ms]
import path from 'node:path';
import { startServer } from '../../tests/e2e/server.mjs';
import { BENCH_EXTENSION_DIR } from '../lib/config.mjs';
import { launchVariant, sleep, waitForOverlay } from '../lib/browser.mjs';
import { startTrace } from '../lib/trace.mjs';
import { serveHeavyPage } from '../heavy-page.mjs';

const extDir = path.resolve(process.argv[2] ?? BENCH_EXTENSION_DIR);
const churnMs = Number(process.argv[3] ?? 10000);
const server = await startServer();
const url = serveHeavyPage(server, { fields: 2000 });

async function round(withExt) {
  const session = await launchVariant(server, withExt ? extDir : null);
  try {
    const page = await session.context.newPage();
    const cdp = await session.context.newCDPSession(page);
    await page.goto(url, { waitUntil: 'load' });
    await page.evaluate(() => window.__crmBench.ready);
    if (withExt) await waitForOverlay(page);
    await sleep(2000);
    const stop = await startTrace(cdp, ['devtools.timeline', 'toplevel', 'v8', 'blink', 'cc', 'disabled-by-default-devtools.timeline']);
    await page.evaluate((ms) => window.__crmBench.churn(ms), churnMs);
    const events = await stop();
    return selfTimes(events);
  } finally {
    await session.close();
  }
}

/** Self time per event name on the thread with the most RunTask time (the renderer main thread). */
function selfTimes(events) {
  const byThread = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || typeof e.dur !== 'number') continue;
    const k = `${e.pid}/${e.tid}`;
    if (!byThread.has(k)) byThread.set(k, []);
    byThread.get(k).push(e);
  }
  let main = null;
  let best = 0;
  for (const [k, list] of byThread) {
    const t = list.filter((e) => e.name === 'ThreadControllerImpl::RunTask').reduce((s, e) => s + e.dur, 0);
    const hasPage = list.some((e) => e.name === 'FunctionCall');
    if (hasPage && t > best) { best = t; main = k; }
  }
  const list = byThread.get(main).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  // Nesting from time spans: each event's children are the events that start inside it.
  const nodes = [];
  const stack = [];
  for (const e of list) {
    while (stack.length && stack[stack.length - 1].end <= e.ts) stack.pop();
    if (stack.length) stack[stack.length - 1].child += e.dur;
    const node = { name: e.name, dur: e.dur, end: e.ts + e.dur, child: 0 };
    stack.push(node);
    nodes.push(node);
  }
  const self = new Map();
  for (const n of nodes) self.set(n.name, (self.get(n.name) ?? 0) + n.dur - n.child);
  return { self, taskMs: best / 1000 };
}

const without = await round(false);
const withExt = await round(true);
server.close?.();
console.log(`RunTask total: without ${without.taskMs.toFixed(0)} ms, with ${withExt.taskMs.toFixed(0)} ms`);
const names = new Set([...without.self.keys(), ...withExt.self.keys()]);
const rows = [...names].map((n) => [n, (without.self.get(n) ?? 0) / 1000, (withExt.self.get(n) ?? 0) / 1000]);
rows.sort((a, b) => Math.abs(b[2] - b[1]) - Math.abs(a[2] - a[1]));
for (const [n, a, b] of rows.slice(0, 30)) console.log(`${(b - a).toFixed(1).padStart(8)}  ${a.toFixed(1).padStart(8)} ${b.toFixed(1).padStart(8)}  ${n}`);
