import { describe, expect, it } from 'vitest';
import { summarizeRealApp, tipTiming } from '../../../bench/lib/real-app.mjs';

describe('tipTiming', () => {
  it('is null for a navigation that expects no tip', () => {
    expect(tipTiming({ expectTip: false, navStart: 0, contentAt: 10, tipAt: 20 })).toBeNull();
  });

  it('says when the expected tip never painted', () => {
    expect(tipTiming({ expectTip: true, navStart: 0, contentAt: 10, tipAt: null })).toEqual({ shown: false, contentToTip: null, navToTip: null, modelReadyToTip: null, coachWorkMs: null });
  });

  it('measures from the content, the navigation and the first model-ready mark made after the navigation started', () => {
    const t = tipTiming({ expectTip: true, navStart: 1000, contentAt: 1800, tipAt: 1840 }, [200, 1810, 1820, 2000]);
    expect(t).toEqual({ shown: true, contentToTip: 40, navToTip: 840, modelReadyToTip: 30, coachWorkMs: null });
  });

  it("sums the coach's batches that started between the navigation and the tip", () => {
    const batches = [{ start: 900, duration: 50 }, { start: 1100, duration: 2 }, { start: 1805, duration: 6 }, { start: 1900, duration: 9 }];
    expect(tipTiming({ expectTip: true, navStart: 1000, contentAt: 1800, tipAt: 1840 }, [], batches)?.coachWorkMs).toBe(8);
  });

  it('has no model-ready figure when no mark falls between the navigation and the tip', () => {
    expect(tipTiming({ expectTip: true, navStart: 1000, contentAt: 1800, tipAt: 1840 }, [200])?.modelReadyToTip).toBeNull();
  });
});

const cost = (taskMs: number, extra: Partial<{ cpuMs: number; longTasks: number; extensionMs: number }> = {}) => ({ taskMs, cpuMs: taskMs / 2, longTasks: 0, extensionMs: 0, ...extra });

describe('summarizeRealApp', () => {
  const shown = (contentToTip: number) => ({ shown: true, contentToTip, navToTip: contentToTip + 900, modelReadyToTip: null, coachWorkMs: 7 });
  const rounds = [
    { variant: 'with' as const, detail: cost(110, { extensionMs: 4 }), navs: [{ ...cost(60, { longTasks: 1 }), tip: shown(30) }, { ...cost(40), tip: null }] },
    { variant: 'without' as const, detail: cost(100), navs: [cost(50), cost(40)] },
    { variant: 'without' as const, detail: cost(120), navs: [cost(70), cost(40)] },
    { variant: 'with' as const, detail: cost(130, { extensionMs: 6 }), navs: [{ ...cost(80), tip: { shown: false, contentToTip: null, navToTip: null, modelReadyToTip: null, coachWorkMs: null } }, { ...cost(40), tip: null }] },
  ];

  it('divides the median with by the median without, for the detail view and for each round\'s navigations summed', () => {
    const s = summarizeRealApp(rounds);
    expect(s.rounds).toEqual({ with: 2, without: 2 });
    expect(s.detail.withMs).toBe(120);
    expect(s.detail.withoutMs).toBe(110);
    expect(s.detail.ratio).toBeCloseTo(120 / 110);
    expect(s.detail.cpuRatio).toBeCloseTo(60 / 55);
    expect(s.detail.extensionMs).toBe(5);
    expect(s.navigations.count).toBe(2);
    expect(s.navigations.withMs).toBe(110); // rounds sum to 100 and 120
    expect(s.navigations.withoutMs).toBe(100); // 90 and 110
    expect(s.navigations.ratio).toBeCloseTo(1.1);
    expect(s.navigations.longTasksWith).toBe(1);
    expect(s.navigations.longTasksWithout).toBe(0);
  });

  it('counts the tips expected, the ones never painted, and keeps the latencies of the painted ones', () => {
    const s = summarizeRealApp(rounds);
    expect(s.tip).toEqual({ expected: 2, missing: 1, contentToTip: [30], navToTip: [930], modelReadyToTip: [], coachWorkMs: [7] });
  });

  it('has no ratio without a round of each variant', () => {
    const s = summarizeRealApp(rounds.filter((r) => r.variant === 'with'));
    expect(s.detail.ratio).toBeNull();
    expect(s.navigations.ratio).toBeNull();
  });
});
