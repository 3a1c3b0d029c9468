// Forced style and layout on the heavy page under churn: every `Blink.ForcedStyleAndLayout`
// trace event (script asked for layout while it was out of date), grouped by the script entry
// it ran in (its innermost enclosing `FunctionCall`; "(none)" for microtasks such as promise
// reactions, which have no such event), with count and time. Also prints, per 250 ms of the first
// window, how many there were, and where the page's navigations fell. Zero without the extension.
//   node bench/tools/forced-layouts.mjs <extension dir|none> [churn ms] [windows]
import path from 'node:path';
import { startServer } from '../../tests/e2e/server.mjs';
import { openOnHeavyPage, sleep } from '../lib/browser.mjs';
import { serveHeavyPage } from '../heavy-page.mjs';
import { startTrace } from '../lib/trace.mjs';

const extDir = process.argv[2] === 'none' ? null : path.resolve(process.argv[2]);
const churnMs = Number(process.argv[3] ?? 10000);
const windows = Number(process.argv[4] ?? 2);
const FORCED = 'Blink.ForcedStyleAndLayout.UpdateTime';
const server = await startServer();
const url = serveHeavyPage(server, { fields: 2000 });
const { page, cdp, session } = await openOnHeavyPage(server, url, extDir);
await sleep(2000);
const groups = new Map();
try {
  for (let w = 0; w < windows; w++) {
    const stop = await startTrace(cdp, ['devtools.timeline', 'blink', 'v8.execute', 'disabled-by-default-devtools.timeline']);
    await page.evaluate((ms) => window.__crmBench.churn(ms), churnMs);
    const events = (await stop()).filter((e) => e.ph === 'X' && typeof e.dur === 'number');
    const forced = events.filter((e) => e.name === FORCED);
    const calls = events.filter((e) => e.name === 'FunctionCall');
    if (w === 0 && forced.length) {
      const t0 = Math.min(...forced.map((e) => e.ts));
      const buckets = new Map();
      for (const e of forced) {
        const b = Math.floor((e.ts - t0) / 250_000);
        buckets.set(b, (buckets.get(b) ?? 0) + 1);
      }
      console.log('forced per 250 ms (bucket:count):', [...buckets].sort((a, b) => a[0] - b[0]).map(([b, n]) => `${b}:${n}`).join(' '));
      const navs = calls.filter((c) => c.args?.data?.functionName === 'step' && c.dur > 20_000).map((c) => Math.floor((c.ts - t0) / 250_000));
      console.log('the page\'s navigations (buckets):', navs.join(' '));
    }
    for (const f of forced) {
      const within = calls.filter((c) => c.pid === f.pid && c.tid === f.tid && c.ts <= f.ts && c.ts + c.dur >= f.ts + f.dur);
      const inner = within.sort((a, b) => a.dur - b.dur)[0];
      const d = inner?.args?.data ?? {};
      const key = inner ? `${(d.url ?? '').split('/').pop()}:${d.lineNumber} ${d.functionName || '(anon)'}` : '(none)';
      const g = groups.get(key) ?? { n: 0, ms: 0 };
      g.n++;
      g.ms += f.dur / 1000;
      groups.set(key, g);
    }
  }
  console.log(`${windows} windows of ${churnMs} ms; count, ms, entry`);
  for (const [k, g] of [...groups].sort((a, b) => b[1].ms - a[1].ms).slice(0, 20)) console.log(`${String(g.n).padStart(6)} ${g.ms.toFixed(1).padStart(8)}  ${k}`);
} finally {
  await session.close();
  server.close?.();
}
