import { describe, expect, it, vi } from 'vitest';
import { createSelectorBudget } from '@/utils/crm/selector-budget';

/** A clock the checks move forward by what they "cost". */
function clock() {
  let t = 0;
  return { now: () => t, spend: (ms: number) => (t += ms) };
}

describe('selector budget', () => {
  it('checks at most a batch budget, carries the rest to later batches, and each selector once per round', () => {
    const c = clock();
    const b = createSelectorBudget(c.now, { batchMs: 8, suspendMs: 16 });
    const runs: string[] = [];
    const check = (key: string) => () => {
      runs.push(key);
      c.spend(1);
      return true;
    };
    const keys = Array.from({ length: 2000 }, (_, i) => `.tip-${i}`);
    let batches = 0;
    do {
      b.beginBatch();
      runs.length = 0;
      for (const k of keys) b.present(k, check(k));
      batches++;
      // Never more than the budget's worth of checks in one batch.
      expect(runs.length).toBeLessThanOrEqual(8);
    } while (b.takeBehind());
    expect(batches).toBe(250);
    // The round is complete: every selector ran once, and a new batch starts a new round.
    b.beginBatch();
    runs.length = 0;
    b.present('.tip-1999', check('.tip-1999'));
    expect(runs).toEqual(['.tip-1999']);
  });

  it('suspends a selector whose check overruns, for the page, with a reason', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const c = clock();
    const b = createSelectorBudget(c.now, { batchMs: 8, suspendMs: 16 });
    b.beginBatch();
    expect(b.present('div *:has(*)', () => (c.spend(40), true))).toBe(false);
    expect(b.suspendedWhy('div *:has(*)')).toMatch(/took 40 ms/);
    const again = vi.fn(() => true);
    b.beginBatch();
    expect(b.present('div *:has(*)', again)).toBe(false);
    expect(again).not.toHaveBeenCalled();
    b.reset();
    expect(b.suspendedWhy('div *:has(*)')).toBeNull();
  });
});
