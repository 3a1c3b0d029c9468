/** Audience gates of an item, with the reasons the coach explains (rules in utils/packs/audience.ts). */
import { localDay, tenureDay } from '../day';
import { roleAllowed, tenureAllowed } from '../packs/audience';
import type { Audience } from '../packs/types';
import type { Reason, UserContext } from './types';

/** Conditions of an audience that do not hold for this user at `now` (empty when it applies). */
export function audienceFailures(audience: Audience | undefined, user: UserContext, now: number): Reason[] {
  if (!audience) return [];
  const out: Reason[] = [];
  if (!roleAllowed(audience.roles, user.role)) {
    out.push({ code: 'role', expected: (audience.roles ?? []).join(', '), actual: user.role ?? '' });
  }
  if (audience.tenureDays) {
    const day = tenureDay(user.startDate, localDay(now));
    if (!tenureAllowed(audience.tenureDays, day)) {
      const [from, to] = audience.tenureDays;
      out.push({ code: 'tenure', expected: `${from}–${to}`, actual: day === null ? '' : String(day) });
    }
  }
  return out;
}
