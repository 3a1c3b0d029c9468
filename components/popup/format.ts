/** Small display helpers shared by the popup sections. */
import { addDays } from '@/utils/usage/progress';
import { uiLanguage } from '@/utils/i18n';

export function percent(share: number | null): string {
  return share === null ? '–' : `${Math.round(share * 100)}%`;
}

/** Share change in whole percentage points, always positive. */
export function points(delta: number): number {
  return Math.round(Math.abs(delta) * 100);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** "Mar 15" / "3月15日" for a YYYY-MM-DD day, independent of the machine's time zone. */
export function shortDate(day: string): string {
  const lang = uiLanguage();
  let fmt = dateFormats.get(lang);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat(lang, { month: 'short', day: 'numeric', timeZone: 'UTC' });
    dateFormats.set(lang, fmt);
  }
  return fmt.format(new Date(`${day}T00:00:00Z`));
}

/** The calendar date of a journey day, or null without a start date. */
export function dateOfJourneyDay(startDate: string | null, day: number): string | null {
  return startDate ? shortDate(addDays(startDate, day)) : null;
}
