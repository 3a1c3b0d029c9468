/* global MutationObserver */
// Where a popup open's time goes: seeds a year of history as section 6 does, then opens the popup
// several times and prints, per open, when the data request was answered, DOMContentLoaded, the
// first React commit into #root, and [data-coach-points] painted (ms from navigation start).
// Usage: npm run build -- --mode bench -c bench/wxt.bench.config.ts (or the bench's own build), then
// node bench/tools/popup-timing.mjs [extension dir] [opens]
import { startServer } from '../../tests/e2e/server.mjs';
import { launchVariant, EXTENSION_ID, sleep } from '../lib/browser.mjs';
import { BENCH_EXTENSION_DIR, loadConfig } from '../lib/config.mjs';
import { seedYear, popupWatcher } from '../sections/popup.mjs';

const extDir = process.argv[2] ?? BENCH_EXTENSION_DIR;
const opens = Number(process.argv[3] ?? 7);
const config = loadConfig();

/** Init script in extension pages: times of the popup's milestones. */
function milestones() {
  if (!location.pathname.endsWith('/popup.html')) return;
  const t = (window.__benchTimes = {});
  try {
    const send = chrome.runtime.sendMessage.bind(chrome.runtime);
    const wrapped = (...args) => {
      const type = args.find((a) => a && typeof a === 'object' && 'type' in a)?.type ?? '?';
      t[`sent ${type}`] ??= performance.now();
      const cb = typeof args[args.length - 1] === 'function' ? args.pop() : null;
      if (cb) return send(...args, (res) => { t[`answered ${type}`] ??= performance.now(); cb(res); });
      const p = send(...args);
      p?.then?.(() => (t[`answered ${type}`] ??= performance.now()));
      return p;
    };
    Object.defineProperty(chrome.runtime, 'sendMessage', { value: wrapped, configurable: true, writable: true });
  } catch (err) {
    t.error = String(err);
  }
  document.addEventListener('DOMContentLoaded', () => (t.dcl = performance.now()));
  new MutationObserver((_, mo) => {
    const root = document.getElementById('root');
    if (root?.firstChild) {
      t.firstCommit ??= performance.now();
      mo.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
}

const server = await startServer();
const session = await launchVariant(server, extDir);
try {
  const driver = await session.context.newPage();
  await driver.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  await sleep(500);
  await driver.evaluate(seedYear, {
    total: config.seedEvents, days: config.seedDays, recentDays: config.recentDays, batch: config.ingestBatch,
    concurrency: config.ingestConcurrency, prefix: `t-${Date.now().toString(36)}-`, now: Date.now() - 60_000,
  });
  await driver.close();
  await session.context.addInitScript(milestones);
  await session.context.addInitScript(popupWatcher);
  for (let i = 0; i < opens; i++) {
    const page = await session.context.newPage();
    if (i === 0) page.on('console', (m) => console.log('  console:', m.text().slice(0, 300)));
    if (i === 0) page.on('pageerror', (e) => console.log('  pageerror:', String(e).slice(0, 300)));
    await page.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
    let seen = null;
    for (let k = 0; k < 200 && !seen; k++) {
      seen = await page.evaluate(() => window.__benchPopup);
      if (!seen) await sleep(50);
    }
    const times = await page.evaluate(() => {
      const res = performance.getEntriesByType('resource').map((r) => `${r.name.split('/').pop().slice(0, 18)} ${Math.round(r.startTime)}-${Math.round(r.responseEnd)}`);
      return { ...window.__benchTimes, res };
    });
    const r = (x) => (x === undefined ? '—' : Math.round(x));
    const data = Object.entries(times).filter(([k]) => k.startsWith('answered')).map(([k, v]) => `${k.slice(9)} ${r(v)}`).join(', ');
    if (times.error) console.log(times.error);
    console.log(`open ${i + 1}: dcl ${r(times.dcl)} · answers: ${data} · first commit ${r(times.firstCommit)} · points painted ${r(seen?.at)}`);
    if (i === 0) console.log('  resources:', times.res.join(' | '));
    await page.close();
  }
} finally {
  await session.close();
  await server.close();
}
