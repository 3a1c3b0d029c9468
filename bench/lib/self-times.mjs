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

/** Self time per event name on the renderer main thread (see mainThread). */
export function selfTimes(events) {
  const { list, taskUs: best } = mainThread(events);
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
  return { self, taskMs: best / 1000 };
}

/** Prints total RunTask time per variant and the 30 event names whose self time differs most. */
export function printSelfDiff(without, withExt, top = 30) {
  console.log(`RunTask total: without ${without.taskMs.toFixed(0)} ms, with ${withExt.taskMs.toFixed(0)} ms`);
  const names = new Set([...without.self.keys(), ...withExt.self.keys()]);
  const rows = [...names].map((n) => [n, (without.self.get(n) ?? 0) / 1000, (withExt.self.get(n) ?? 0) / 1000]);
  rows.sort((a, b) => Math.abs(b[2] - b[1]) - Math.abs(a[2] - a[1]));
  for (const [n, a, b] of rows.slice(0, top)) console.log(`${(b - a).toFixed(1).padStart(8)}  ${a.toFixed(1).padStart(8)} ${b.toFixed(1).padStart(8)}  ${n}`);
}
