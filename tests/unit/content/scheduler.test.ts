// When the coach works (entrypoints/content/scheduler.ts): updates join a running one, a long
// read runs in slices with the event loop in between, late changes and left-over selector checks
// start another update, and the first state ask is retried after a growing pause. Fake timers.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRetry, createScheduler, SLICE_MS, START_RETRIES, START_RETRY_MS, type Job } from '@/entrypoints/content/scheduler';
import { WINDOW_MS } from '@/utils/crm/selector-budget';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A scheduler whose slices need `slices` turns each, recording what each slice saw. */
function setup(opts: { slices?: number; pending?: () => boolean; behind?: () => boolean } = {}) {
  const ac = new AbortController();
  const seen: { reason: string; force: boolean; budget: number }[] = [];
  let left = opts.slices ?? 1;
  const s = createScheduler({
    signal: ac.signal,
    slice(job: Readonly<Job>, deadline: number) {
      seen.push({ reason: job.reason, force: job.force, budget: deadline - performance.now() });
      if (--left > 0) return false;
      left = opts.slices ?? 1;
      return true;
    },
    pending: opts.pending ?? (() => false),
    behind: opts.behind ?? (() => false),
  });
  return { s, seen, ac };
}

describe('scheduler', () => {
  it('runs an update at once when idle, in one slice of SLICE_MS', () => {
    const { s, seen } = setup();
    s.update('start', true);
    expect(seen).toEqual([{ reason: 'start', force: true, budget: SLICE_MS }]);
    s.update('mutation');
    expect(seen.at(-1)).toEqual({ reason: 'mutation', force: false, budget: SLICE_MS });
  });

  it('reads in slices with the event loop in between; updates meanwhile join the running one', () => {
    const { s, seen } = setup({ slices: 3 });
    s.update('mutation');
    expect(seen).toHaveLength(1);
    // Joins: no second job; the reason that says more than 'mutation' wins, and force sticks.
    s.update('dismiss', true);
    s.update('mutation');
    expect(seen).toHaveLength(1);
    vi.advanceTimersToNextTimer();
    expect(seen).toHaveLength(2);
    expect(seen[1]).toMatchObject({ reason: 'dismiss', force: true });
    vi.advanceTimersToNextTimer();
    expect(seen).toHaveLength(3);
    // Done: no more timers, and the next batch is a job of its own.
    expect(vi.getTimerCount()).toBe(0);
    s.update('mutation');
    expect(seen.at(-1)).toMatchObject({ reason: 'mutation', force: false });
  });

  it('starts another update for changes that came in during the reading', () => {
    let pending = 1;
    const { s, seen } = setup({ pending: () => pending-- > 0 });
    s.update('state', true);
    expect(seen.map((x) => x.reason)).toEqual(['state', 'mutation']);
    expect(seen[1].force).toBe(false);
  });

  it('comes back for left-over selector checks once the budget window is over, with one timer at most', () => {
    let behind = 2;
    const { s, seen } = setup({ behind: () => behind-- > 0 });
    s.update('mutation');
    s.update('mutation');
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(WINDOW_MS - 1);
    expect(seen).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(seen.map((x) => x.reason)).toEqual(['mutation', 'mutation', 'selectors']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a failing slice is logged once and ends the update; abort stops every timer', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const ac = new AbortController();
    let calls = 0;
    const s = createScheduler({
      signal: ac.signal,
      slice: () => {
        calls++;
        throw new Error('boom');
      },
      pending: () => false,
      behind: () => false,
    });
    s.update('mutation');
    s.update('mutation');
    expect(calls).toBe(2);

    const slow = setup({ slices: 5, behind: () => true });
    slow.s.update('mutation');
    expect(vi.getTimerCount()).toBe(1);
    slow.ac.abort();
    vi.runAllTimers();
    // The slice already queued may end; nothing is queued after it, and no update starts.
    const after = slow.seen.length;
    expect(after).toBeLessThanOrEqual(2);
    expect(vi.getTimerCount()).toBe(0);
    slow.s.update('mutation');
    expect(slow.seen).toHaveLength(after);
    warn.mockRestore();
  });
});

describe('scheduler: after layout', () => {
  it("a slice that answers 'layout' carries on in afterLayout's callback, told so; abort cancels the wait", () => {
    const ac = new AbortController();
    const seen: { slices: number; laidOut: boolean }[] = [];
    const waits: (() => void)[] = [];
    let cancelled = 0;
    const answers: ('layout' | boolean)[] = [false, 'layout', true];
    const s = createScheduler({
      signal: ac.signal,
      slice(job: Readonly<Job>) {
        seen.push({ slices: job.slices, laidOut: job.laidOut });
        return answers[seen.length - 1] ?? true;
      },
      afterLayout(fn) {
        waits.push(fn);
        return () => cancelled++;
      },
      pending: () => false,
      behind: () => false,
    });
    s.update('navigation');
    vi.advanceTimersToNextTimer();
    // The second slice asked for the layout: no timer, one wait.
    expect(seen).toEqual([
      { slices: 0, laidOut: false },
      { slices: 1, laidOut: false },
    ]);
    expect(vi.getTimerCount()).toBe(0);
    expect(waits).toHaveLength(1);
    // Updates meanwhile join the waiting one.
    s.update('mutation');
    expect(seen).toHaveLength(2);
    waits[0]();
    expect(seen.at(-1)).toEqual({ slices: 2, laidOut: true });

    answers.push('layout');
    s.update('mutation');
    expect(seen.at(-1)).toEqual({ slices: 0, laidOut: false });
    expect(waits).toHaveLength(2);
    ac.abort();
    expect(cancelled).toBe(1);
  });

  it("without afterLayout, 'layout' carries on after the event loop's turn", () => {
    let n = 0;
    const s = createScheduler({
      signal: new AbortController().signal,
      slice: () => (++n === 1 ? 'layout' : true),
      pending: () => false,
      behind: () => false,
    });
    s.update('mutation');
    expect(n).toBe(1);
    vi.advanceTimersToNextTimer();
    expect(n).toBe(2);
  });
});

describe('start retry', () => {
  it('tries again after a growing pause, a few times, then stops', () => {
    const ac = new AbortController();
    const r = createRetry(ac.signal);
    const at: number[] = [];
    const t0 = Date.now();
    const again = () => {
      at.push(Date.now() - t0);
      r.later(again);
    };
    expect(r.later(again)).toBe(true);
    vi.runAllTimers();
    const delays = Array.from({ length: START_RETRIES }, (_, i) => START_RETRY_MS * 2 ** i);
    expect(at).toEqual(delays.map((_, i) => delays.slice(0, i + 1).reduce((a, b) => a + b, 0)));
    expect(r.later(again)).toBe(false);
  });

  it('cancel and abort drop the pending try', () => {
    const ac = new AbortController();
    const r = createRetry(ac.signal);
    const fn = vi.fn();
    r.later(fn);
    r.cancel();
    vi.runAllTimers();
    expect(fn).not.toHaveBeenCalled();
    r.later(fn);
    ac.abort();
    vi.runAllTimers();
    expect(fn).not.toHaveBeenCalled();
    expect(r.later(fn)).toBe(false);
  });
});
