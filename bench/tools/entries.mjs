// Every entry into script on the heavy page's main thread under churn, with the extension: each
// v8.callFunction trace event (Blink calling a listener, an observer callback, a frame callback,
// a timer) grouped by the function it entered (its FunctionCall child), with count, total and
// self time (the entry's own cost: what the call spends outside the function). Shows what calls
// into the extension how often.
//   node bench/tools/entries.mjs <extension dir|none> [churn ms]
import path from 'node:path';
import { startServer } from '../../tests/e2e/server.mjs';
import { openOnHeavyPage, sleep } from '../lib/browser.mjs';
import { serveHeavyPage } from '../heavy-page.mjs';
import { startTrace } from '../lib/trace.mjs';

const extDir = process.argv[2] === 'none' ? null : path.resolve(process.argv[2]);
const churnMs = Number(process.argv[3] ?? 10000);
const server = await startServer();
const url = serveHeavyPage(server, { fields: 2000 });
const { page, cdp, session } = await openOnHeavyPage(server, url, extDir);
await sleep(2000);
try {
  const stop = await startTrace(cdp, ['devtools.timeline', 'v8', 'v8.execute', 'toplevel']);
  await page.evaluate((ms) => window.__crmBench.churn(ms), churnMs);
  const events = (await stop()).filter((e) => e.ph === 'X' && typeof e.dur === 'number');
  const calls = events.filter((e) => e.name === 'v8.callFunction');
  const fns = events.filter((e) => e.name === 'FunctionCall');
  const byThread = new Map();
  for (const f of fns) {
    const k = `${f.pid}/${f.tid}`;
    if (!byThread.has(k)) byThread.set(k, []);
    byThread.get(k).push(f);
  }
  const groups = new Map();
  for (const c of calls) {
    const list = byThread.get(`${c.pid}/${c.tid}`) ?? [];
    const child = list.find((f) => f.ts >= c.ts && f.ts + f.dur <= c.ts + c.dur);
    const d = child?.args?.data ?? {};
    const key = child ? `${(d.url ?? '').split('/').pop()}:${d.lineNumber ?? '?'} ${d.functionName || '(anon)'}` : '(no FunctionCall)';
    const g = groups.get(key) ?? { n: 0, total: 0, self: 0 };
    g.n++;
    g.total += c.dur / 1000;
    g.self += (c.dur - (child?.dur ?? 0)) / 1000;
    groups.set(key, g);
  }
  console.log(`${calls.length} entries in ${churnMs} ms; count, total ms, self ms (outside the function)`);
  for (const [k, g] of [...groups].sort((a, b) => b[1].self - a[1].self).slice(0, 30)) {
    console.log(`${String(g.n).padStart(7)} ${g.total.toFixed(1).padStart(8)} ${g.self.toFixed(1).padStart(8)}  ${k}`);
  }
} finally {
  await session.close();
  server.close?.();
}
