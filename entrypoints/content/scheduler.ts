/**
 * When the coach works (docs/architecture.md, "The content script"): a batch of page changes or
 * a state change starts an update; updates arriving while one runs join it; an update works in
 * slices of SLICE_MS and gives the page the event loop between them; changes that came in during
 * the reading start another; selector checks left over by their budget come back once the
 * budget's window is over. Also the growing pause between asks for the first coach state.
 * Timers only while there is work: no polling.
 */
import { logOnce } from '@/utils/crm/log';
import { WINDOW_MS as SELECTOR_WINDOW_MS } from '@/utils/crm/selector-budget';

/** Bench marks are compiled out of every other build. */
const BENCH_BUILD = import.meta.env.MODE === 'bench';

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
}

export interface SchedulerDeps {
  signal: AbortSignal;
  /** Benchmark build: measure each batch (crm-coach:batch). */
  bench?: boolean;
  /** One slice of the update, working until `deadline` (a performance.now() time): false when work remains. */
  slice(job: Readonly<Job>, deadline: number): boolean;
  /** Page changes came in that the finished update did not read. */
  pending(): boolean;
  /** Selector checks were left over by their budget (utils/crm/selector-answers.ts takeBehind). */
  behind(): boolean;
}

export interface Scheduler {
  /** Starts an update, or joins the running one. `observerMs`: the watcher's own time for this batch (bench). */
  update(reason: string, force?: boolean, observerMs?: number): void;
  /** Page changes the watcher handled on its own, in `observerMs` (bench: measured as a batch of its own). */
  quiet(observerMs: number): void;
}

export function createScheduler(deps: SchedulerDeps): Scheduler {
  const { signal } = deps;
  const bench = BENCH_BUILD && !!deps.bench;
  let job: Job | null = null;
  let selectorsLater: ReturnType<typeof setTimeout> | undefined;
  signal.addEventListener('abort', () => clearTimeout(selectorsLater));

  function update(reason: string, force = false, observerMs = 0): void {
    if (signal.aborted) return;
    if (job) {
      job.force ||= force;
      job.work += observerMs;
      if (reason !== 'mutation') job.reason = reason;
      return;
    }
    job = { start: bench ? performance.now() : 0, work: observerMs, reason, force };
    run();
  }

  function run(): void {
    const j = job;
    if (!j) return;
    const t0 = performance.now();
    let done = true;
    try {
      done = deps.slice(j, t0 + SLICE_MS);
    } catch (err) {
      logOnce(`coach update failed (${j.reason})`, err);
    }
    if (bench) j.work += performance.now() - t0;
    if (!done && !signal.aborted) {
      // More to read: let the page have the event loop, then carry on (only while there is work).
      setTimeout(run, 0);
      return;
    }
    job = null;
    if (bench) {
      // The overlay renders in a microtask queued by the view's publication: measure after it too.
      const end = performance.now();
      queueMicrotask(() => performance.measure('crm-coach:batch', { start: j.start, duration: j.work + performance.now() - end }));
    }
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
  }

  function quiet(observerMs: number): void {
    if (bench) performance.measure('crm-coach:batch', { start: performance.now() - observerMs, duration: observerMs });
  }

  return { update, quiet };
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
