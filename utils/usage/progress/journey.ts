/** The journey timeline: milestones and scheduled snippets by week, for the CRMs the user works in. */
import type { DayRollup, JourneyMilestone, JourneySnippet, ProgressReport } from '../report';
import { JOURNEY_DAYS } from './calendar';

export interface JourneyDaySnippets {
  day: number;
  snippets: JourneySnippet[];
}

export interface JourneyWeek {
  /** 1-based: week 1 is days 0–6; week 13 is days 84–90. */
  week: number;
  fromDay: number;
  toDay: number;
  milestones: JourneyMilestone[];
  days: JourneyDaySnippets[];
  current: boolean;
  past: boolean;
  done: number;
  late: number;
}

export interface JourneyPlan {
  weeks: JourneyWeek[];
  /** Milestones without a day, or due after day 90: the ongoing goals. */
  ongoing: JourneyMilestone[];
  milestonesDone: number;
  milestonesTotal: number;
  snippetsDone: number;
  snippetsTotal: number;
}

export const JOURNEY_WEEKS = Math.ceil(JOURNEY_DAYS / 7);

function weekIndexOf(day: number): number {
  return Math.min(JOURNEY_WEEKS - 1, Math.floor(day / 7));
}

/**
 * A milestone's `day` is the day by which it should be done (docs/pack-format.md: "week-1-hygiene",
 * day 7): it belongs to the week that ends on that day, so day 7 is week 1 and day 14 week 2.
 */
function deadlineWeekIndexOf(day: number): number {
  return Math.min(JOURNEY_WEEKS - 1, Math.max(0, Math.ceil(day / 7) - 1));
}

/**
 * Milestones and scheduled snippets on the 90-day timeline, grouped by week. `journeyDay` is the
 * user's current day (null before the journey starts); it marks the current and past weeks.
 */
export function journeyPlan(report: Pick<ProgressReport, 'milestones' | 'snippets'>, journeyDay: number | null): JourneyPlan {
  const weeks: JourneyWeek[] = [];
  for (let w = 0; w < JOURNEY_WEEKS; w++) {
    const fromDay = w * 7;
    const toDay = w === JOURNEY_WEEKS - 1 ? JOURNEY_DAYS : fromDay + 6;
    weeks.push({
      week: w + 1,
      fromDay,
      toDay,
      milestones: [],
      days: [],
      current: journeyDay !== null && journeyDay >= fromDay && journeyDay <= toDay,
      past: journeyDay !== null && journeyDay > toDay,
      done: 0,
      late: 0,
    });
  }
  const ongoing: JourneyMilestone[] = [];
  for (const m of report.milestones) {
    const day = m.milestone.day;
    if (day === undefined || day > JOURNEY_DAYS || day < 0) {
      ongoing.push(m);
      continue;
    }
    const week = weeks[deadlineWeekIndexOf(day)];
    week.milestones.push(m);
    if (m.status === 'done') week.done++;
    if (m.status === 'late') week.late++;
  }
  for (const week of weeks) week.milestones.sort((a, b) => (a.milestone.day ?? 0) - (b.milestone.day ?? 0));
  for (const s of report.snippets) {
    const day = s.snippet.day;
    if (day === undefined || day < 0 || day > JOURNEY_DAYS) continue;
    const week = weeks[weekIndexOf(day)];
    let entry = week.days.find((d) => d.day === day);
    if (!entry) {
      entry = { day, snippets: [] };
      week.days.push(entry);
    }
    entry.snippets.push(s);
  }
  for (const week of weeks) week.days.sort((a, b) => a.day - b.day);
  const scheduled = report.snippets.filter((s) => s.snippet.day !== undefined);
  return {
    weeks,
    ongoing,
    milestonesDone: report.milestones.filter((m) => m.status === 'done').length,
    milestonesTotal: report.milestones.length,
    snippetsDone: scheduled.filter((s) => s.completed).length,
    snippetsTotal: scheduled.length,
  };
}

/** CRM ids with page views in the given days (lower case). */
export function crmsUsed(days: readonly DayRollup[]): Set<string> {
  const used = new Set<string>();
  for (const d of days) for (const [crm, n] of Object.entries(d.crms)) if (n > 0) used.add(crm.toLowerCase());
  return used;
}

/**
 * Journey lessons for the CRMs the user works in: a lesson written for some CRMs only (its
 * `when.crm`) is left out when the days show the user in other CRMs and never in one of those.
 * Completed lessons stay; with no CRM use recorded, every lesson stays.
 */
export function relevantSnippets(snippets: readonly JourneySnippet[], days: readonly DayRollup[]): JourneySnippet[] {
  const used = crmsUsed(days);
  if (used.size === 0) return [...snippets];
  return snippets.filter((s) => {
    const crms = s.snippet.when?.crm;
    return s.completed || !crms || crms.length === 0 || crms.some((c) => used.has(c.toLowerCase()));
  });
}
