/** Points and levels. */
import { dayNumber } from '../../day';
import type { DayRollup } from '../report';
import type { EventKind } from '../types';

/**
 * Level curve: reaching level L+1 takes 50·L more points than level L did, so the thresholds are
 * 25·(L−1)·L — level 1 at 0, 2 at 50, 3 at 150, 4 at 300, 5 at 500, 6 at 750, 7 at 1050 …
 */
export function levelThreshold(level: number): number {
  const l = Math.max(1, Math.floor(level));
  return 25 * (l - 1) * l;
}

export interface LevelInfo {
  level: number;
  /** Points at which this level started. */
  floor: number;
  /** Points at which the next level starts. */
  next: number;
  toNext: number;
  /** Progress from this level to the next, 0…1. */
  fraction: number;
}

export function levelFor(points: number): LevelInfo {
  const p = Math.max(0, Number.isFinite(points) ? points : 0);
  // Solve 25·(L−1)·L ≤ p for the largest L, then correct for rounding.
  let level = Math.max(1, Math.floor((1 + Math.sqrt(1 + (4 * p) / 25)) / 2));
  while (levelThreshold(level + 1) <= p) level++;
  while (level > 1 && levelThreshold(level) > p) level--;
  const floor = levelThreshold(level);
  const next = levelThreshold(level + 1);
  return { level, floor, next, toNext: next - p, fraction: (p - floor) / (next - floor) };
}

function sumRange(days: DayRollup[], from: number, to: number, pick: (r: DayRollup) => number): number {
  let total = 0;
  for (const r of days) {
    const n = dayNumber(r.day);
    if (n >= from && n <= to) total += pick(r);
  }
  return total;
}

/** Points earned in the last `length` days, today included. */
export function pointsInLast(days: DayRollup[], today: string, length: number): number {
  const t = dayNumber(today);
  return sumRange(days, t - length + 1, t, (r) => r.points);
}

export function totalEvents(counts: Partial<Record<EventKind, number>>): number {
  let total = 0;
  for (const v of Object.values(counts)) total += v ?? 0;
  return total;
}
