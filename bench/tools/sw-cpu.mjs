// How much CPU does the extension's own process (its service worker) use while the heavy page
// churns, without and with the page's SPA navigations? On a 2-core machine that process competes
// with the page's main thread, so it shows in the side-by-side task-time ratio (section 2) though
// none of it runs in the page. Thread CPU from /proc, in 10 ms ticks: alternate builds and repeat.
//   node bench/tools/sw-cpu.mjs [extension dir] [churn ms]
import path from 'node:path';
import { BENCH_EXTENSION_DIR } from '../lib/config.mjs';
import { extensionProcess, openHeavyPage, sleep, threadCpuDelta } from '../lib/browser.mjs';

const extDir = path.resolve(process.argv[2] ?? BENCH_EXTENSION_DIR);
const churnMs = Number(process.argv[3] ?? 15000);
const { page, close } = await openHeavyPage(extDir, 2000);
try {
  await sleep(2000);
  for (const [label, opts] of [['churn without navigations', { navEvery: 1e9 }], ['churn with navigations', {}]]) {
    const p0 = extensionProcess();
    const r = await page.evaluate(([ms, o]) => window.__crmBench.churn(ms, o), [churnMs, opts]);
    const p1 = extensionProcess();
    if (!p0 || !p1 || p0.pid !== p1.pid) {
      console.log(`${label}: the extension process ${!p1 ? 'was not running' : 'restarted'}`);
      continue;
    }
    const threads = threadCpuDelta(p0, p1);
    const total = Object.values(threads).reduce((a, b) => a + b, 0);
    console.log(`${label} (${r.ops.navigations} navigations in ${churnMs / 1000} s): ${total} ms ${JSON.stringify(threads)}`);
  }
} finally {
  await close();
}
