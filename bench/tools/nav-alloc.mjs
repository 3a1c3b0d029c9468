// What does a navigation of the heavy page allocate, and how much of it is the content script's?
// Samples the V8 heap's allocations (CDP HeapProfiler.startSampling, objects the GC already
// collected included) over quiet SPA navigations and prints KB per navigation: all of the page's
// renderer, the part under an extension frame, and the extension's functions (a native callee is
// named with the extension function that called it). The garbage the coach makes is what the
// scavenger clears inside its slices (issue 16's worst navigations, bench/README.md section 2).
//   node bench/tools/nav-alloc.mjs [extension dir] [navigations]
//   CHURN_MS=10000 …   # the page's churn without navigations instead: KB per second
// Default dir .output/chrome-mv3-bench; build with BENCH_UNMINIFIED=1 for readable names.
import path from 'node:path';
import { BENCH_EXTENSION_DIR } from '../lib/config.mjs';
import { openHeavyPage, sleep } from '../lib/browser.mjs';

const extDir = path.resolve(process.argv[2] ?? BENCH_EXTENSION_DIR);
const navs = Number(process.argv[3] ?? 10);
const { session, page, close } = await openHeavyPage(extDir, 2000);
try {
  const cdp = await session.context.newCDPSession(page);
  await sleep(2000);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.startSampling', { samplingInterval: 512, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  const churnMs = Number(process.env.CHURN_MS ?? 0);
  if (churnMs) await page.evaluate((ms) => window.__crmBench.churn(ms, { navEvery: 1e9 }), churnMs);
  else await page.evaluate((n) => window.__crmBench.navigate(n, 800), navs);
  await sleep(1000);
  const { profile } = await cdp.send('HeapProfiler.stopSampling');
  let total = 0;
  let ours = 0;
  const byFunction = new Map();
  const name = (f) => `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
  const walk = (node, caller) => {
    const f = node.callFrame;
    const own = f.url.startsWith('chrome-extension://');
    total += node.selfSize;
    if (own || caller) {
      ours += node.selfSize;
      const key = own ? name(f) : `[${f.functionName || 'native'}] in ${caller}`;
      byFunction.set(key, (byFunction.get(key) ?? 0) + node.selfSize);
    }
    for (const c of node.children) walk(c, own ? name(f) : caller);
  };
  walk(profile.head, null);
  const per = churnMs ? churnMs / 1000 : navs;
  const kb = (b) => (b / per / 1024).toFixed(1);
  console.log(`allocated per ${churnMs ? 'second of churn' : 'navigation'}: ${kb(total)} KB in all, ${kb(ours)} KB under the extension's frames`);
  for (const [k, v] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${kb(v).padStart(8)} KB  ${k}`);
} finally {
  await close();
}
