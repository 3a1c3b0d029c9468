/**
 * The content script's answers to "is this selector target on the page?" (docs/packs.md "What a
 * pack may cost"). An answer is kept until a batch of page changes could have changed it
 * (selector-changes.ts); only those are checked again, oldest first, within the selector budget
 * (selector-budget.ts). The controller plans again only when an answer changed, so a page with
 * thousands of waiting selector tips costs nothing on batches that cannot concern them.
 */
import type { ShadowRootOf } from './dom';
import { createSelectorBudget, selectorKey } from './selector-budget';
import { selectorDeps, selectorMayChange, summarizeChanges, type PageChanges } from './selector-changes';

export interface SelectorTarget {
  selector: string;
  text?: string;
}

/** A target's answer: on the page, not on it, or not checked any more on this page (too slow). */
export type SelectorAnswer = 'present' | 'absent' | 'suspended';

export interface SelectorAnswers {
  /** A batch of page changes: answers it could have changed are marked to be checked again. */
  note(changes: PageChanges): void;
  /**
   * Checks the marked answers within the budget; true when a target appeared or went away, or,
   * once every marked answer is checked, when a selector was suspended meanwhile (a plan then
   * says why in "What the coach sees"; one plan for all of them, not one per suspension).
   */
  refresh(): boolean;
  /** A plan starts: it asks through `present`; answers it did not ask for are forgotten at `endPlan`. */
  beginPlan(): void;
  endPlan(): void;
  /** For the plan: the kept answer when nothing could have changed it, else a check within the budget. */
  present(target: SelectorTarget): boolean;
  suspendedWhy(target: SelectorTarget): string | null;
  /** True once after checks were left for later because the budget was spent (schedule a batch then). */
  takeBehind(): boolean;
  /** How many answers wait to be checked again. */
  readonly marked: number;
  /** A new page: every answer and suspension is forgotten. */
  reset(): void;
}

export interface SelectorAnswersDeps {
  now(): number;
  /** A presence check for this batch (a new one per batch: the page may have changed); it may walk the page when made. */
  scope(): (target: SelectorTarget) => boolean;
  shadowRootOf?: ShadowRootOf;
  budget?: { batchMs?: number; suspendMs?: number; windowMs?: number };
}

export function createSelectorAnswers(deps: SelectorAnswersDeps): SelectorAnswers {
  const budget = createSelectorBudget(deps.now, deps.budget);
  const answers = new Map<string, { target: SelectorTarget; answer: SelectorAnswer }>();
  /** Answers to check again, oldest mark first. */
  const marked = new Set<string>();
  let asked = new Set<string>();
  let scope: ((target: SelectorTarget) => boolean) | null = null;
  let behind = false;
  /** A selector was suspended since the last plan: the next complete refresh asks for one. */
  let suspendedSincePlan = false;

  const beginBatch = () => {
    budget.beginBatch();
    scope = null;
  };

  /** A check within the budget; null when the budget is spent. */
  const check = (key: string, target: SelectorTarget): SelectorAnswer | null => {
    // The batch's one walk of the page counts against the budget, not against the selector
    // that happens to be checked first (it would be suspended for the walk).
    if (!scope && budget.left() && !budget.suspendedWhy(key)) {
      const t0 = deps.now();
      scope = deps.scope();
      budget.charge(deps.now() - t0);
    }
    const found = budget.run(key, () => (scope ? scope(target) : false));
    if (found === null) {
      behind = true;
      return null;
    }
    return budget.suspendedWhy(key) ? 'suspended' : found ? 'present' : 'absent';
  };

  return {
    note(changes) {
      if (marked.size === answers.size) return;
      const summary = summarizeChanges(changes, deps.shadowRootOf);
      for (const [key, a] of answers) {
        if (marked.has(key) || a.answer === 'suspended') continue;
        if (selectorMayChange(selectorDeps(a.target.selector), !!a.target.text, summary)) marked.add(key);
      }
    },
    refresh() {
      beginBatch();
      let changed = false;
      for (const key of marked) {
        const a = answers.get(key);
        if (!a) {
          marked.delete(key);
          continue;
        }
        const next = check(key, a.target);
        if (next === null) break;
        marked.delete(key);
        if (next === a.answer) continue;
        if ((next === 'present') !== (a.answer === 'present')) changed = true;
        if (next === 'suspended') suspendedSincePlan = true;
        a.answer = next;
      }
      return changed || (suspendedSincePlan && marked.size === 0);
    },
    beginPlan() {
      beginBatch();
      asked = new Set();
      suspendedSincePlan = false;
    },
    endPlan() {
      for (const key of answers.keys()) {
        if (asked.has(key)) continue;
        answers.delete(key);
        marked.delete(key);
      }
    },
    present(target) {
      const key = selectorKey(target);
      asked.add(key);
      const known = answers.get(key);
      if (known && !marked.has(key)) return known.answer === 'present';
      const next = check(key, target);
      if (next === null) {
        // Not checked yet: taken as absent until a later batch checks it.
        if (!known) answers.set(key, { target, answer: 'absent' });
        marked.add(key);
        return known?.answer === 'present';
      }
      answers.set(key, { target, answer: next });
      marked.delete(key);
      return next === 'present';
    },
    suspendedWhy: (target) => budget.suspendedWhy(selectorKey(target)),
    takeBehind() {
      const b = behind;
      behind = false;
      return b;
    },
    get marked() {
      return marked.size;
    },
    reset() {
      answers.clear();
      marked.clear();
      asked = new Set();
      budget.reset();
      behind = false;
      suspendedSincePlan = false;
      scope = null;
    },
  };
}
