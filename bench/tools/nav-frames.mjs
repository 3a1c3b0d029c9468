// What each frame after a navigation holds: for every SPA navigation of the heavy page, its
// frames over the next 700 ms (a frame ends with its paint), each with its paint, style and
// layout time and the extension's and the page's script time. Shows which frames the coach adds
// after a navigation, and what it does in them. Without the extension a navigation has one frame
// with a paint; the coach should add none.
//
//   node bench/tools/nav-frames.mjs [extension dir|none] [fields] [navigations]
import path from 'node:path';
import { BENCH_EXTENSION_DIR } from '../lib/config.mjs';
import { EXTENSION_ORIGIN, openHeavyPage, sleep } from '../lib/browser.mjs';
import { startTrace } from '../lib/trace.mjs';

const arg = process.argv[2] ?? BENCH_EXTENSION_DIR;
const extDir = arg === 'none' ? null : path.resolve(arg);
const fields = Number(process.argv[3] ?? 2000);
const navs = Number(process.argv[4] ?? 6);
const { page, cdp, close } = await openHeavyPage(extDir, fields);
try {
  await sleep(2000);
  const stop = await startTrace(cdp, ['devtools.timeline', 'disabled-by-default-devtools.timeline.frame']);
  await page.evaluate((n) => window.__crmBench.navigate(n, 800), navs);
  await sleep(800);
  const all = await stop();
  // The renderer's main thread: the one that runs the page's script.
  const byTid = new Map();
  for (const e of all) if (e.name === 'FunctionCall') byTid.set(`${e.pid}/${e.tid}`, (byTid.get(`${e.pid}/${e.tid}`) ?? 0) + 1);
  const main = [...byTid].sort((a, b) => b[1] - a[1])[0]?.[0];
  const events = all.filter((e) => `${e.pid}/${e.tid}` === main).sort((a, b) => a.ts - b.ts);
  const x = (e) => e.ph === 'X' && e.dur !== undefined;
  const isExt = (e) => String(e.args?.data?.url ?? '').startsWith(EXTENSION_ORIGIN);
  const navCalls = events.filter((e) => x(e) && ((e.name === 'FunctionCall' && !isExt(e)) || e.name === 'v8.evaluateModule' || e.name === 'EvaluateScript') && e.dur > 40_000);
  console.log(`${navCalls.length} navigations found`);
  // A frame ends with its paint: work up to a paint's end belongs to that frame.
  const frames = events.filter((e) => e.name === 'Paint' && x(e)).map((e) => e.ts + e.dur).sort((a, b) => a - b);
  console.log(`${frames.length} frames traced`);
  const kinds = { Paint: 'paint', UpdateLayoutTree: 'style', Layout: 'layout' };
  let totals = { frames: 0, paints: 0, paintMs: 0, ext: 0 };
  for (const nav of navCalls) {
    const end = nav.ts + 700_000;
    const inRange = events.filter((e) => x(e) && e.ts >= nav.ts && e.ts < end);
    const starts = [nav.ts, ...frames.filter((t) => t > nav.ts && t < end)];
    const rows = starts.map((t, i) => ({ t, until: starts[i + 1] ?? end, paint: 0, style: 0, layout: 0, ext: 0, page: 0, extFns: new Set() }));
    for (const e of inRange) {
      const row = rows.findLast((r) => e.ts >= r.t);
      if (!row) continue;
      if (kinds[e.name]) row[kinds[e.name]] += e.dur / 1000;
      else if (e.name === 'FunctionCall') {
        if (isExt(e)) { row.ext += e.dur / 1000; row.extFns.add(e.args?.data?.functionName || '?'); }
        else row.page += e.dur / 1000;
      }
    }
    const busy = rows.filter((r) => r.paint + r.style + r.layout + r.ext + r.page > 0.05);
    console.log(`navigation at ${(nav.ts / 1000).toFixed(0)} ms (page ${(nav.dur / 1000).toFixed(1)} ms)`);
    for (const r of busy) {
      console.log(`  +${((r.t - nav.ts) / 1000).toFixed(0).padStart(4)} ms  paint ${r.paint.toFixed(1).padStart(5)}  style ${r.style.toFixed(1).padStart(5)}  layout ${r.layout.toFixed(1).padStart(5)}  ext ${r.ext.toFixed(1).padStart(5)} [${[...r.extFns].join(',')}]  page ${r.page.toFixed(1)}`);
      totals.frames += 1; totals.paints += r.paint > 0 ? 1 : 0; totals.paintMs += r.paint + r.style + r.layout; totals.ext += r.ext;
    }
  }
  const n = navCalls.length || 1;
  console.log(`per navigation: ${(totals.frames / n).toFixed(1)} busy frames, ${(totals.paints / n).toFixed(1)} with paint, paint+style+layout ${(totals.paintMs / n).toFixed(1)} ms, extension script ${(totals.ext / n).toFixed(1)} ms`);
} finally {
  await close();
}
