// Main-thread task time per labelled window of a Chromium trace (pure; tests in
// tests/unit/bench/trace-windows.test.ts). The page marks each window with user-timing marks
// `<prefix><label>:start` and `<prefix><label>:end` (category blink.user_timing); a mark's trace
// event carries the pid/tid of the renderer main thread that made it, which is the thread whose
// tasks are summed. Tasks are the scheduler's top-level `ThreadControllerImpl::RunTask` events
// (category toplevel; `RunTask` in older builds), merged where they nest or overlap and clipped
// to the window, so no microsecond is counted twice. Their thread CPU time (`tdur`, what the
// thread ran, not what it waited for a core) is summed over top-level tasks, in proportion to the
// part of each task inside the window: on a shared machine it moves less than wall time.

export const TASK_EVENT_NAMES = ['ThreadControllerImpl::RunTask', 'RunTask'];
export const LONG_TASK_MS = 50;

/** Windows from start/end mark pairs, in trace order: [{ label, pid, tid, start, end }] (µs). */
export function markWindows(events, prefix) {
  const open = new Map();
  const windows = [];
  const marks = events
    .filter((e) => typeof e.name === 'string' && e.name.startsWith(prefix) && e.ph !== 'M' && typeof e.ts === 'number')
    .sort((a, b) => a.ts - b.ts);
  for (const e of marks) {
    const rest = e.name.slice(prefix.length);
    const cut = rest.lastIndexOf(':');
    if (cut <= 0) continue;
    const label = rest.slice(0, cut);
    const edge = rest.slice(cut + 1);
    if (edge === 'start') open.set(label, e);
    else if (edge === 'end' && open.has(label)) {
      const s = open.get(label);
      open.delete(label);
      windows.push({ label, pid: s.pid, tid: s.tid, start: s.ts, end: e.ts });
    }
  }
  return windows.sort((a, b) => a.start - b.start);
}

/** Union of [start, end) intervals (µs), sorted and merged. */
export function mergeIntervals(intervals) {
  const sorted = intervals.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  const out = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** Tasks not nested inside an earlier one (a nested task's CPU time is already its parent's). */
function topLevel(tasks) {
  const out = [];
  let end = -Infinity;
  for (const t of [...tasks].sort((a, b) => a.span[0] - b.span[0] || b.span[1] - a.span[1])) {
    if (t.span[0] < end) continue;
    out.push(t);
    end = t.span[1];
  }
  return out;
}

function overlap([s, e], start, end) {
  return Math.max(0, Math.min(e, end) - Math.max(s, start));
}

/**
 * Per window: its length, the main thread's task time in it, long tasks (merged tasks over 50 ms
 * that start in it, and the longest), and the script time entered from files under
 * `extensionPrefix` (FunctionCall events on that thread, clipped to the window).
 */
export function taskTimeInWindows(events, windows, { extensionPrefix = null } = {}) {
  const byThread = new Map();
  const key = (pid, tid) => `${pid}/${tid}`;
  for (const w of windows) byThread.set(key(w.pid, w.tid), { tasks: [], calls: [], cpu: [] });
  for (const e of events) {
    if (e.ph !== 'X' || typeof e.ts !== 'number') continue;
    const t = byThread.get(key(e.pid, e.tid));
    if (!t) continue;
    const span = [e.ts, e.ts + (e.dur ?? 0)];
    if (TASK_EVENT_NAMES.includes(e.name)) {
      t.tasks.push(span);
      t.cpu.push({ span, cpu: e.tdur ?? 0 });
    }
    else if (extensionPrefix && e.name === 'FunctionCall' && String(e.args?.data?.url ?? '').startsWith(extensionPrefix)) t.calls.push(span);
  }
  const merged = new Map([...byThread].map(([k, t]) => [k, { tasks: mergeIntervals(t.tasks), calls: mergeIntervals(t.calls), cpu: topLevel(t.cpu) }]));
  return windows.map((w) => {
    const t = merged.get(key(w.pid, w.tid));
    let taskUs = 0;
    let longTasks = 0;
    let maxTaskUs = 0;
    for (const span of t.tasks) {
      const inWindow = overlap(span, w.start, w.end);
      taskUs += inWindow;
      if (inWindow > 0) maxTaskUs = Math.max(maxTaskUs, inWindow);
      if (span[0] >= w.start && span[0] < w.end && span[1] - span[0] > LONG_TASK_MS * 1000) longTasks += 1;
    }
    let cpuUs = 0;
    for (const { span, cpu } of t.cpu) {
      const length = span[1] - span[0];
      const part = length > 0 ? overlap(span, w.start, w.end) / length : span[0] >= w.start && span[0] < w.end ? 1 : 0;
      cpuUs += cpu * part;
    }
    let extensionUs = 0;
    for (const span of t.calls) extensionUs += overlap(span, w.start, w.end);
    return {
      label: w.label,
      windowMs: (w.end - w.start) / 1000,
      taskMs: taskUs / 1000,
      cpuMs: cpuUs / 1000,
      longTasks,
      maxTaskMs: maxTaskUs / 1000,
      extensionMs: extensionUs / 1000,
    };
  });
}
