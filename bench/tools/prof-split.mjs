// Where does the page's script time go, with and without the extension? Profiles one churn
// window of the heavy page in each variant (side by side, each its own browser) with the V8
// sampling profiler and splits the samples: the extension's (a frame of its scripts on the
// stack), the page's own script by function, garbage collection, and the rest.
//   node bench/tools/prof-split.mjs <extension dir> [churn ms] [rounds]
import path from 'node:path';
import { startServer } from '../../tests/e2e/server.mjs';
import { EXTENSION_ORIGIN, openOnHeavyPage, sleep, startProfiler, stopProfiler } from '../lib/browser.mjs';
import { serveHeavyPage, windowTicks } from '../heavy-page.mjs';

const extDir = path.resolve(process.argv[2]);
const churnMs = Number(process.argv[3] ?? 5000);
const rounds = Number(process.argv[4] ?? 3);
const server = await startServer();
const url = serveHeavyPage(server, { fields: 2000 });

async function open(dir) {
  const opened = await openOnHeavyPage(server, url, dir);
  await sleep(2000);
  return { ...opened, split: new Map() };
}

/** Adds one profile's self time per category to `split` (ms). */
function addSplit(profile, split) {
  const nodes = new Map();
  const parent = new Map();
  for (const n of profile.nodes) {
    nodes.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const category = (id) => {
    const self = nodes.get(id).callFrame;
    if (['(idle)', '(program)', '(garbage collector)'].includes(self.functionName)) return self.functionName;
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      if (nodes.get(cur).callFrame.url.startsWith(EXTENSION_ORIGIN)) return 'extension';
    }
    // The page's own: its innermost page function, with the native callee named.
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const cf = nodes.get(cur).callFrame;
      if (cf.url) return `page ${cf.functionName || '(anon)'}${cur === id ? '' : ` → ${self.functionName || '(native)'}`}`;
    }
    return `other ${self.functionName}`;
  };
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const next = t + (profile.timeDeltas[i + 1] ?? 0);
    const k = category(profile.samples[i]);
    split.set(k, (split.get(k) ?? 0) + (next - t) / 1000);
    t = next;
  }
}

async function window_(v) {
  await startProfiler(v.cdp, 250);
  await v.page.evaluate(([ms, n]) => window.__crmBench.churn(ms, { ticks: n }), [churnMs, windowTicks(churnMs)]);
  addSplit(await stopProfiler(v.cdp), v.split);
}

const N = await open(null);
const W = await open(extDir);
try {
  for (let i = 0; i < rounds; i++) for (const v of i % 2 ? [W, N] : [N, W]) await window_(v);
  const keys = [...new Set([...N.split.keys(), ...W.split.keys()])].filter((k) => k !== '(idle)');
  keys.sort((a, b) => Math.abs((W.split.get(b) ?? 0) - (N.split.get(b) ?? 0)) - Math.abs((W.split.get(a) ?? 0) - (N.split.get(a) ?? 0)));
  console.log(`${rounds} windows of ${churnMs} ms each; ms: without, with, difference`);
  for (const k of keys.slice(0, 30)) {
    const a = N.split.get(k) ?? 0;
    const b = W.split.get(k) ?? 0;
    console.log(`${a.toFixed(0).padStart(7)} ${b.toFixed(0).padStart(7)} ${(b - a).toFixed(0).padStart(6)}  ${k}`);
  }
} finally {
  await N.session.close();
  await W.session.close();
  server.close?.();
}
