// 3. Idle cost: CPU the extension uses while a CRM page sits idle (no churn, no input).
// Three views: samples of the V8 profiler attributed to the extension's scripts in the page's
// renderer (content script), the page's main-thread task time with vs without the extension,
// and CPU time of the extension's own process (its service worker) from /proc.
import { BUDGETS } from '../lib/config.mjs';
import {
  EXTENSION_ORIGIN, extensionProcess, launchVariant, metricDeltas, metrics, sleep, startProfiler, stopProfiler, threadCpuDelta, waitForOverlay,
} from '../lib/browser.mjs';
import { attributeProfile } from '../lib/profile.mjs';
import { round, sum } from '../lib/stats.mjs';
import { pageReady, salesforceRecordPage } from './common.mjs';

async function idleRound({ config, server, extDir }, target, variant) {
  const session = await launchVariant(server, variant === 'with' ? extDir : null);
  try {
    const page = await session.context.newPage();
    const cdp = await session.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(target.url, { waitUntil: 'load' });
    await pageReady(page, target.isHeavy);
    const overlay = variant === 'with' ? await waitForOverlay(page) : null;
    await sleep(config.idleSettleMs);
    await startProfiler(cdp, 1000);
    const m0 = await metrics(cdp);
    const p0 = variant === 'with' ? extensionProcess() : null;
    await sleep(config.idleMs);
    const p1 = variant === 'with' ? extensionProcess() : null;
    const m1 = await metrics(cdp);
    const profile = attributeProfile(await stopProfiler(cdp), EXTENSION_ORIGIN);
    const threads = p0 && p1 && p0.pid === p1.pid ? threadCpuDelta(p0, p1) : null;
    return { variant, overlay, ...metricDeltas(m0, m1), profile, extensionProcess: p1 ? { pid: p1.pid, threadCpuMs: threads } : null };
  } finally {
    await session.close();
  }
}

export async function run(ctx) {
  const { config, report } = ctx;
  const target = salesforceRecordPage(ctx.server, { fields: config.fields });
  const S = `3. Idle: ${config.idleMs / 1000} s on ${target.kind}`;
  const withExt = await idleRound(ctx, target, 'with');
  const without = await idleRound(ctx, target, 'without');
  report.detail('idle', { url: target.url, with: withExt, without });
  if (withExt.overlay === false) report.na(S, 'Extension present on the page', 'the overlay host never appeared: the content script did not run');
  report.figure(S, 'Extension script CPU in the page (profiler samples)', withExt.profile.attributedMs, {
    unit: 'ms', budget: { max: BUDGETS.idleMs, text: '0 ms' },
    display: `${round(withExt.profile.attributedMs)} ms (${withExt.profile.attributedSamples} samples)`,
  });
  report.figure(S, 'Page main-thread task time, without / with', withExt.taskMs - without.taskMs, {
    unit: 'ms', display: `${round(without.taskMs)} / ${round(withExt.taskMs)} ms`,
  });
  if (withExt.extensionProcess?.threadCpuMs) {
    const t = withExt.extensionProcess.threadCpuMs;
    const total = sum(Object.values(t));
    const busy = Object.entries(t).sort((a, b) => b[1] - a[1]).slice(0, 3).map(([n, v]) => `${n} ${round(v)}`).join(', ');
    report.figure(S, 'Extension process CPU (service worker and its process)', total, {
      unit: 'ms', display: `${round(total)} ms${busy ? ` (${busy})` : ''}`,
      note: '/proc tick resolution is 10 ms; includes Chromium housekeeping threads of that process',
    });
  } else {
    report.na(S, 'Extension process CPU (service worker and its process)', 'the extension process was not found or restarted during the window');
  }
}
