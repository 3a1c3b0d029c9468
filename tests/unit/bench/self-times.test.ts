import { describe, expect, it } from 'vitest';
import { addSelfTimes, selfTimes } from '../../../bench/lib/self-times.mjs';

/** A complete trace event on thread `tid` (µs). */
const ev = (name: string, ts: number, dur: number, tdur?: number, tid = 1) => ({ name, ph: 'X', pid: 1, tid, ts, dur, ...(tdur === undefined ? {} : { tdur }) });

describe('bench self times', () => {
  const trace = [
    ev('ThreadControllerImpl::RunTask', 0, 1000, 800),
    ev('FunctionCall', 100, 300),
    ev('ThreadControllerImpl::RunTask', 2000, 2000, 1900),
    ev('WebFrameWidgetImpl::UpdateLifecycle', 2100, 1500),
    ev('Paint', 2200, 400),
    ev('WebFrameWidgetImpl::UpdateLifecycle', 3700, 100),
    // Another thread with more task time but no script: not the page's main thread.
    ev('ThreadControllerImpl::RunTask', 0, 9000, 9000, 2),
    ev('Paint', 0, 50, undefined, 2),
  ];

  it('self time per name, task wall and CPU time, frames and paints of the main thread only', () => {
    const t = selfTimes(trace);
    expect(t.taskMs).toBe(3);
    expect(t.cpuMs).toBeCloseTo(2.7);
    expect(t.frames).toBe(2);
    expect(t.paints).toBe(1);
    expect(t.self.get('ThreadControllerImpl::RunTask')).toBe(700 + 400);
    expect(t.self.get('WebFrameWidgetImpl::UpdateLifecycle')).toBe(1100 + 100);
    expect(t.self.get('Paint')).toBe(400);
  });

  it('adds windows up', () => {
    const total = addSelfTimes(addSelfTimes({ self: new Map() }, selfTimes(trace)), selfTimes(trace));
    expect(total.taskMs).toBe(6);
    expect(total.frames).toBe(4);
    expect(total.paints).toBe(2);
    expect(total.self.get('FunctionCall')).toBe(600);
  });
});
