/**
 * Calendar days, the one implementation (docs/architecture.md, "One place for each rule").
 *
 * A day is a local calendar date written YYYY-MM-DD. Timestamps become days in the machine's
 * time zone (`localDay`); arithmetic between days goes through UTC day numbers, so it does not
 * depend on the time zone or on DST changes. Pure functions; no project imports.
 */

export const DAY_MS = 24 * 60 * 60 * 1000;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a YYYY-MM-DD string (the shape; a month 13 still passes and rolls over). */
export function isDayString(day: string): boolean {
  return DATE_RE.test(day);
}

/** The local calendar day of a timestamp or a Date, YYYY-MM-DD. */
export function localDay(at: number | Date): string {
  const d = typeof at === 'number' ? new Date(at) : at;
  const y = String(d.getFullYear()).padStart(4, '0');
  const m = String(d.getMonth() + 1).padStart(2, '0');
  const day = String(d.getDate()).padStart(2, '0');
  return `${y}-${m}-${day}`;
}

/**
 * The last millisecond of the local day of `at`. "Not now" snoozes until then, in the page and
 * in the stored item state alike: a snooze holds while `snoozedUntil > now`.
 */
export function endOfLocalDay(at: number): number {
  const d = new Date(at);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime() - 1;
}

/** The local day `n` days before the local day of `at` (calendar arithmetic, DST safe). */
export function daysBefore(at: number, n: number): string {
  const d = new Date(at);
  return localDay(new Date(d.getFullYear(), d.getMonth(), d.getDate() - n));
}

/** Days since 1970-01-01 for a YYYY-MM-DD day (a calendar day, not an instant). Throws when malformed. */
export function dayNumber(day: string): number {
  const m = DATE_RE.exec(day);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${day}`);
  return Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS);
}

/** The YYYY-MM-DD day of a day number. */
export function fromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return fromDayNumber(dayNumber(day) + n);
}

/**
 * Whole calendar days from `from` to `to` (both YYYY-MM-DD): 0 on the same day, negative when
 * `to` is earlier; NaN when either is malformed.
 */
export function daysBetween(from: string, to: string): number {
  if (!DATE_RE.test(from) || !DATE_RE.test(to)) return Number.NaN;
  return dayNumber(to) - dayNumber(from);
}

/** 0 = Sunday … 6 = Saturday, for a day number. 1970-01-01 was a Thursday. */
export function weekdayOf(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

export function isWeekend(day: string | number): boolean {
  const wd = weekdayOf(typeof day === 'number' ? day : dayNumber(day));
  return wd === 0 || wd === 6;
}

/**
 * Day of tenure (and of the 90-day journey): 0 on the start date, counted in calendar days,
 * negative before it; null without a valid start date.
 */
export function tenureDay(startDate: string | null, today: string): number | null {
  if (!startDate) return null;
  const n = daysBetween(startDate, today);
  return Number.isNaN(n) ? null : n;
}
