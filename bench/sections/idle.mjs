// 3. Idle cost: work the extension does while a CRM page sits idle (no churn, no input).
// Three views: a Chromium trace of the page's renderer, counting every script entry
// (FunctionCall: timers, listeners, observers, animation frames) from the extension's scripts;
// the page's main-thread task time and paints with vs without the extension; and CPU time of
// the extension's own process (its service worker) from /proc.
import { BUDGETS } from '../lib/config.mjs';
import {
  EXTENSION_ORIGIN, extensionProcess, launchVariant, metricDeltas, metrics, threadCpuDelta, waitForMark, waitForOverlay,
} from '../lib/browser.mjs';
import { summarizeTrace, traceFor } from '../lib/trace.mjs';
import { round, sum } from '../lib/stats.mjs';
import { pageReady, salesforceRecordPage } from './common.mjs';

async function idleRound({ config, server, extDir }, target, variant) {
  const session = await launchVariant(server, variant === 'with' ? extDir : null);
  try {
    const page = await session.context.newPage();
    const cdp = await session.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const loaded = Date.now();
    await page.goto(target.url, { waitUntil: 'load' });
    await pageReady(page, target.isHeavy);
    const overlay = variant === 'with' ? await waitForOverlay(page) : null;
    // The coach starts work once the background has answered (slow on a fresh browser): wait
    // for its model-ready mark, then trace a settle period (how long it keeps working), then
    // the idle window.
    const modelReadyAt = variant === 'with' ? await waitForMark(page, 'crm-coach:model-ready') : null;
    const settleStart = Date.now();
    const settle = summarizeTrace(await traceFor(cdp, config.idleSettleMs), EXTENSION_ORIGIN);
    settle.offsetMs = settleStart - loaded;
    const m0 = await metrics(cdp);
    const p0 = variant === 'with' ? extensionProcess() : null;
    const trace = summarizeTrace(await traceFor(cdp, config.idleMs), EXTENSION_ORIGIN);
    const p1 = variant === 'with' ? extensionProcess() : null;
    const m1 = await metrics(cdp);
    let ext = null;
    if (variant === 'with') {
      if (p0 && p1 && p0.pid === p1.pid) ext = { state: 'measured', pid: p1.pid, threadCpuMs: threadCpuDelta(p0, p1) };
      else if (!p0 && !p1) ext = { state: 'absent' };
      else ext = { state: !p1 ? 'exited' : p0 ? 'restarted' : 'started' };
    }
    return { variant, overlay, modelReadyAt, ...metricDeltas(m0, m1), trace, settle, extensionProcess: ext };
  } finally {
    await session.close();
  }
}

export async function run(ctx) {
  const { config, report } = ctx;
  const target = salesforceRecordPage(ctx.server, { fields: config.fields });
  const S = `3. Idle: ${config.idleMs / 1000} s on ${target.kind}, after ${config.idleSettleMs / 1000} s to settle`;
  const withExt = await idleRound(ctx, target, 'with');
  const without = await idleRound(ctx, target, 'without');
  report.detail('idle', { url: target.url, with: withExt, without });
  if (withExt.overlay === false) report.na(S, 'Extension present on the page', 'the overlay host never appeared: the content script did not run');
  const st = withExt.settle;
  const ready = withExt.modelReadyAt === null ? 'no model-ready mark' : `model ready ${round(withExt.modelReadyAt / 1000)} s after navigation`;
  report.figure(S, `Settle period after the coach started (${round(config.idleSettleMs / 1000)} s traced)`, st.extensionCalls, {
    display: st.lastExtensionCallMs === null ? `${ready}; then quiet`
      : `${ready}; last call ${round((st.lastExtensionCallMs + st.offsetMs) / 1000)} s after navigation (${st.extensionCalls} calls, ${round(st.extensionMs)} ms)`,
  });
  const t = withExt.trace;
  report.figure(S, 'Extension script runs in the page (traced)', t.extensionCalls, {
    budget: { max: BUDGETS.idleMs, text: '0' },
    display: `${t.extensionCalls} calls, ${round(t.extensionMs)} ms${t.topExtensionFunctions[0] ? ` (top: ${t.topExtensionFunctions[0].frame})` : ''}`,
  });
  report.figure(S, 'Page main-thread task time, without / with', withExt.taskMs - without.taskMs, {
    unit: 'ms', display: `${round(without.taskMs)} / ${round(withExt.taskMs)} ms`,
  });
  report.figure(S, 'Paints, without / with', withExt.trace.paints - without.trace.paints, {
    display: `${without.trace.paints} / ${withExt.trace.paints}`,
  });
  const proc = withExt.extensionProcess;
  if (proc.state === 'measured') {
    const t = proc.threadCpuMs;
    const total = sum(Object.values(t));
    const busy = Object.entries(t).sort((a, b) => b[1] - a[1]).slice(0, 3).map(([n, v]) => `${n} ${round(v)}`).join(', ');
    report.figure(S, 'Extension process CPU (service worker and its process)', total, {
      unit: 'ms', display: `${round(total)} ms${busy ? ` (${busy})` : ''}`,
      note: '/proc tick resolution is 10 ms; includes Chromium housekeeping threads of that process',
    });
  } else if (proc.state === 'absent') {
    report.figure(S, 'Extension process CPU (service worker and its process)', 0, {
      unit: 'ms', display: '0 ms (no extension process: the service worker was not running)',
    });
  } else {
    report.na(S, 'Extension process CPU (service worker and its process)', `the extension process ${proc.state} during the window`);
  }
}
