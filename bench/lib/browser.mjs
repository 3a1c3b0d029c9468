// Browser-side helpers of the benchmark: launching the two variants with the lead's harness,
// CDP metrics, CPU profiles, heap after GC, and CPU time of Chromium's processes from /proc.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { launch, EXTENSION_ID } from '../../tests/e2e/harness.mjs';

export { EXTENSION_ID };
export const EXTENSION_ORIGIN = `chrome-extension://${EXTENSION_ID}/`;

/**
 * Launches Chromium with (extensionDir) or without (null) the extension, on a shared server;
 * `args` are extra browser flags (give both variants the same).
 */
export async function launchVariant(server, extensionDir, { args = [] } = {}) {
  return launch({ server, extensionDir, headless: true, args });
}

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

/** Performance.getMetrics as { name: value } (durations in seconds as CDP reports them). */
export async function metrics(cdp) {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

/** Millisecond deltas of the duration metrics between two snapshots. */
export function metricDeltas(a, b) {
  const ms = (k) => ((b[k] ?? 0) - (a[k] ?? 0)) * 1000;
  return {
    taskMs: ms('TaskDuration'),
    scriptMs: ms('ScriptDuration'),
    layoutMs: ms('LayoutDuration'),
    styleMs: ms('RecalcStyleDuration'),
    /** CPU time of the renderer's main thread (what it ran, not what it waited for a core). */
    cpuMs: ms('ThreadTime'),
  };
}

/** Starts the V8 sampling profiler on a page session. */
export async function startProfiler(cdp, intervalUs = 500) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: intervalUs });
  await cdp.send('Profiler.start');
}

export async function stopProfiler(cdp) {
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.send('Profiler.disable');
  return profile;
}

/** Heap of the page's V8 isolate (main world and the content script's isolated world) after GC. */
export async function heapAfterGc(cdp) {
  await cdp.send('HeapProfiler.enable');
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.disable');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters').catch(() => null);
  return { usedBytes: heap.usedSize, embedderBytes: heap.embedderHeapUsedSize ?? null, dom };
}

let clkTck = null;
function ticksPerSecond() {
  if (clkTck === null) {
    try { clkTck = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100; } catch { clkTck = 100; }
  }
  return clkTck;
}

function statFields(text) {
  // Fields after "(comm)": state is index 0, utime index 11, stime index 12.
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { ppid: Number(rest[1]), utime: Number(rest[11]), stime: Number(rest[12]), comm: text.slice(text.indexOf('(') + 1, text.lastIndexOf(')')) };
}

/** Descendant processes of this Node process: { pid, args, threads: [{ tid, comm, cpuMs }] }. */
export function chromiumProcesses() {
  const children = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const { ppid } = statFields(readFileSync(`/proc/${d}/stat`, 'utf8'));
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(d));
    } catch { /* gone */ }
  }
  const out = [];
  const queue = [process.pid];
  const hz = ticksPerSecond();
  while (queue.length) {
    const p = queue.shift();
    for (const c of children.get(p) ?? []) {
      queue.push(c);
      try {
        const args = readFileSync(`/proc/${c}/cmdline`, 'utf8').split('\0');
        const threads = [];
        for (const t of readdirSync(`/proc/${c}/task`)) {
          try {
            const s = statFields(readFileSync(`/proc/${c}/task/${t}/stat`, 'utf8'));
            threads.push({ tid: Number(t), comm: s.comm, cpuMs: ((s.utime + s.stime) * 1000) / hz });
          } catch { /* gone */ }
        }
        out.push({ pid: c, args, threads });
      } catch { /* gone */ }
    }
  }
  return out;
}

/** The extension's renderer process (where its service worker runs), or null. */
export function extensionProcess() {
  // Zygote children rewrite their command line into one string: search the joined text.
  return chromiumProcesses().find((p) => /(^|\s)--extension-process(\s|$)/.test(p.args.join(' '))) ?? null;
}

/** CPU ms per thread name between two snapshots of one process (threads that used any). */
export function threadCpuDelta(before, after) {
  const prev = new Map((before?.threads ?? []).map((t) => [t.tid, t.cpuMs]));
  const byName = {};
  for (const t of after?.threads ?? []) {
    const d = t.cpuMs - (prev.get(t.tid) ?? 0);
    if (d > 0) byName[t.comm] = (byName[t.comm] ?? 0) + d;
  }
  return byName;
}

/**
 * Waits for the overlay host the content script mounts; resolves true, or false after `timeout`.
 */
export async function waitForOverlay(page, timeout = 10_000) {
  try {
    await page.locator('crm-coach-overlay').first().waitFor({ state: 'attached', timeout });
    return true;
  } catch {
    return false;
  }
}

/**
 * User-timing entries the content script recorded (they share the page's timeline). `clear`
 * empties the timeline's marks and measures after reading them: a page measured window after
 * window would otherwise keep every entry of the run (user timing has no buffer limit) and read
 * them all again each time, garbage and a growing heap on the extension's side only.
 */
export async function coachEntries(page, { clear = false } = {}) {
  return page.evaluate((clearAfter) => {
    const got = [];
    for (const e of performance.getEntries()) {
      if (!e.name.startsWith('crm-coach:')) continue;
      // Quiet callbacks come in groups (entrypoints/content/scheduler.ts quiet): each its own batch,
      // dated when the group was recorded.
      if (e.name === 'crm-coach:quiet' && Array.isArray(e.detail)) {
        for (const ms of e.detail) if (typeof ms === 'number') got.push({ name: 'crm-coach:batch', type: 'measure', start: e.startTime, duration: ms, detail: 'quiet' });
        continue;
      }
      got.push({ name: e.name, type: e.entryType, start: e.startTime, duration: e.duration, detail: e.detail ?? null });
    }
    if (clearAfter) {
      performance.clearMarks();
      performance.clearMeasures();
    }
    return got;
  }, clear);
}

/** Waits for a user-timing mark of the content script; its startTime (ms), or null after `timeout`. */
export async function waitForMark(page, name, timeout = 20_000) {
  const end = Date.now() + timeout;
  for (;;) {
    const at = await page.evaluate((n) => performance.getEntriesByName(n)[0]?.startTime ?? null, name);
    if (at !== null || Date.now() > end) return at;
    await sleep(100);
  }
}

/**
 * For the tools: a browser with the extension at `extDir` (null: without it) on the page `url` of
 * `server` (the heavy page, bench/heavy-page.mjs), its page ready and the coach's overlay up, with
 * a CDP session on the page. Closes the browser if the page does not come up.
 */
export async function openOnHeavyPage(server, url, extDir) {
  const session = await launchVariant(server, extDir);
  try {
    const page = await session.context.newPage();
    const cdp = await session.context.newCDPSession(page);
    await page.goto(url, { waitUntil: 'load' });
    await page.evaluate(() => window.__crmBench.ready);
    if (extDir) await waitForOverlay(page);
    return { session, page, cdp };
  } catch (err) {
    await session.close();
    throw err;
  }
}

/**
 * For the tools: the heavy page (`fields` fields) on a new server, open in a browser with the
 * extension at `extDir` (openOnHeavyPage). Close with `close()`.
 */
export async function openHeavyPage(extDir, fields) {
  const { startServer } = await import('../../tests/e2e/server.mjs');
  const { serveHeavyPage } = await import('../heavy-page.mjs');
  const server = await startServer();
  try {
    const opened = await openOnHeavyPage(server, serveHeavyPage(server, { fields }), extDir);
    const close = async () => {
      await opened.session.close();
      server.close?.();
    };
    return { ...opened, close };
  } catch (err) {
    server.close?.();
    throw err;
  }
}

/** Busy and total CPU jiffies of the whole machine (/proc/stat's first line). */
function cpuJiffies() {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = f[3] + (f[4] ?? 0);
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/**
 * Waits until the machine is quiet: two windows of 300 ms in a row with at most `maxBusy` of its
 * CPU busy, or `timeoutMs`. A latency figure taken right after a section that closed big browsers
 * measures their shutdown as much as the extension. Returns how long it waited and the last
 * window's busy share.
 */
export async function waitForQuietMachine({ maxBusy = 0.25, timeoutMs = 15_000 } = {}) {
  const t0 = Date.now();
  let calm = 0;
  let share = 1;
  while (Date.now() - t0 < timeoutMs) {
    const a = cpuJiffies();
    await sleep(300);
    const b = cpuJiffies();
    share = b.total > a.total ? (b.busy - a.busy) / (b.total - a.total) : 0;
    calm = share <= maxBusy ? calm + 1 : 0;
    if (calm >= 2) break;
  }
  return { waitedMs: Date.now() - t0, busy: Math.round(share * 100) / 100 };
}
