// What fills the page's main-thread task time beside script, with and without the extension?
// Traces one churn round per variant (devtools.timeline) and prints, per trace event name, the
// self time on the renderer main thread (time in the event minus its children), for both.
//   node bench/tools/task-diff.mjs [extension dir] [churn ms] [other build's dir, instead of none]
import path from 'node:path';
import { startServer } from '../../tests/e2e/server.mjs';
import { BENCH_EXTENSION_DIR } from '../lib/config.mjs';
import { launchVariant, sleep, waitForOverlay } from '../lib/browser.mjs';
import { startTrace } from '../lib/trace.mjs';
import { serveHeavyPage, windowTicks } from '../heavy-page.mjs';
import { printSelfDiff, selfTimes } from '../lib/self-times.mjs';

const extDir = path.resolve(process.argv[2] ?? BENCH_EXTENSION_DIR);
const churnMs = Number(process.argv[3] ?? 10000);
const baseDir = process.argv[4] ? path.resolve(process.argv[4]) : null;
const server = await startServer();
const url = serveHeavyPage(server, { fields: 2000 });

async function round(withExt) {
  const session = await launchVariant(server, withExt ? extDir : baseDir);
  try {
    const page = await session.context.newPage();
    const cdp = await session.context.newCDPSession(page);
    await page.goto(url, { waitUntil: 'load' });
    await page.evaluate(() => window.__crmBench.ready);
    if (withExt || baseDir) await waitForOverlay(page);
    await sleep(2000);
    const stop = await startTrace(cdp, ['devtools.timeline', 'toplevel', 'v8', 'blink', 'cc', 'disabled-by-default-devtools.timeline']);
    await page.evaluate(([ms, n]) => window.__crmBench.churn(ms, { ticks: n }), [churnMs, windowTicks(churnMs)]);
    const events = await stop();
    return selfTimes(events);
  } finally {
    await session.close();
  }
}

const without = await round(false);
const withExt = await round(true);
server.close?.();
printSelfDiff(without, withExt);
