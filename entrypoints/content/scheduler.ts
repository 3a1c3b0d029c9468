/**
 * When the coach works (docs/architecture.md, "The content script"): a batch of page changes or
 * a state change starts an update; updates arriving while one runs join it; an update works in
 * slices of SLICE_MS and gives the page the event loop between them; changes that came in during
 * the reading start another; selector checks left over by their budget come back once the
 * budget's window is over. Also the growing pause between asks for the first coach state.
 * Timers only while there is work: no polling.
 *
 * Bench builds measure each slice as a `crm-coach:batch` (one uninterrupted piece of the coach's
 * work, the page's turn before and after it) and each update as a `crm-coach:update` (all its
 * slices, detail: its reason), so a navigation reads as the few batches it costs.
 */
import { logOnce } from '@/utils/crm/log';
import { WINDOW_MS as SELECTOR_WINDOW_MS } from '@/utils/crm/selector-budget';

/** Bench marks are compiled out of every other build. */
const BENCH_BUILD = import.meta.env.MODE === 'bench';

/** Quiet callbacks recorded in one bench mark at most (see quiet). */
const QUIET_GROUP = 16;

/** Work per task while reading a page in slices (ms); then the event loop gets a turn. */
export const SLICE_MS = 4;

/** A first state ask that failed is asked again this many times, after START_RETRY_MS, then twice that, … */
export const START_RETRIES = 5;
export const START_RETRY_MS = 200;

export interface Job {
  /** When the batch's work started, and how long it has worked so far (slices only, not the gaps). */
  start: number;
  work: number;
  /** Why it runs (for the log): a later reason other than 'mutation' replaces it. */
  reason: string;
  /** Plan and publish even when nothing the coach reads changed. */
  force: boolean;
  /** Slices this update ran before the current one. */
  slices: number;
  /** The current slice runs right after a layout of the page (see SchedulerDeps.afterLayout). */
  laidOut: boolean;
}

/**
 * What a slice answers: true when the update is done, false to carry on after the page's next
 * turn of the event loop, 'layout' to carry on right after the page's next layout (reading what
 * is visible then costs no style work of its own).
 */
export type SliceResult = boolean | 'layout';

export interface SchedulerDeps {
  signal: AbortSignal;
  /** Benchmark build: measure each slice (crm-coach:batch) and each update (crm-coach:update). */
  bench?: boolean;
  /** One slice of the update, working until `deadline` (a performance.now() time). */
  slice(job: Readonly<Job>, deadline: number): SliceResult;
  /**
   * Calls `fn` once right after the page's next layout; returns what cancels it. Without one,
   * 'layout' carries on like false.
   */
  afterLayout?(fn: () => void): () => void;
  /** Page changes came in that the finished update did not read. */
  pending(): boolean;
  /** Selector checks were left over by their budget (utils/crm/selector-answers.ts takeBehind). */
  behind(): boolean;
}

export interface Scheduler {
  /**
   * Starts an update, or joins the running one. `observerMs`: the watcher's own time for this
   * batch (bench: counted in the next slice's batch and in the update).
   */
  update(reason: string, force?: boolean, observerMs?: number): void;
  /** Page changes the watcher handled on its own, in `observerMs` (bench: recorded as a batch of its own). */
  quiet(observerMs: number): void;
  /** True while an update runs (between its first slice and its publication). */
  busy(): boolean;
}

export function createScheduler(deps: SchedulerDeps): Scheduler {
  const { signal } = deps;
  const bench = BENCH_BUILD && !!deps.bench;
  let job: Job | null = null;
  let selectorsLater: ReturnType<typeof setTimeout> | undefined;
  let cancelLayout: (() => void) | null = null;
  signal.addEventListener('abort', () => {
    clearTimeout(selectorsLater);
    cancelLayout?.();
  });

  /** Observer time not yet counted in a slice's batch (bench). */
  let carried = 0;

  function update(reason: string, force = false, observerMs = 0): void {
    if (signal.aborted) return;
    carried += observerMs;
    if (job) {
      job.force ||= force;
      job.work += observerMs;
      if (reason !== 'mutation') job.reason = reason;
      return;
    }
    job = { start: bench ? performance.now() : 0, work: observerMs, reason, force, slices: 0, laidOut: false };
    run(false);
  }

  function run(laidOut: boolean): void {
    const j = job;
    if (!j) return;
    cancelLayout = null;
    j.laidOut = laidOut;
    const t0 = performance.now();
    let done: SliceResult = true;
    try {
      done = deps.slice(j, t0 + SLICE_MS);
    } catch (err) {
      logOnce(`coach update failed (${j.reason})`, err);
    }
    j.slices++;
    if (done !== true && !signal.aborted) {
      if (bench) {
        const ms = performance.now() - t0;
        j.work += ms;
        measureBatch(t0, ms);
      }
      // More to do: let the page have the event loop (or lay itself out), then carry on (only while there is work).
      if (done === 'layout' && deps.afterLayout) cancelLayout = deps.afterLayout(() => run(true));
      else setTimeout(() => run(false), 0);
      return;
    }
    job = null;
    /** Time of an update started below, before the overlay's render (bench: not this batch's). */
    let next = 0;
    if (bench) {
      // The overlay renders in a microtask queued by the view's publication: measure after it too.
      queueMicrotask(() => {
        const ms = performance.now() - t0 - next;
        measureBatch(t0, ms);
        performance.measure('crm-coach:update', { start: j.start, duration: j.work + ms, detail: j.reason });
      });
    }
    const t1 = bench ? performance.now() : 0;
    // Changes that came in after the reading finished.
    if (deps.pending() && !signal.aborted) update('mutation');
    // Selector checks left over by the budget: another batch once the budget's window is over
    // (sooner there would be no budget to check with), while checks are left.
    else if (deps.behind() && !signal.aborted && selectorsLater === undefined) {
      selectorsLater = setTimeout(() => {
        selectorsLater = undefined;
        update('selectors');
      }, SELECTOR_WINDOW_MS);
    }
    if (bench) next = performance.now() - t1;
  }

  /** One slice's batch (bench): the slice and the observer time that came before it. */
  function measureBatch(start: number, ms: number): void {
    flushQuiet();
    performance.measure('crm-coach:batch', { start, duration: ms + carried });
    carried = 0;
  }

  /**
   * Quiet callbacks' times (bench) not yet recorded. They are recorded together, one
   * `crm-coach:quiet` mark for up to QUIET_GROUP of them (detail: their times, ms), at the latest
   * with the next slice's batch: a user-timing entry of its own for each one was about a seventh of
   * the callbacks' time (a profile under churn: 8.5 ms of measures in 62 ms of callbacks), and it
   * counted against the extension in the bench's task-time ratio. The bench reads each time as a
   * batch of its own (bench/lib/browser.mjs coachEntries).
   */
  let quietMs: number[] = [];
  function flushQuiet(): void {
    if (!quietMs.length) return;
    performance.mark('crm-coach:quiet', { detail: quietMs });
    quietMs = [];
  }

  function quiet(observerMs: number): void {
    if (!bench) return;
    quietMs.push(observerMs);
    if (quietMs.length >= QUIET_GROUP) flushQuiet();
  }

  return { update, quiet, busy: () => job !== null };
}

export interface Retry {
  /** Runs `fn` after the next pause (START_RETRY_MS, then twice that, …): false once the tries are used up or aborted. */
  later(fn: () => void): boolean;
  /** Cancels a pending try. */
  cancel(): void;
}

export function createRetry(signal: AbortSignal, tries = START_RETRIES, firstMs = START_RETRY_MS): Retry {
  let used = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  signal.addEventListener('abort', () => clearTimeout(timer));
  return {
    later(fn) {
      if (used >= tries || signal.aborted) return false;
      timer = setTimeout(fn, firstMs * 2 ** used++);
      return true;
    },
    cancel: () => clearTimeout(timer),
  };
}
