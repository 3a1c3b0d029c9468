import { describe, expect, it, vi } from 'vitest';
import { createSelectorBudget } from '@/utils/crm/selector-budget';

/** A clock the checks move forward by what they "cost". */
function clock() {
  let t = 0;
  return { now: () => t, spend: (ms: number) => (t += ms) };
}

describe('selector budget', () => {
  it('runs checks until the batch budget is spent, then refuses (null) until the window is over', () => {
    const c = clock();
    const b = createSelectorBudget(c.now, { batchMs: 8, suspendMs: 16, windowMs: 50 });
    const check = () => (c.spend(1), true);
    b.beginBatch();
    const answers = Array.from({ length: 20 }, (_, i) => b.run(`.tip-${i}`, check));
    expect(answers.filter((a) => a === true)).toHaveLength(8);
    expect(answers.slice(8).every((a) => a === null)).toBe(true);
    // A batch soon after shares the spent budget: nothing runs.
    c.spend(10);
    b.beginBatch();
    expect(b.run('.tip-9', check)).toBeNull();
    // Once the window is over the budget is full again.
    c.spend(50);
    b.beginBatch();
    expect(b.run('.tip-9', check)).toBe(true);
  });

  it('suspends a selector whose check overruns, for the page, with a reason', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const c = clock();
    const b = createSelectorBudget(c.now, { batchMs: 8, suspendMs: 16 });
    b.beginBatch();
    expect(b.run('div *:has(*)', () => (c.spend(40), true))).toBe(false);
    expect(b.suspendedWhy('div *:has(*)')).toMatch(/took 40 ms/);
    const again = vi.fn(() => true);
    c.spend(100);
    b.beginBatch();
    expect(b.run('div *:has(*)', again)).toBe(false);
    expect(again).not.toHaveBeenCalled();
    b.reset();
    expect(b.suspendedWhy('div *:has(*)')).toBeNull();
  });
});
