// Self time per trace event name on the renderer main thread, and a with / without comparison
// (bench/tools/task-diff.mjs, bench/tools/suite-diff.mjs).

/**
 * The complete events of the renderer main thread (the thread with script calls and the most
 * RunTask time), in time order (an enclosing event before what starts inside it), and its task
 * time in µs.
 */
export function mainThread(events) {
  const byThread = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || typeof e.dur !== 'number') continue;
    const k = `${e.pid}/${e.tid}`;
    if (!byThread.has(k)) byThread.set(k, []);
    byThread.get(k).push(e);
  }
  let main = null;
  let best = 0;
  for (const [k, list] of byThread) {
    const t = list.filter((e) => e.name === 'ThreadControllerImpl::RunTask').reduce((s, e) => s + e.dur, 0);
    const hasPage = list.some((e) => e.name === 'FunctionCall');
    if (hasPage && t > best) { best = t; main = k; }
  }
  return { list: (byThread.get(main) ?? []).sort((a, b) => a.ts - b.ts || b.dur - a.dur), taskUs: best };
}

/**
 * Self time per event name on the renderer main thread (see mainThread), and beside the task time
 * (wall clock, what the bench's ratio uses) the tasks' CPU time, the frames the renderer updated
 * and the paints it recorded. Wall against CPU answers whether the other processes took the
 * page's core (they did not: both variants' tasks ran about 6% longer than their CPU time, in
 * the twentieth session's runs); frames and paints whether the extension made the page do more
 * of them (no more frames; about 6% more paints, the overlay's own changes after navigations).
 */
export function selfTimes(events) {
  const { list, taskUs: best } = mainThread(events);
  let cpuUs = 0;
  let frames = 0;
  let paints = 0;
  for (const e of list) {
    if (e.name === 'ThreadControllerImpl::RunTask') cpuUs += e.tdur ?? 0;
    else if (e.name === 'WebFrameWidgetImpl::UpdateLifecycle') frames++;
    else if (e.name === 'Paint') paints++;
  }
  // Nesting from time spans: each event's children are the events that start inside it.
  const nodes = [];
  const stack = [];
  for (const e of list) {
    while (stack.length && stack[stack.length - 1].end <= e.ts) stack.pop();
    if (stack.length) stack[stack.length - 1].child += e.dur;
    const node = { name: e.name, dur: e.dur, end: e.ts + e.dur, child: 0 };
    stack.push(node);
    nodes.push(node);
  }
  const self = new Map();
  for (const n of nodes) self.set(n.name, (self.get(n.name) ?? 0) + n.dur - n.child);
  return { self, taskMs: best / 1000, cpuMs: cpuUs / 1000, frames, paints };
}

/** Adds one window's selfTimes into a running total (`into`, a selfTimes result or empty). */
export function addSelfTimes(into, t) {
  for (const [name, us] of t.self) into.self.set(name, (into.self.get(name) ?? 0) + us);
  for (const k of ['taskMs', 'cpuMs', 'frames', 'paints']) into[k] = (into[k] ?? 0) + (t[k] ?? 0);
  return into;
}

/** Prints total RunTask time per variant and the 30 event names whose self time differs most. */
export function printSelfDiff(without, withExt, top = 30) {
  console.log(`RunTask total: without ${without.taskMs.toFixed(0)} ms, with ${withExt.taskMs.toFixed(0)} ms`);
  if (without.cpuMs && withExt.cpuMs) {
    const r = (a, b) => (b / a).toFixed(3);
    console.log(`  their CPU time: without ${without.cpuMs.toFixed(0)} ms, with ${withExt.cpuMs.toFixed(0)} ms (${r(without.cpuMs, withExt.cpuMs)}×; wall ${r(without.taskMs, withExt.taskMs)}×)`);
    console.log(`  frames: without ${without.frames}, with ${withExt.frames}; paints: without ${without.paints}, with ${withExt.paints}`);
  }
  const names = new Set([...without.self.keys(), ...withExt.self.keys()]);
  const rows = [...names].map((n) => [n, (without.self.get(n) ?? 0) / 1000, (withExt.self.get(n) ?? 0) / 1000]);
  rows.sort((a, b) => Math.abs(b[2] - b[1]) - Math.abs(a[2] - a[1]));
  for (const [n, a, b] of rows.slice(0, top)) console.log(`${(b - a).toFixed(1).padStart(8)}  ${a.toFixed(1).padStart(8)} ${b.toFixed(1).padStart(8)}  ${n}`);
}
