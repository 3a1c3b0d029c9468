// What is inside the coach's longest batches under churn? Traces the heavy page with its
// navigations (devtools.timeline, V8's GC, user timing and the trace's own CPU profile), then,
// for each `crm-coach:batch` measure over a threshold, prints the garbage collections that ran on
// the page's main thread inside it and the stacks the CPU profile sampled there. A batch is meant
// to be one 4 ms slice; those that overran it are the runtime pausing inside (bench/README.md,
// section 2, "work per navigation").
//   node bench/tools/slice-pauses.mjs [extension dir] [churn ms] [threshold ms]
// Default dir .output/chrome-mv3-bench; build with BENCH_UNMINIFIED=1 for readable names.
import path from 'node:path';
import { BENCH_EXTENSION_DIR } from '../lib/config.mjs';
import { openHeavyPage, sleep } from '../lib/browser.mjs';
import { startTrace } from '../lib/trace.mjs';

const extDir = path.resolve(process.argv[2] ?? BENCH_EXTENSION_DIR);
const churnMs = Number(process.argv[3] ?? 60000);
const threshold = Number(process.argv[4] ?? 8) * 1000;
const GC = new Set(['MinorGC', 'MajorGC', 'V8.GCIncrementalMarking', 'V8.GCFinalizeMC']);

const { session, page, close } = await openHeavyPage(extDir, 2000);
let events;
try {
  const cdp = await session.context.newCDPSession(page);
  await sleep(2000);
  const stop = await startTrace(cdp, ['devtools.timeline', 'v8', 'disabled-by-default-v8.gc', 'blink.user_timing', 'disabled-by-default-v8.cpu_profiler']);
  await page.evaluate((ms) => window.__crmBench.churn(ms, {}), churnMs);
  await sleep(500);
  events = await stop();
} finally {
  await close();
}

// The batches: user-timing measures are async begin / end pairs in the trace.
const begun = new Map();
const batches = [];
let mainTid = null;
for (const e of events) {
  if (e.cat !== 'blink.user_timing' || e.name !== 'crm-coach:batch') continue;
  const key = `${e.id ?? ''}/${e.id2?.local ?? ''}`;
  if (e.ph === 'b') {
    begun.set(key, e.ts);
    mainTid = e.tid;
  } else if (e.ph === 'e' && begun.has(key)) {
    batches.push({ start: begun.get(key), end: e.ts });
    begun.delete(key);
  }
}
const gcs = events.filter((e) => e.ph === 'X' && e.tid === mainTid && GC.has(e.name));

// The trace's CPU profile: nodes and samples arrive in chunks, per profile id.
const nodes = new Map();
const samples = [];
const clock = new Map();
for (const e of events) {
  if (e.name === 'Profile') clock.set(e.id, e.args.data.startTime);
  if (e.name !== 'ProfileChunk') continue;
  const { cpuProfile = {}, timeDeltas = [] } = e.args.data;
  for (const n of cpuProfile.nodes ?? []) nodes.set(`${e.id}:${n.id}`, { ...n, profile: e.id });
  let t = clock.get(e.id) ?? 0;
  (cpuProfile.samples ?? []).forEach((id, i) => {
    t += timeDeltas[i] ?? 0;
    samples.push({ node: `${e.id}:${id}`, t });
  });
  clock.set(e.id, t);
}
const stack = (id, depth = 3) => {
  const out = [];
  for (let n = nodes.get(id); n && out.length < depth; n = n.parent === undefined ? null : nodes.get(`${n.profile}:${n.parent}`)) {
    const url = n.callFrame.url ?? '';
    out.push(`${n.callFrame.functionName || '(anonymous)'}${url.startsWith('chrome-extension://') ? `:${n.callFrame.lineNumber}` : ''}`);
  }
  return out.join(' < ');
};

const ms = (us) => (us / 1000).toFixed(1);
const long = batches.filter((b) => b.end - b.start > threshold);
console.log(`${batches.length} batches in ${churnMs / 1000} s of churn; ${long.length} over ${threshold / 1000} ms`);
for (const b of long) {
  const inside = gcs.filter((g) => g.ts >= b.start && g.ts < b.end).map((g) => `${g.name} ${ms(g.dur)}`);
  console.log(`${ms(b.end - b.start)} ms batch; GC inside: ${inside.join(', ') || 'none'}`);
  const tops = new Map();
  for (const s of samples) if (s.t >= b.start && s.t < b.end) tops.set(stack(s.node), (tops.get(stack(s.node)) ?? 0) + 1);
  for (const [k, n] of [...tops].sort((a, c) => c[1] - a[1]).slice(0, 4)) console.log(`    ${String(n).padStart(4)} samples  ${k}`);
}
