import { describe, expect, it } from 'vitest';
import { markWindows, mergeIntervals, taskTimeInWindows } from '../../../bench/lib/trace-windows.mjs';

const P = 'crm-bench:';
const EXT = 'chrome-extension://abc/';
const mark = (name: string, ts: number, pid = 1, tid = 1) => ({ name: `${P}${name}`, ph: 'I', cat: 'blink.user_timing', pid, tid, ts });
const task = (ts: number, dur: number, { pid = 1, tid = 1, tdur = dur, name = 'ThreadControllerImpl::RunTask' } = {}) => ({ name, ph: 'X', pid, tid, ts, dur, tdur });
const call = (ts: number, dur: number, url: string, pid = 1, tid = 1) => ({ name: 'FunctionCall', ph: 'X', pid, tid, ts, dur, args: { data: { url } } });

describe('markWindows', () => {
  it('pairs start and end marks by label, in time order, with the thread that made them', () => {
    const w = markWindows([
      mark('nav1-a:end', 3000, 7, 8), mark('detail:start', 0, 7, 8), mark('detail:end', 1000, 7, 8), mark('nav1-a:start', 1500, 7, 8),
      { name: 'other:start', ph: 'I', ts: 10 },
    ], P);
    expect(w).toEqual([
      { label: 'detail', pid: 7, tid: 8, start: 0, end: 1000 },
      { label: 'nav1-a', pid: 7, tid: 8, start: 1500, end: 3000 },
    ]);
  });

  it('drops a start without an end and an end without a start', () => {
    expect(markWindows([mark('a:start', 0), mark('b:end', 5)], P)).toEqual([]);
  });
});

describe('mergeIntervals', () => {
  it('merges nested and overlapping spans and keeps separate ones', () => {
    expect(mergeIntervals([[10, 20], [0, 5], [12, 15], [18, 30], [40, 40]])).toEqual([[0, 5], [10, 30]]);
  });
});

describe('taskTimeInWindows', () => {
  const windows = [
    { label: 'detail', pid: 1, tid: 1, start: 0, end: 100_000 },
    { label: 'nav1', pid: 1, tid: 1, start: 100_000, end: 200_000 },
  ];

  it('sums task time per window, clipping a task that crosses the boundary and counting a nested task once', () => {
    const [detail, nav] = taskTimeInWindows([
      task(10_000, 20_000), task(15_000, 5_000), // nested: counted once
      task(90_000, 20_000, { tdur: 10_000 }), // 10 ms in each window
      task(150_000, 60_000, { tdur: 30_000 }), // a long task, 50 ms inside nav1
    ], windows);
    expect(detail.taskMs).toBeCloseTo(30);
    expect(nav.taskMs).toBeCloseTo(60);
    expect(detail.windowMs).toBeCloseTo(100);
    // CPU: top-level tasks only, in proportion to the part inside the window.
    expect(detail.cpuMs).toBeCloseTo(20 + 5);
    expect(nav.cpuMs).toBeCloseTo(5 + 30 * (50 / 60));
    expect(nav.longTasks).toBe(1);
    expect(detail.longTasks).toBe(0);
    expect(nav.maxTaskMs).toBeCloseTo(50);
  });

  it('counts only the marked thread, and extension script time only from extension URLs', () => {
    const [detail] = taskTimeInWindows([
      task(0, 50_000, { pid: 2 }), // another process
      task(0, 50_000, { tid: 9 }), // another thread of the page's process
      task(1_000, 8_000, { name: 'RunTask' }),
      call(2_000, 3_000, `${EXT}content-scripts/content.js`),
      call(6_000, 1_000, 'http://127.0.0.1:8080/cache/include/javascript/sugar_grp1.js'),
      call(99_000, 4_000, `${EXT}content-scripts/content.js`),
    ], windows, { extensionPrefix: EXT });
    expect(detail.taskMs).toBeCloseTo(8);
    expect(detail.extensionMs).toBeCloseTo(3 + 1);
  });

  it('gives zero for a window without tasks', () => {
    const [detail] = taskTimeInWindows([], windows.slice(0, 1));
    expect(detail).toMatchObject({ taskMs: 0, cpuMs: 0, longTasks: 0, maxTaskMs: 0, extensionMs: 0 });
  });
});
