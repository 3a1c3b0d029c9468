// 2. Overhead on a heavy CRM page under steady DOM churn, with and without the extension in the
// same run, alternating; plus the extension's own work per mutation batch from the marks the
// content script records in the bench build, and a profiled round that attributes CPU samples
// to the extension's scripts.
import { serveHeavyPage } from '../heavy-page.mjs';
import { BUDGETS } from '../lib/config.mjs';
import {
  EXTENSION_ORIGIN, coachEntries, launchVariant, metricDeltas, metrics, sleep, startProfiler, stopProfiler, waitForOverlay,
} from '../lib/browser.mjs';
import { attributeProfile } from '../lib/profile.mjs';
import { median, percentile, round, sum, summarize } from '../lib/stats.mjs';

async function churnRound({ config, server, extDir }, url, variant, { profile = false } = {}) {
  const session = await launchVariant(server, variant === 'with' ? extDir : null);
  try {
    const page = await session.context.newPage();
    const cdp = await session.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(url, { waitUntil: 'load' });
    await page.evaluate(() => window.__crmBench.ready);
    const overlay = variant === 'with' ? await waitForOverlay(page) : null;
    await sleep(config.settleMs);
    if (profile) await startProfiler(cdp, 1000);
    const m0 = await metrics(cdp);
    const r = await page.evaluate((ms) => window.__crmBench.churn(ms), config.churnMs);
    const m1 = await metrics(cdp);
    const prof = profile ? await stopProfiler(cdp) : null;
    const entries = variant === 'with' ? await coachEntries(page) : [];
    const batches = entries
      .filter((e) => e.name === 'crm-coach:batch' && e.type === 'measure' && e.start >= r.t0 && e.start <= r.t1 + 100)
      .map((e) => e.duration);
    const lt = r.longTasks.map((t) => t.duration);
    return {
      variant,
      profiled: profile,
      overlay,
      ...metricDeltas(m0, m1),
      windowMs: r.t1 - r.t0,
      ops: r.ops,
      longTasks: { count: lt.length, totalMs: sum(lt), maxMs: lt.length ? Math.max(...lt) : 0 },
      frames: { ...summarize(r.frames), over50: r.frames.filter((f) => f > 50).length },
      batches,
      markNames: [...new Set(entries.map((e) => e.name))],
      profile: prof ? attributeProfile(prof, EXTENSION_ORIGIN) : null,
    };
  } finally {
    await session.close();
  }
}

export async function run(ctx) {
  const { config, report } = ctx;
  const S = `2. Heavy page: ${config.fields} fields, churn ${config.churnMs / 1000} s × ${config.rounds} rounds each`;
  const url = serveHeavyPage(ctx.server, { fields: config.fields });
  const order = [];
  for (let i = 0; i < config.rounds; i++) order.push(...(i % 2 === 0 ? ['with', 'without'] : ['without', 'with']));
  const rounds = [];
  for (const variant of order) {
    rounds.push(await churnRound(ctx, url, variant));
    process.stdout.write(`  overhead: ${variant} round ${rounds.length}/${order.length} done\n`);
  }
  const profiled = config.profileRound ? await churnRound(ctx, url, 'with', { profile: true }) : null;
  report.detail('overhead', {
    url, rounds: rounds.map((r) => ({ ...r, batches: { ...summarize(r.batches) } })),
    profiled: profiled && { ...profiled, batches: summarize(profiled.batches) },
  });

  const W = rounds.filter((r) => r.variant === 'with');
  const N = rounds.filter((r) => r.variant === 'without');
  const pick = (rs, f) => rs.map(f);
  const pair = (f, unit = 'ms') => `${round(median(pick(N, f)))} / ${round(median(pick(W, f)))} ${unit}`;

  if (W.some((r) => r.overlay === false)) {
    report.na(S, 'Extension present on the page', 'the overlay host crm-coach-overlay never appeared: the content script did not run');
  }
  const taskW = median(pick(W, (r) => r.taskMs));
  const taskN = median(pick(N, (r) => r.taskMs));
  report.figure(S, 'Main-thread task time, without / with (median)', taskW, { display: pair((r) => r.taskMs) });
  report.figure(S, 'Task time ratio with / without', taskW / taskN, { unit: '×', budget: { max: BUDGETS.overheadRatio } });
  const cpuW = median(pick(W, (r) => r.cpuMs));
  const cpuN = median(pick(N, (r) => r.cpuMs));
  if (cpuW > 0 && cpuN > 0) {
    report.figure(S, 'Main-thread CPU time, without / with (median)', cpuW, { display: pair((r) => r.cpuMs) });
    report.figure(S, 'Main-thread CPU ratio with / without', cpuW / cpuN, { unit: '×', display: `${round(cpuW / cpuN)}×` });
  }
  report.figure(S, 'Script time, without / with', null, { display: pair((r) => r.scriptMs) });
  report.figure(S, 'Layout + style time, without / with', null, { display: pair((r) => r.layoutMs + r.styleMs) });
  report.figure(S, 'Long tasks per round, without / with', null, {
    display: `${median(pick(N, (r) => r.longTasks.count))} / ${median(pick(W, (r) => r.longTasks.count))} (max ${round(Math.max(...pick(N, (r) => r.longTasks.maxMs)))} / ${round(Math.max(...pick(W, (r) => r.longTasks.maxMs)))} ms)`,
  });
  report.figure(S, 'Frame time p95, without / with', null, { display: pair((r) => r.frames.p95) });
  report.figure(S, 'Frames over 50 ms per round, without / with', null, { display: pair((r) => r.frames.over50, '') });

  const batches = W.flatMap((r) => r.batches);
  const batchBudget = { median: { max: BUDGETS.batchMedianMs }, p99: { max: BUDGETS.batchP99Ms } };
  if (batches.length === 0) {
    const names = [...new Set(W.flatMap((r) => r.markNames))];
    const reason = names.length
      ? `no 'crm-coach:batch' measures during churn (marks seen: ${names.join(', ')})`
      : ctx.marksCompiled ? "the build contains 'crm-coach:batch' but none was recorded during churn" : "the content script records no 'crm-coach:batch' measures yet";
    report.na(S, 'Extension work per mutation batch, median', reason, { budget: batchBudget.median, unit: 'ms' });
    report.na(S, 'Extension work per mutation batch, p99', reason, { budget: batchBudget.p99, unit: 'ms' });
    report.na(S, 'Extension batches over 50 ms', reason, { budget: { max: 0 } });
  } else {
    report.figure(S, `Extension work per mutation batch, median (${batches.length} batches)`, median(batches), { unit: 'ms', budget: batchBudget.median });
    report.figure(S, 'Extension work per mutation batch, p99', percentile(batches, 99), { unit: 'ms', budget: batchBudget.p99 });
    report.figure(S, 'Extension batches over 50 ms', batches.filter((b) => b > BUDGETS.longTaskMs).length, { budget: { max: 0 } });
  }
  if (profiled) {
    const p = profiled.profile;
    report.figure(S, 'Extension script CPU under churn (profiled round)', p.attributedMs, {
      unit: 'ms', display: `${round(p.attributedMs)} ms (${round((100 * p.attributedMs) / Math.max(1, profiled.taskMs))}% of task time)`,
    });
    report.figure(S, 'Longest extension run (profiled round)', p.longestRunMs, { unit: 'ms', budget: { max: BUDGETS.longTaskMs } });
  }
}
