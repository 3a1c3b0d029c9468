import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { median, percentile, round, shareOut, standardError, summarize } from '../../../bench/lib/stats.mjs';

describe('bench stats', () => {
  it('median of odd and even lists, ignoring non-finite values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([5, Number.NaN, 1])).toBe(3);
    expect(median([])).toBeNull();
  });

  it('standard error of the mean: sample deviation over the square root of the count', () => {
    // Mean 5, squared deviations 9+1+1+9 = 20, sample variance 20/3, over 4 values: √(5/3).
    expect(standardError([2, 4, 6, 8])).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(standardError([1.04, 1.04, 1.04])).toBe(0);
    expect(standardError([1.05, Number.NaN, 0.95])).toBeCloseTo(0.05, 12);
    expect(standardError([1.1])).toBeNull();
    expect(standardError([])).toBeNull();
  });

  it('shares rounds out among pairs of browsers: every round once, no pair without one', () => {
    expect(shareOut(16, 4)).toEqual([4, 4, 4, 4]);
    expect(shareOut(16, 2)).toEqual([8, 8]);
    expect(shareOut(10, 4)).toEqual([2, 3, 2, 3]);
    expect(shareOut(3, 4)).toEqual([1, 1, 1]);
    expect(shareOut(1, 1)).toEqual([1]);
    expect(shareOut(5, 0)).toEqual([5]);
  });

  it('percentile by nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 99)).toBeNull();
  });

  it('percentiles are monotonic and within the range of the data', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 200 }), (xs) => {
        const p50 = percentile(xs, 50)!;
        const p99 = percentile(xs, 99)!;
        expect(p50).toBeLessThanOrEqual(p99);
        expect(p99).toBeLessThanOrEqual(Math.max(...xs));
        expect(p50).toBeGreaterThanOrEqual(Math.min(...xs));
      }),
    );
  });

  it('summarize and round', () => {
    expect(summarize([1, 2, 3, 100])).toEqual({ count: 4, median: 2.5, p95: 100, p99: 100, max: 100 });
    expect(round(1.23456)).toBe(1.23);
    expect(round(123.456)).toBe(123.5);
    expect(round(12345.6)).toBe(12346);
    expect(round(null)).toBeNull();
  });
});
