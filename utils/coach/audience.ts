/** Audience gates: role and tenure (days since the start date, day 0 = start date). */
import type { Audience } from '../packs/types';
import { dayOfJourney, localDay } from '../usage/progress';
import type { Reason, UserContext } from './types';

/** Day of tenure for `now` in local calendar days, or null without a (valid) start date. */
export function tenureDay(startDate: string | null, now: number): number | null {
  if (!startDate) return null;
  try {
    return dayOfJourney(startDate, localDay(new Date(now)));
  } catch {
    return null;
  }
}

/** Conditions of an audience that do not hold for this user (empty when it applies). */
export function audienceFailures(audience: Audience | undefined, user: UserContext, now: number): Reason[] {
  if (!audience) return [];
  const out: Reason[] = [];
  if (audience.roles && audience.roles.length > 0) {
    const role = user.role?.toLowerCase() ?? null;
    if (!role || !audience.roles.some((r) => r.toLowerCase() === role)) {
      out.push({ code: 'role', expected: audience.roles.join(', '), actual: user.role ?? '' });
    }
  }
  if (audience.tenureDays) {
    const [from, to] = audience.tenureDays;
    const day = tenureDay(user.startDate, now);
    if (day === null || day < from || day > to) {
      out.push({ code: 'tenure', expected: `${from}–${to}`, actual: day === null ? '' : String(day) });
    }
  }
  return out;
}
