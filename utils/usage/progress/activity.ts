/** Daily activity series for the popup's chart. */
import { dayNumber, fromDayNumber } from '../../day';
import type { DayRollup } from '../report';
import { WINDOW_DAYS } from './calendar';

export interface ActivityDay {
  day: string;
  /** page.view */
  pages: number;
  /** tip.shown */
  tips: number;
  /** nudge.resolved */
  fields: number;
  /** snippet.completed */
  snippets: number;
}

export type ActivityMetric = 'pages' | 'tips' | 'fields' | 'snippets';
export const ACTIVITY_METRICS: readonly ActivityMetric[] = ['pages', 'tips', 'fields', 'snippets'];

/** One entry per calendar day of the last `length` days (oldest first, today last), zeros filled in. */
export function activitySeries(days: DayRollup[], today: string, length = WINDOW_DAYS): ActivityDay[] {
  const t = dayNumber(today);
  const from = t - length + 1;
  const series: ActivityDay[] = [];
  for (let n = from; n <= t; n++) series.push({ day: fromDayNumber(n), pages: 0, tips: 0, fields: 0, snippets: 0 });
  for (const r of days) {
    const n = dayNumber(r.day);
    if (n < from || n > t) continue;
    const e = series[n - from];
    e.pages += r.counts['page.view'] ?? 0;
    e.tips += r.counts['tip.shown'] ?? 0;
    e.fields += r.counts['nudge.resolved'] ?? 0;
    e.snippets += r.counts['snippet.completed'] ?? 0;
  }
  return series;
}

export function seriesTotals(series: ActivityDay[]): Record<ActivityMetric, number> {
  const totals = { pages: 0, tips: 0, fields: 0, snippets: 0 };
  for (const e of series) for (const m of ACTIVITY_METRICS) totals[m] += e[m];
  return totals;
}
