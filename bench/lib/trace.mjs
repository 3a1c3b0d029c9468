// Chromium tracing of a page over a window, and a summary of who ran script in it (pure part
// separated for tests). Every JS entry from a task (timer, event listener, observer callback,
// animation frame) is a "FunctionCall" trace event carrying the script URL, so even very short
// periodic work by the extension is counted, which a sampling profiler can miss.

const CATEGORIES = ['devtools.timeline', 'v8.execute'];

/** Records a trace of the page's renderer for `ms` and returns its events. */
export async function traceFor(cdp, ms) {
  const events = [];
  const onData = (e) => events.push(...e.value);
  cdp.on('Tracing.dataCollected', onData);
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES }, transferMode: 'ReportEvents' });
  await new Promise((r) => setTimeout(r, ms));
  await cdp.send('Tracing.end');
  await complete;
  cdp.off('Tracing.dataCollected', onData);
  return events;
}

/**
 * Starts tracing the browser from a page's CDP session with `categories`; resolves with a
 * function that ends the trace and resolves with its events.
 */
export async function startTrace(cdp, categories = CATEGORIES) {
  const events = [];
  const onData = (e) => events.push(...e.value);
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: categories }, transferMode: 'ReportEvents' });
  return async () => {
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', onData);
    return events;
  };
}

/** Script entries by origin, timers fired, DOM events dispatched, paints and animation frames. */
export function summarizeTrace(events, urlPrefix) {
  let extensionCalls = 0, extensionMs = 0, pageCalls = 0, pageMs = 0, paints = 0, frames = 0;
  const byFunction = {};
  const events_ = {};
  let timers = 0;
  const t0 = Math.min(...events.filter((e) => e.ts > 0).map((e) => e.ts));
  const callTimes = [];
  for (const e of events) {
    if (e.name === 'FunctionCall' && e.ph === 'X') {
      const d = e.args?.data ?? {};
      const ms = (e.dur ?? 0) / 1000;
      if (typeof d.url === 'string' && d.url.startsWith(urlPrefix)) {
        extensionCalls += 1;
        extensionMs += ms;
        callTimes.push(Math.round((e.ts - t0) / 1000));
        const key = `${d.functionName || '(anonymous)'} ${d.url.slice(urlPrefix.length)}:${d.lineNumber ?? 0}:${d.columnNumber ?? 0}`;
        byFunction[key] = (byFunction[key] ?? 0) + 1;
      } else {
        pageCalls += 1;
        pageMs += ms;
      }
    } else if (e.name === 'EventDispatch' && e.ph === 'X') {
      const type = e.args?.data?.type ?? '?';
      events_[type] = (events_[type] ?? 0) + 1;
    } else if (e.name === 'TimerFire') {
      timers += 1;
    } else if (e.name === 'Paint' && e.ph === 'X') {
      paints += 1;
    } else if (e.name === 'AnimationFrame' && e.ph === 'b') {
      frames += 1;
    }
  }
  const top = Object.entries(byFunction).sort((a, b) => b[1] - a[1]).slice(0, 10).map(([frame, calls]) => ({ frame, calls }));
  return { extensionCalls, extensionMs, pageCalls, pageMs, paints, frames, timers, eventDispatches: events_, topExtensionFunctions: top,
    /** When the extension's calls happened, ms from the start of the trace (first 50). */
    extensionCallTimes: callTimes.sort((a, b) => a - b).slice(0, 50),
    /** Time of the extension's last call, ms from the start of the trace (null when none). */
    lastExtensionCallMs: callTimes.length ? callTimes[callTimes.length - 1] : null };
}
