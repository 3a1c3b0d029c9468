// CPU time of each kind of Chromium process (browser, renderer, GPU, utility services, the
// extension's process) while the heavy page churns with its SPA navigations, from /proc in 10 ms
// ticks. Run it for a build and for `none` (no extension) to see what the extension costs outside
// the page's renderer: on this 2-core machine that is what could compete with the page.
//   node bench/tools/proc-cpu.mjs <extension dir | none> [churn ms] [rounds]
import path from 'node:path';
import { chromiumProcesses, openHeavyPage, sleep } from '../lib/browser.mjs';

const extDir = process.argv[2] === 'none' ? null : path.resolve(process.argv[2]);
const churnMs = Number(process.argv[3] ?? 15000);
const rounds = Number(process.argv[4] ?? 3);

function kindOf(args) {
  const a = args.join(' ');
  if (/(^|\s)--extension-process(\s|$)/.test(a)) return 'extension';
  const type = a.match(/--type=(\S+)/)?.[1];
  if (!type) return 'browser';
  return type === 'utility' ? `utility:${a.match(/--utility-sub-type=(\S+)/)?.[1] ?? '?'}` : type;
}

function snapshot() {
  const out = new Map();
  for (const p of chromiumProcesses()) out.set(p.pid, { kind: kindOf(p.args), cpuMs: p.threads.reduce((a, t) => a + t.cpuMs, 0) });
  return out;
}

const { page, close } = await openHeavyPage(extDir, 2000);
const total = {};
try {
  await sleep(3000);
  for (let i = 0; i < rounds; i++) {
    const before = snapshot();
    await page.evaluate((ms) => window.__crmBench.churn(ms), churnMs);
    for (const [pid, p] of snapshot()) total[p.kind] = (total[p.kind] ?? 0) + p.cpuMs - (before.get(pid)?.cpuMs ?? 0);
  }
  const perRound = Object.entries(total).filter(([, ms]) => ms > 0).map(([k, ms]) => `${k} ${Math.round(ms / rounds)}`);
  console.log(`${process.argv[2]}: CPU ms per ${churnMs / 1000} s of churn (mean of ${rounds}): ${perRound.join(', ')}`);
} finally {
  await close();
}
