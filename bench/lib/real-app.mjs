// Pure summary of the real-app section (bench/sections/suitecrm.mjs; tests in
// tests/unit/bench/real-app.test.ts): task time with / without the extension on a record's
// detail view and over a sequence of ajaxUI navigations, and the time to the coach's first tip
// after each navigation that should show one.
import { median, sum } from './stats.mjs';

/**
 * One navigation's tip timings (page clock, ms), or null when the navigation expects no tip.
 * `nav`: { expectTip, navStart, contentAt, tipAt }; `modelReadyMarks`: start times of the
 * content script's 'crm-coach:model-ready' marks. contentToTip is from the new record's content
 * being in the page to the frame that paints the tip; modelReadyToTip from the first model-ready
 * mark made after the navigation started (null when the content script made none); coachWorkMs
 * the content script's own work in that time: the durations of its 'crm-coach:batch' measures
 * (`batches`: { start, duration }) that started between the navigation and the tip.
 */
export function tipTiming(nav, modelReadyMarks = [], batches = []) {
  if (!nav.expectTip) return null;
  if (nav.tipAt === null || nav.tipAt === undefined) return { shown: false, contentToTip: null, navToTip: null, modelReadyToTip: null, coachWorkMs: null };
  const ready = modelReadyMarks.filter((t) => t >= nav.navStart && t <= nav.tipAt).sort((a, b) => a - b)[0];
  const work = batches.filter((b) => b.start >= nav.navStart && b.start <= nav.tipAt);
  return {
    shown: true,
    contentToTip: nav.contentAt === null || nav.contentAt === undefined ? null : nav.tipAt - nav.contentAt,
    navToTip: nav.tipAt - nav.navStart,
    modelReadyToTip: ready === undefined ? null : nav.tipAt - ready,
    coachWorkMs: work.length ? sum(work.map((b) => b.duration)) : null,
  };
}

const ratio = (a, b) => (a === null || b === null || b <= 0 ? null : a / b);

/**
 * rounds: [{ variant: 'with' | 'without', detail: { taskMs, cpuMs, longTasks, extensionMs },
 * navs: [{ taskMs, cpuMs, longTasks, extensionMs, tip: tipTiming(...) }] }].
 * Task time ratios are median(with) / median(without), as in the synthetic overhead section; the
 * navigation figure sums each round's navigation windows first.
 */
export function summarizeRealApp(rounds) {
  const W = rounds.filter((r) => r.variant === 'with');
  const N = rounds.filter((r) => r.variant === 'without');
  const med = (rs, f) => median(rs.map(f));
  const detailWith = med(W, (r) => r.detail.taskMs);
  const detailWithout = med(N, (r) => r.detail.taskMs);
  const navsWith = med(W, (r) => sum(r.navs.map((n) => n.taskMs)));
  const navsWithout = med(N, (r) => sum(r.navs.map((n) => n.taskMs)));
  const cpu = (rs, f) => med(rs, f);
  const detailCpuWith = cpu(W, (r) => r.detail.cpuMs);
  const detailCpuWithout = cpu(N, (r) => r.detail.cpuMs);
  const navsCpuWith = cpu(W, (r) => sum(r.navs.map((n) => n.cpuMs)));
  const navsCpuWithout = cpu(N, (r) => sum(r.navs.map((n) => n.cpuMs)));
  const tips = W.flatMap((r) => r.navs.map((n) => n.tip).filter((t) => t !== null && t !== undefined));
  const shown = tips.filter((t) => t.shown);
  const values = (k) => shown.map((t) => t[k]).filter((v) => v !== null);
  return {
    rounds: { with: W.length, without: N.length },
    detail: {
      withMs: detailWith, withoutMs: detailWithout, ratio: ratio(detailWith, detailWithout),
      cpuWithMs: detailCpuWith, cpuWithoutMs: detailCpuWithout, cpuRatio: ratio(detailCpuWith, detailCpuWithout),
      extensionMs: med(W, (r) => r.detail.extensionMs),
    },
    navigations: {
      count: W[0]?.navs.length ?? N[0]?.navs.length ?? 0,
      withMs: navsWith,
      withoutMs: navsWithout,
      ratio: ratio(navsWith, navsWithout),
      cpuWithMs: navsCpuWith,
      cpuWithoutMs: navsCpuWithout,
      cpuRatio: ratio(navsCpuWith, navsCpuWithout),
      perNavWithMs: median(W.flatMap((r) => r.navs.map((n) => n.taskMs))),
      perNavWithoutMs: median(N.flatMap((r) => r.navs.map((n) => n.taskMs))),
      extensionMsPerNav: median(W.flatMap((r) => r.navs.map((n) => n.extensionMs))),
      longTasksWith: sum(W.flatMap((r) => [r.detail.longTasks, ...r.navs.map((n) => n.longTasks)])),
      longTasksWithout: sum(N.flatMap((r) => [r.detail.longTasks, ...r.navs.map((n) => n.longTasks)])),
    },
    tip: {
      expected: tips.length,
      missing: tips.length - shown.length,
      contentToTip: values('contentToTip'),
      navToTip: values('navToTip'),
      modelReadyToTip: values('modelReadyToTip'),
      coachWorkMs: values('coachWorkMs'),
    },
  };
}
