// Where does the extension's own script time go on the heavy page under churn? Profiles churn
// windows with the extension and splits the samples whose stack holds an extension frame two
// ways: by the innermost function (self time, native callees named) and by the outermost
// extension frame (the entry: an observer callback, a frame callback, an event listener).
//   node bench/tools/prof-ext.mjs <extension dir> [churn ms] [rounds]
import path from 'node:path';
import { startServer } from '../../tests/e2e/server.mjs';
import { EXTENSION_ORIGIN, openOnHeavyPage, sleep, startProfiler, stopProfiler } from '../lib/browser.mjs';
import { profileSamples } from '../lib/profile.mjs';
import { serveHeavyPage } from '../heavy-page.mjs';

const extDir = path.resolve(process.argv[2]);
const churnMs = Number(process.argv[3] ?? 5000);
const rounds = Number(process.argv[4] ?? 3);
const server = await startServer();
const url = serveHeavyPage(server, { fields: 2000 });
const self = new Map();
const entry = new Map();
const callers = new Map();
// ENTRY=<text>: only samples whose entry's name holds it (e.g. content.js:1556).
const ONLY = process.env.ENTRY ?? '';
const INTERVAL_US = Number(process.env.INTERVAL_US ?? 250);
const add = (m, k, ms) => m.set(k, (m.get(k) ?? 0) + ms);
const name = (cf) => `${cf.functionName || '(anon)'} ${cf.url.split('/').pop()}:${cf.lineNumber + 1}`;

function split(profile) {
  const { nodes, parent, samples } = profileSamples(profile);
  for (const { id: sample, ms } of samples) {
    let outer = null;
    let inner = null;
    for (let cur = sample; cur !== undefined; cur = parent.get(cur)) {
      const cf = nodes.get(cur).callFrame;
      if (!cf.url.startsWith(EXTENSION_ORIGIN)) continue;
      inner ??= cur;
      outer = cur;
    }
    if (outer === null) continue;
    if (ONLY && !name(nodes.get(outer).callFrame).includes(ONLY)) continue;
    const leaf = nodes.get(sample).callFrame;
    add(self, inner === sample ? name(leaf) : `${name(nodes.get(inner).callFrame)} → ${leaf.functionName || '(native)'}`, ms);
    add(entry, name(nodes.get(outer).callFrame), ms);
    const up = parent.get(inner);
    add(callers, `${nodes.get(inner).callFrame.functionName || '(anon)'} ← ${up !== undefined ? nodes.get(up).callFrame.functionName || '(anon)' : '-'}`, ms);
  }
}

const { page, cdp, session } = await openOnHeavyPage(server, url, extDir);
await sleep(2000);
try {
  for (let i = 0; i < rounds; i++) {
    await startProfiler(cdp, INTERVAL_US);
    await page.evaluate(([ms, navEvery]) => window.__crmBench.churn(ms, { navEvery }), [churnMs, Number(process.env.NAV_EVERY ?? 60)]);
    split(await stopProfiler(cdp));
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`${rounds} windows of ${churnMs} ms: extension ${total.toFixed(0)} ms`);
  for (const [title, m] of [['by entry', entry], ['by function (self)', self], ['by function and caller', callers]]) {
    console.log(`\n${title}`);
    for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${v.toFixed(1).padStart(8)}  ${k}`);
  }
} finally {
  await session.close();
  server.close?.();
}
