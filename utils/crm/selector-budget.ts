/**
 * A cost budget for pack-supplied selectors (docs/packs.md "What a pack may cost"). Each check of
 * a selector target against the page is timed:
 *
 * - checks stop once they have used BATCH_MS; batches that follow each other closely (a busy page
 *   sends one per animation frame) share that budget, so BATCH_MS is spent at most once per
 *   WINDOW_MS however many batches run: selector work takes a bounded share of the main thread;
 * - a selector whose single check takes longer than SUSPEND_MS is suspended for the page: it is
 *   treated as absent, logged once, and "What the coach sees" says why.
 *
 * Which checks to run, and what to answer for the rest, is selector-answers.ts's business. The
 * clock is injected so tests drive it without timing anything.
 */
import { logOnce } from './log';

export const BATCH_MS = 8;
export const SUSPEND_MS = 16;
/** The budget of a batch is shared by every batch begun within this many ms of it. */
export const WINDOW_MS = 50;

export interface SelectorBudget {
  /** A new batch of checks: the budget is full again once WINDOW_MS has passed since it was last filled. */
  beginBatch(): void;
  /** Runs `check` when the budget allows (false for a suspended selector); null when it is spent. */
  run(key: string, check: () => boolean): boolean | null;
  /** Whether this batch's budget has time left. */
  left(): boolean;
  /** Counts work done for every check (one walk of the page) against the budget, suspending nothing. */
  charge(ms: number): void;
  /** Why a selector is suspended on this page, or null. */
  suspendedWhy(key: string): string | null;
  /** A new page: suspensions are forgotten, the budget is full. */
  reset(): void;
}

export function createSelectorBudget(now: () => number, opts: { batchMs?: number; suspendMs?: number; windowMs?: number } = {}): SelectorBudget {
  const batchMs = opts.batchMs ?? BATCH_MS;
  const suspendMs = opts.suspendMs ?? SUSPEND_MS;
  const windowMs = opts.windowMs ?? WINDOW_MS;
  const suspended = new Map<string, string>();
  let spent = 0;
  /** When the current window of spending began. */
  let windowStart = -Infinity;

  return {
    beginBatch() {
      const t = now();
      if (t - windowStart >= windowMs) {
        windowStart = t;
        spent = 0;
      }
    },
    run(key, check) {
      if (suspended.has(key)) return false;
      if (spent >= batchMs) return null;
      const t0 = now();
      let answer: boolean;
      try {
        answer = check();
      } finally {
        const took = now() - t0;
        spent += took;
        if (took > suspendMs) {
          const why = `took ${Math.round(took)} ms (limit ${suspendMs} ms)`;
          suspended.set(key, why);
          logOnce(`selector suspended on this page: ${key.split('\u0000')[0]} ${why}`, null);
        }
      }
      return suspended.has(key) ? false : answer;
    },
    left: () => spent < batchMs,
    charge(ms) {
      spent += ms;
    },
    suspendedWhy: (key) => suspended.get(key) ?? null,
    reset() {
      suspended.clear();
      spent = 0;
      windowStart = -Infinity;
    },
  };
}

/** The budget's key of a selector target. */
export function selectorKey(target: { selector: string; text?: string }): string {
  return `${target.selector}\u0000${target.text ?? ''}`;
}
