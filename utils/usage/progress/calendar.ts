/** The 90-day journey on the calendar: its length, the windows the popup sums over, and where the user is. */
import { daysBetween, isDayString } from '../../day';

export const JOURNEY_DAYS = 90;
/** Length of the hygiene and activity windows, in days (today included). */
export const WINDOW_DAYS = 30;

/** Day of the journey: 0 on the start date, counted in local calendar days; negative before it; NaN when malformed. */
export function dayOfJourney(startDate: string, today: string): number {
  return daysBetween(startDate, today);
}

export type JourneyStatus =
  | { kind: 'not-started' }
  | { kind: 'upcoming'; daysUntil: number }
  | { kind: 'journey'; day: number; total: number; fraction: number }
  | { kind: 'graduated'; day: number };

/**
 * Where the user is: no start date yet, start date in the future, day 0…90 of the journey,
 * or graduated (after day 90).
 */
export function journeyStatus(startDate: string | null, today: string): JourneyStatus {
  if (!startDate || !isDayString(startDate)) return { kind: 'not-started' };
  const day = dayOfJourney(startDate, today);
  if (day < 0) return { kind: 'upcoming', daysUntil: -day };
  if (day > JOURNEY_DAYS) return { kind: 'graduated', day };
  return { kind: 'journey', day, total: JOURNEY_DAYS, fraction: day / JOURNEY_DAYS };
}
