// Where does the extension's service worker spend its CPU while the heavy page churns (with its
// SPA navigations)? Attaches to the worker through the page's CDP session (Target.attachToTarget,
// not flattened: messages go through Target.sendMessageToTarget), samples it with the V8 profiler
// and prints self time by function and by the outermost extension frame.
//   node bench/tools/sw-prof.mjs <extension dir> [churn ms] [rounds]
import path from 'node:path';
import { startServer } from '../../tests/e2e/server.mjs';
import { EXTENSION_ORIGIN, openOnHeavyPage, sleep } from '../lib/browser.mjs';
import { profileSamples } from '../lib/profile.mjs';
import { serveHeavyPage } from '../heavy-page.mjs';

const extDir = path.resolve(process.argv[2]);
const churnMs = Number(process.argv[3] ?? 15000);
const rounds = Number(process.argv[4] ?? 2);
const server = await startServer();
const url = serveHeavyPage(server, { fields: 2000 });
const { page, cdp, session } = await openOnHeavyPage(server, url, extDir);

/** A CDP client for one target reached through `cdp` (non-flattened session). */
async function attach(targetId) {
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: false });
  let next = 1;
  const waiting = new Map();
  cdp.on('Target.receivedMessageFromTarget', (ev) => {
    if (ev.sessionId !== sessionId) return;
    const msg = JSON.parse(ev.message);
    const w = waiting.get(msg.id);
    if (!w) return;
    waiting.delete(msg.id);
    if (msg.error) w.reject(new Error(msg.error.message));
    else w.resolve(msg.result);
  });
  return (method, params = {}) => new Promise((resolve, reject) => {
    const id = next++;
    waiting.set(id, { resolve, reject });
    cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
  });
}

const self = new Map();
const entry = new Map();
const add = (m, k, ms) => m.set(k, (m.get(k) ?? 0) + ms);
const name = (cf) => `${cf.functionName || '(anon)'} ${cf.url.split('/').pop()}:${cf.lineNumber + 1}`;
let all = 0;
function split(profile) {
  const { nodes, parent, samples } = profileSamples(profile);
  for (const { id: sample, ms } of samples) {
    const leaf = nodes.get(sample).callFrame;
    if (leaf.functionName === '(idle)' || leaf.functionName === '(program)') continue;
    all += ms;
    let outer = null;
    for (let cur = sample; cur !== undefined; cur = parent.get(cur)) {
      if (nodes.get(cur).callFrame.url.startsWith(EXTENSION_ORIGIN)) outer = cur;
    }
    add(self, name(leaf), ms);
    add(entry, outer === null ? `(no extension frame) ${leaf.functionName}` : name(nodes.get(outer).callFrame), ms);
  }
}

try {
  await sleep(2000);
  const { targetInfos } = await cdp.send('Target.getTargets');
  const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(EXTENSION_ORIGIN));
  if (!sw) throw new Error('no service worker target');
  const send = await attach(sw.targetId);
  await send('Profiler.enable');
  await send('Profiler.setSamplingInterval', { interval: 200 });
  let navs = 0;
  for (let i = 0; i < rounds; i++) {
    await send('Profiler.start');
    const r = await page.evaluate((ms) => window.__crmBench.churn(ms), churnMs);
    navs += r.ops.navigations;
    const { profile } = await send('Profiler.stop');
    split(profile);
  }
  console.log(`${rounds} windows of ${churnMs} ms, ${navs} navigations: service worker busy ${all.toFixed(1)} ms (${(all / Math.max(1, navs)).toFixed(1)} ms per navigation)`);
  for (const [title, m] of [['by entry', entry], ['by function (self)', self]]) {
    console.log(`\n${title}`);
    for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${v.toFixed(1).padStart(8)}  ${k}`);
  }
} finally {
  await session.close();
  server.close?.();
}
