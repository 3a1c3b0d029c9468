/** Local calendar days as YYYY-MM-DD. Pure helpers over timestamps. */

export const DAY_MS = 24 * 60 * 60 * 1000;

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** The local date of a timestamp, YYYY-MM-DD. */
export function localDay(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Local midnight at the start of a YYYY-MM-DD date, as a timestamp; NaN when malformed. */
export function dayStart(day: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return Number.NaN;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getTime();
}

/** The last millisecond of the local day of a timestamp. */
export function endOfLocalDay(at: number): number {
  const d = new Date(at);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime() - 1;
}

/** Local date `n` days before the local date of `at` (calendar arithmetic, DST safe). */
export function daysBefore(at: number, n: number): string {
  const d = new Date(at);
  return localDay(new Date(d.getFullYear(), d.getMonth(), d.getDate() - n).getTime());
}

/**
 * Whole calendar days from `from` to `to` (both YYYY-MM-DD); NaN when either is malformed.
 * Day 0 is the start date itself.
 */
export function daysBetween(from: string, to: string): number {
  const a = dayStart(from);
  const b = dayStart(to);
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.NaN;
  // Round: a DST change makes one day 23 or 25 hours long.
  return Math.round((b - a) / DAY_MS);
}
