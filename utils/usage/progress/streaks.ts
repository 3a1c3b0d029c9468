/** Streaks of active work days. */
import { dayNumber, isWeekend } from '../../day';
import type { DayRollup } from '../report';
import { totalEvents } from './levels';

/** A day counts as active when anything at all was recorded on it. */
export function isActiveDay(r: DayRollup): boolean {
  return totalEvents(r.counts) > 0 || r.points > 0;
}

function activeDayNumbers(days: DayRollup[]): Set<number> {
  const set = new Set<number>();
  for (const r of days) if (isActiveDay(r)) set.add(dayNumber(r.day));
  return set;
}

/**
 * Consecutive active work days ending today. Saturdays and Sundays neither count nor break the
 * streak; today without activity yet does not break it (the streak then ends yesterday).
 */
export function currentStreak(days: DayRollup[], today: string): number {
  const active = activeDayNumbers(days);
  if (active.size === 0) return 0;
  const earliest = Math.min(...active);
  let d = dayNumber(today);
  let streak = 0;
  if (!isWeekend(d) && active.has(d)) streak++;
  for (d--; d >= earliest; d--) {
    if (isWeekend(d)) continue;
    if (!active.has(d)) break;
    streak++;
  }
  return streak;
}

/** The longest run of active work days ever (weekends skipped as in currentStreak). */
export function longestStreak(days: DayRollup[]): number {
  const active = activeDayNumbers(days);
  if (active.size === 0) return 0;
  const first = Math.min(...active);
  const last = Math.max(...active);
  let best = 0;
  let run = 0;
  for (let d = first; d <= last; d++) {
    if (isWeekend(d)) continue;
    run = active.has(d) ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}
