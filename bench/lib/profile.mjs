// Attribution of V8 CPU-profile samples (CDP Profiler.stop) to a script origin (pure).

/**
 * A profile's nodes by id, each node's parent, and each sample as { id, ms }: its leaf node and
 * how long it lasted (until the next sample; the last one counts nothing).
 */
export function profileSamples(profile) {
  const nodes = new Map();
  const parent = new Map();
  for (const n of profile.nodes ?? []) {
    nodes.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const samples = [];
  const ids = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < ids.length; i++) samples.push({ id: ids[i], ms: (deltas[i + 1] ?? 0) / 1000 });
  return { nodes, parent, samples };
}

/**
 * Time (ms) of samples whose stack contains a frame from a URL starting with `urlPrefix`,
 * the total sampled time, and the longest run of consecutive such samples (an upper-bound
 * proxy for the longest task the attributed scripts ran).
 * Each sample lasts until the next one (the last sample gets the median interval).
 */
export function attributeProfile(profile, urlPrefix) {
  const nodes = new Map();
  const parent = new Map();
  for (const n of profile.nodes ?? []) {
    nodes.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const memo = new Map();
  /** Innermost frame of `urlPrefix` on the stack of node `id` (for the per-function breakdown). */
  function ownFrame(id) {
    let cur = id;
    while (cur !== undefined) {
      const cf = nodes.get(cur)?.callFrame;
      if (cf?.url?.startsWith(urlPrefix)) return `${cf.functionName || '(anonymous)'} ${cf.url.slice(urlPrefix.length)}:${cf.lineNumber + 1}:${cf.columnNumber + 1}`;
      cur = parent.get(cur);
    }
    return null;
  }
  const byFunction = {};
  function attributed(id) {
    if (memo.has(id)) return memo.get(id);
    let hit = false;
    const chain = [];
    let cur = id;
    while (cur !== undefined) {
      if (memo.has(cur)) { hit = memo.get(cur); break; }
      chain.push(cur);
      const url = nodes.get(cur)?.callFrame?.url ?? '';
      if (url.startsWith(urlPrefix)) { hit = true; break; }
      cur = parent.get(cur);
    }
    for (const c of chain) memo.set(c, hit);
    return hit;
  }
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const times = [];
  let t = profile.startTime ?? 0;
  for (let i = 0; i < samples.length; i++) { t += deltas[i] ?? 0; times.push(t); }
  const intervals = [];
  for (let i = 1; i < times.length; i++) intervals.push(times[i] - times[i - 1]);
  const sortedIntervals = [...intervals].sort((a, b) => a - b);
  const typical = sortedIntervals.length ? sortedIntervals[Math.floor(sortedIntervals.length / 2)] : 0;
  let totalUs = 0, hitUs = 0, hitSamples = 0, longestUs = 0, runStart = null;
  const idleNames = new Set(['(idle)', '(program)']);
  let busyUs = 0;
  for (let i = 0; i < samples.length; i++) {
    const dur = i + 1 < times.length ? times[i + 1] - times[i] : typical;
    totalUs += dur;
    const name = nodes.get(samples[i])?.callFrame?.functionName ?? '';
    if (!idleNames.has(name)) busyUs += dur;
    if (attributed(samples[i])) {
      hitUs += dur;
      hitSamples += 1;
      const f = ownFrame(samples[i]);
      if (f) byFunction[f] = (byFunction[f] ?? 0) + dur / 1000;
      if (runStart === null) runStart = times[i];
      longestUs = Math.max(longestUs, times[i] + dur - runStart);
    } else {
      runStart = null;
    }
  }
  return {
    sampledMs: totalUs / 1000,
    busyMs: busyUs / 1000,
    attributedMs: hitUs / 1000,
    attributedSamples: hitSamples,
    longestRunMs: longestUs / 1000,
    /** Attributed ms per innermost attributed frame, largest first (top 10). */
    topFunctions: Object.entries(byFunction).sort((a, b) => b[1] - a[1]).slice(0, 10).map(([frame, ms]) => ({ frame, ms })),
  };
}

/** Self and inclusive time per extension function (ms per navigation), hottest first. */
export function printHot(profile, prefix, per) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (cf) => `${cf.functionName || '(anon)'} ${cf.url.slice(cf.url.lastIndexOf('/') + 1)}:${cf.lineNumber + 1}`;
  const self = new Map();
  const incl = new Map();
  /** By the outermost extension frame: which entry point (task) the time was spent under. */
  const entry = new Map();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (profile.timeDeltas[i + 1] ?? 100) / 1000;
    let id = profile.samples[i];
    const stack = [];
    while (id !== undefined) {
      stack.push(nodes.get(id).callFrame);
      id = parent.get(id);
    }
    const inExt = stack.findIndex((cf) => cf.url.startsWith(prefix));
    if (inExt < 0) continue;
    total += dt;
    // Self: the innermost frame (native callees count for the extension frame that called them).
    const innermost = stack[0].url.startsWith(prefix) ? name(stack[0]) : `${name(stack[inExt])} → ${stack[0].functionName || stack[0].url || '(native)'}`;
    self.set(innermost, (self.get(innermost) ?? 0) + dt);
    const outer = stack.findLastIndex((cf) => cf.url.startsWith(prefix));
    const e = name(stack[outer]);
    entry.set(e, (entry.get(e) ?? 0) + dt);
    const seen = new Set();
    for (const cf of stack) {
      if (!cf.url.startsWith(prefix)) continue;
      const k = name(cf);
      if (seen.has(k)) continue;
      seen.add(k);
      incl.set(k, (incl.get(k) ?? 0) + dt);
    }
  }
  const top = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `  ${(v / per).toFixed(2).padStart(7)}  ${k}`).join('\n');
  console.log(`extension CPU per navigation: ${(total / per).toFixed(1)} ms`);
  console.log(`self (ms per navigation):\n${top(self, 30)}`);
  console.log(`by entry point (outermost extension frame, ms per navigation):\n${top(entry, 12)}`);
  console.log(`inclusive (ms per navigation):\n${top(incl, 45)}`);
}
