/**
 * A cost budget for pack-supplied selectors (docs/packs.md "What a pack may cost"). A selector
 * target is checked against the page on the batches that replan; each check is timed:
 *
 * - per batch, checks stop once they have used BATCH_MS; the rest keep their last answer and
 *   are checked first on the following batches (a round goes on until every selector had its
 *   turn), so thousands of selector tips cost a few milliseconds per batch, never seconds;
 * - batches that follow each other closely (a busy page sends one per mutation, and the rest
 *   of a round comes in follow-up batches) share that budget: BATCH_MS is spent at most once
 *   per WINDOW_MS, so however many batches run, selector work takes a bounded share of the
 *   main thread (profiled: 2,000 selector tips on a churning page used to keep it busy);
 * - a selector whose single check takes longer than SUSPEND_MS is suspended for the page: it is
 *   treated as absent, logged once, and "What the coach sees" says why.
 *
 * The clock is injected so tests drive it without timing anything.
 */
import { logOnce } from './log';

export const BATCH_MS = 8;
export const SUSPEND_MS = 16;
/** The budget of a batch is shared by every batch begun within this many ms of it. */
export const WINDOW_MS = 50;

export interface SelectorBudget {
  /** A new batch of checks. */
  beginBatch(): void;
  /** Whether the selector target is on the page: runs `check` when the budget allows, else the last answer. */
  present(key: string, check: () => boolean): boolean;
  /** Why a selector is suspended on this page, or null. */
  suspendedWhy(key: string): string | null;
  /** True once after a batch left checks for later (the caller schedules one more batch, WINDOW_MS later). */
  takeBehind(): boolean;
  /** A new page: answers and suspensions are forgotten. */
  reset(): void;
}

export function createSelectorBudget(now: () => number, opts: { batchMs?: number; suspendMs?: number; windowMs?: number } = {}): SelectorBudget {
  const batchMs = opts.batchMs ?? BATCH_MS;
  const windowMs = opts.windowMs ?? WINDOW_MS;
  /** When the current window of spending began. */
  let windowStart = -Infinity;
  const suspendMs = opts.suspendMs ?? SUSPEND_MS;
  const last = new Map<string, boolean>();
  const suspended = new Map<string, string>();
  /** Checked in the current round. */
  let round = new Set<string>();
  let spent = 0;
  /** This round is not finished: the next batch carries on with it. */
  let behind = false;
  /** Not yet reported through takeBehind. */
  let report = false;

  return {
    beginBatch() {
      // A round that finished last batch starts again; an unfinished one carries on.
      if (!behind) round = new Set();
      const t = now();
      if (t - windowStart >= windowMs) {
        windowStart = t;
        spent = 0;
      }
      behind = false;
    },
    present(key, check) {
      if (suspended.has(key)) return false;
      if (round.has(key)) return last.get(key) ?? false;
      if (spent >= batchMs) {
        behind = true;
        report = true;
        return last.get(key) ?? false;
      }
      const t0 = now();
      let answer: boolean;
      try {
        answer = check();
      } finally {
        const took = now() - t0;
        spent += took;
        round.add(key);
        if (took > suspendMs) {
          const why = `took ${Math.round(took)} ms (limit ${suspendMs} ms)`;
          suspended.set(key, why);
          logOnce(`selector suspended on this page: ${key.split('\u0000')[0]} ${why}`, null);
        }
      }
      last.set(key, answer);
      return suspended.has(key) ? false : answer;
    },
    suspendedWhy: (key) => suspended.get(key) ?? null,
    takeBehind() {
      const r = report;
      report = false;
      return r;
    },
    reset() {
      last.clear();
      suspended.clear();
      round = new Set();
      spent = 0;
      windowStart = -Infinity;
      behind = false;
      report = false;
    },
  };
}

/** The budget's key of a selector target. */
export function selectorKey(target: { selector: string; text?: string }): string {
  return `${target.selector}\u0000${target.text ?? ''}`;
}
