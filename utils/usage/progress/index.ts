/**
 * Progress maths for the popup: pure functions of a ProgressReport (daily rollups, never raw
 * events), one module per concern. Dates are local calendar days as YYYY-MM-DD strings
 * (utils/day.ts). This index is the public face: import from `utils/usage/progress`.
 */
import type { ProgressReport } from '../report';
import { activitySeries, type ActivityDay } from './activity';
import { badges, type Badge } from './badges';
import { dayOfJourney, journeyStatus, type JourneyStatus } from './calendar';
import { hygiene, type Hygiene } from './hygiene';
import { journeyPlan, relevantSnippets, type JourneyPlan } from './journey';
import { levelFor, pointsInLast, totalEvents, type LevelInfo } from './levels';
import { nextBestStep, type NextStep } from './next-step';
import { currentStreak, longestStreak } from './streaks';

export { addDays, dayNumber, fromDayNumber, isWeekend, localDay, weekdayOf } from '../../day';
export * from './activity';
export * from './badges';
export * from './calendar';
export * from './hygiene';
export * from './journey';
export * from './levels';
export * from './next-step';
export * from './streaks';

export interface Progress {
  status: JourneyStatus;
  /** Day of the journey, or null without a start date. */
  journeyDay: number | null;
  points: number;
  pointsThisWeek: number;
  level: LevelInfo;
  streak: number;
  bestStreak: number;
  hygiene: Hygiene;
  activity: ActivityDay[];
  plan: JourneyPlan;
  badges: Badge[];
  next: NextStep;
  totalEvents: number;
}

/** Everything the popup draws, derived once from one report. */
export function buildProgress(report: ProgressReport): Progress {
  const status = journeyStatus(report.settings.startDate, report.today);
  const journeyDay = report.settings.startDate && status.kind !== 'not-started'
    ? dayOfJourney(report.settings.startDate, report.today)
    : null;
  const bestStreak = longestStreak(report.days);
  const relevant = { ...report, snippets: relevantSnippets(report.snippets, report.days) };
  return {
    status,
    journeyDay,
    points: report.totals.points,
    pointsThisWeek: pointsInLast(report.days, report.today, 7),
    level: levelFor(report.totals.points),
    streak: currentStreak(report.days, report.today),
    bestStreak,
    hygiene: hygiene(report.days, report.today),
    activity: activitySeries(report.days, report.today),
    plan: journeyPlan(relevant, journeyDay),
    badges: badges(report.milestones, bestStreak, status.kind === 'graduated'),
    next: nextBestStep(relevant, journeyDay),
    totalEvents: totalEvents(report.totals.counts),
  };
}

// What the popup receives.

/**
 * The popup's whole input: the progress maths done where the rollups are (the background), so
 * the popup neither receives a year of daily rollups nor computes over them before its first
 * frame. Small and plain (structured-clone and JSON safe).
 */
export interface PopupData {
  today: string;
  settings: ProgressReport['settings'];
  packsEnabled: number;
  progress: Progress;
}

export function popupData(report: ProgressReport): PopupData {
  return { today: report.today, settings: report.settings, packsEnabled: report.packsEnabled, progress: buildProgress(report) };
}
