// What does a MutationObserver delivery cost the page beside the coach's own callback? Traces the
// heavy page under churn and, for each of the page's script calls whose microtask checkpoint ran
// the coach's observer callback, adds up the main-thread time in it that is neither the page's
// function nor the callback: the delivery itself. Blink walks all of an observer's registrations
// there, so the figure grows with the shadow roots the observer was ever told to observe that
// have not been collected yet (utils/crm/watch.ts, "Observers and their cost").
//   node bench/tools/mo-registrations.mjs <extension dir> [churn ms]
//   NAVS=30 …   # that many SPA navigations first (record pages left behind)
//   GC=1 …      # a forced garbage collection before the trace
//   NONAV=1 …   # churn without the page's own navigations during the trace
import path from 'node:path';
import { startServer } from '../../tests/e2e/server.mjs';
import { EXTENSION_ORIGIN, launchVariant, sleep, waitForOverlay } from '../lib/browser.mjs';
import { startTrace } from '../lib/trace.mjs';
import { mainThread } from '../lib/self-times.mjs';
import { serveHeavyPage } from '../heavy-page.mjs';

const extDir = path.resolve(process.argv[2]);
const churnMs = Number(process.argv[3] ?? 15000);
const CATEGORIES = ['devtools.timeline', 'toplevel', 'v8', 'blink', 'disabled-by-default-devtools.timeline'];

/** The renderer main thread's complete events as a tree (children: events that start inside). */
function mainThreadTree(events) {
  const nodes = [];
  const stack = [];
  for (const e of mainThread(events).list) {
    while (stack.length && stack[stack.length - 1].end <= e.ts) stack.pop();
    const node = { e, end: e.ts + e.dur, kids: [] };
    stack[stack.length - 1]?.kids.push(node);
    stack.push(node);
    nodes.push(node);
  }
  return nodes;
}

const isExtension = (n) => (n.e.args?.data?.url ?? '').startsWith(EXTENSION_ORIGIN);

const server = await startServer();
const session = await launchVariant(server, extDir);
try {
  const page = await session.context.newPage();
  const cdp = await session.context.newCDPSession(page);
  await page.goto(serveHeavyPage(server, { fields: 2000 }), { waitUntil: 'load' });
  await page.evaluate(() => window.__crmBench.ready);
  await waitForOverlay(page);
  await sleep(2000);
  await page.evaluate((ms) => window.__crmBench.churn(ms), 3000);
  const navs = Number(process.env.NAVS ?? 0);
  if (navs) {
    await page.evaluate((n) => window.__crmBench.navigate(n, 100), navs);
    await sleep(1000);
  }
  if (process.env.GC === '1') await cdp.send('HeapProfiler.collectGarbage');
  const stop = await startTrace(cdp, CATEGORIES);
  await page.evaluate(([ms, o]) => window.__crmBench.churn(ms, o), [churnMs, process.env.NONAV === '1' ? { navEvery: 1e9 } : {}]);
  const nodes = mainThreadTree(await stop());
  let deliveries = 0;
  let deliveryMs = 0;
  let callbackMs = 0;
  for (const n of nodes) {
    if (n.e.name !== 'v8.callFunction') continue;
    const fn = n.kids.find((k) => k.e.name === 'FunctionCall');
    if (!fn || isExtension(fn)) continue;
    // The checkpoint after the page's function: what ran there (the coach's callback is an
    // "AsyncTask Run" child holding its FunctionCall), and the time nothing traced covers.
    const after = n.kids.filter((k) => k.e.ts >= fn.end);
    if (!after.some((k) => k.e.name === 'AsyncTask Run')) continue;
    deliveries++;
    const covered = after.reduce((a, k) => a + k.e.dur, 0);
    deliveryMs += (n.end - fn.end - covered) / 1000;
    callbackMs += covered / 1000;
  }
  console.log(`${deliveries} deliveries in ${churnMs / 1000} s after ${navs} navigations${process.env.GC === '1' ? ' and a forced GC' : ''}: ` +
    `delivery ${deliveryMs.toFixed(1)} ms (${((1000 * deliveryMs) / Math.max(1, deliveries)).toFixed(0)} µs each), callbacks ${callbackMs.toFixed(1)} ms`);
} finally {
  await session.close();
  server.close?.();
}
