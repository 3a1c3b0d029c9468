/**
 * Progress maths for the popup: pure functions of a ProgressReport (daily rollups, never raw
 * events). Dates are local calendar days as YYYY-MM-DD strings; arithmetic on them goes through
 * UTC day numbers, so results do not depend on the machine's time zone or on DST changes.
 */
import type { EventKind } from './types';
import type { DayRollup, JourneyMilestone, JourneySnippet, ProgressReport } from './report';

export const JOURNEY_DAYS = 90;
/** Length of the hygiene and activity windows, in days (today included). */
export const WINDOW_DAYS = 30;
/** Streak lengths (active work days) that earn a badge. */
export const STREAK_BADGES = [7, 30, 90] as const;
/** A hygiene change smaller than this (as a share, 0.01 = 1 point) reads as flat. */
export const TREND_EPSILON = 0.01;
/** An open nudge counts as "recent" for the next best step within this many days. */
export const RECENT_NUDGE_DAYS = 7;

const MS_PER_DAY = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

// ---------------------------------------------------------------- calendar days

/** Days since 1970-01-01 for a YYYY-MM-DD string (a calendar day, not an instant). */
export function dayNumber(day: string): number {
  const m = DATE_RE.exec(day);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${day}`);
  return Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY);
}

/** The YYYY-MM-DD string for a day number. */
export function fromDayNumber(n: number): string {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return fromDayNumber(dayNumber(day) + n);
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekdayOf(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

export function isWeekend(day: string | number): boolean {
  const wd = weekdayOf(typeof day === 'number' ? day : dayNumber(day));
  return wd === 0 || wd === 6;
}

/** Day of the journey: 0 on the start date, counted in local calendar days; negative before it. */
export function dayOfJourney(startDate: string, today: string): number {
  return dayNumber(today) - dayNumber(startDate);
}

/** A local Date as YYYY-MM-DD (for callers that hold a Date). */
export function localDay(date: Date): string {
  const y = String(date.getFullYear()).padStart(4, '0');
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

// ---------------------------------------------------------------- journey status

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
  if (!startDate || !DATE_RE.test(startDate)) return { kind: 'not-started' };
  const day = dayOfJourney(startDate, today);
  if (day < 0) return { kind: 'upcoming', daysUntil: -day };
  if (day > JOURNEY_DAYS) return { kind: 'graduated', day };
  return { kind: 'journey', day, total: JOURNEY_DAYS, fraction: day / JOURNEY_DAYS };
}

// ---------------------------------------------------------------- points and levels

/**
 * Level curve: reaching level L+1 takes 50·L more points than level L did, so the thresholds are
 * 25·(L−1)·L — level 1 at 0, 2 at 50, 3 at 150, 4 at 300, 5 at 500, 6 at 750, 7 at 1050 …
 */
export function levelThreshold(level: number): number {
  const l = Math.max(1, Math.floor(level));
  return 25 * (l - 1) * l;
}

export interface LevelInfo {
  level: number;
  /** Points at which this level started. */
  floor: number;
  /** Points at which the next level starts. */
  next: number;
  toNext: number;
  /** Progress from this level to the next, 0…1. */
  fraction: number;
}

export function levelFor(points: number): LevelInfo {
  const p = Math.max(0, Number.isFinite(points) ? points : 0);
  // Solve 25·(L−1)·L ≤ p for the largest L, then correct for rounding.
  let level = Math.max(1, Math.floor((1 + Math.sqrt(1 + (4 * p) / 25)) / 2));
  while (levelThreshold(level + 1) <= p) level++;
  while (level > 1 && levelThreshold(level) > p) level--;
  const floor = levelThreshold(level);
  const next = levelThreshold(level + 1);
  return { level, floor, next, toNext: next - p, fraction: (p - floor) / (next - floor) };
}

function sumRange(days: DayRollup[], from: number, to: number, pick: (r: DayRollup) => number): number {
  let total = 0;
  for (const r of days) {
    const n = dayNumber(r.day);
    if (n >= from && n <= to) total += pick(r);
  }
  return total;
}

/** Points earned in the last `length` days, today included. */
export function pointsInLast(days: DayRollup[], today: string, length: number): number {
  const t = dayNumber(today);
  return sumRange(days, t - length + 1, t, (r) => r.points);
}

export function totalEvents(counts: Partial<Record<EventKind, number>>): number {
  let total = 0;
  for (const v of Object.values(counts)) total += v ?? 0;
  return total;
}

// ---------------------------------------------------------------- streaks

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

// ---------------------------------------------------------------- record hygiene

export type Trend = 'up' | 'down' | 'flat';

export interface HygieneRow {
  /** CRM object label; '' for the overall row. */
  object: string;
  shown: number;
  resolved: number;
  /** resolved / shown over the last 30 days (capped at 1); null when nothing was nudged. */
  share: number | null;
  /** The same share over the 30 days before. */
  previousShare: number | null;
  /** share − previousShare; null when either is unknown. */
  delta: number | null;
  trend: Trend | null;
}

export interface EmptyField {
  object: string;
  field: string;
  count: number;
}

export interface Hygiene {
  overall: HygieneRow;
  /** Objects nudged in the last 30 days, most nudged first. */
  objects: HygieneRow[];
  /** Fields most often seen empty in the last 30 days, most first. */
  emptyFields: EmptyField[];
}

export function shareOf(resolved: number, shown: number): number | null {
  if (shown <= 0) return null;
  return Math.min(1, Math.max(0, resolved / shown));
}

export function trendOf(delta: number | null): Trend | null {
  if (delta === null) return null;
  if (Math.abs(delta) < TREND_EPSILON) return 'flat';
  return delta > 0 ? 'up' : 'down';
}

function hygieneRow(object: string, cur: [number, number], prev: [number, number]): HygieneRow {
  const share = shareOf(cur[1], cur[0]);
  const previousShare = shareOf(prev[1], prev[0]);
  const delta = share !== null && previousShare !== null ? share - previousShare : null;
  return { object, shown: cur[0], resolved: cur[1], share, previousShare, delta, trend: trendOf(delta) };
}

const EMPTY_KEY_SEPARATOR = ' · ';

/** Splits an emptyFields key "<object> · <field label>". */
export function splitEmptyFieldKey(key: string): { object: string; field: string } {
  const i = key.indexOf(EMPTY_KEY_SEPARATOR);
  if (i < 0) return { object: '', field: key };
  return { object: key.slice(0, i), field: key.slice(i + EMPTY_KEY_SEPARATOR.length) };
}

/**
 * Share of nudged fields the user filled (resolved / shown) over the last 30 days, overall and
 * per object, with the trend against the 30 days before; and the fields most often left empty.
 */
export function hygiene(days: DayRollup[], today: string, topFields = 5): Hygiene {
  const t = dayNumber(today);
  const curFrom = t - WINDOW_DAYS + 1;
  const prevFrom = curFrom - WINDOW_DAYS;
  const cur = new Map<string, [number, number]>();
  const prev = new Map<string, [number, number]>();
  const empty = new Map<string, number>();
  const add = (map: Map<string, [number, number]>, rec: Record<string, number>, i: 0 | 1) => {
    for (const [object, n] of Object.entries(rec)) {
      const pair = map.get(object) ?? [0, 0];
      pair[i] += n;
      map.set(object, pair);
    }
  };
  for (const r of days) {
    const n = dayNumber(r.day);
    if (n > t || n < prevFrom) continue;
    const target = n >= curFrom ? cur : prev;
    add(target, r.nudgeShown, 0);
    add(target, r.nudgeResolved, 1);
    if (n >= curFrom) for (const [key, c] of Object.entries(r.emptyFields)) empty.set(key, (empty.get(key) ?? 0) + c);
  }
  const total = (map: Map<string, [number, number]>): [number, number] => {
    let s = 0;
    let r = 0;
    for (const [a, b] of map.values()) {
      s += a;
      r += b;
    }
    return [s, r];
  };
  const objects = [...cur.entries()]
    .filter(([, [s, r]]) => s > 0 || r > 0)
    .map(([object, pair]) => hygieneRow(object, pair, prev.get(object) ?? [0, 0]))
    .sort((a, b) => b.shown - a.shown || a.object.localeCompare(b.object));
  const emptyFields = [...empty.entries()]
    .filter(([, c]) => c > 0)
    .map(([key, count]) => ({ ...splitEmptyFieldKey(key), count }))
    .sort((a, b) => b.count - a.count || a.field.localeCompare(b.field))
    .slice(0, topFields);
  return { overall: hygieneRow('', total(cur), total(prev)), objects, emptyFields };
}

// ---------------------------------------------------------------- activity

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

// ---------------------------------------------------------------- journey timeline

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
 * A milestone's `day` is the day by which it should be done (PACK_FORMAT.md: "week-1-hygiene",
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

// ---------------------------------------------------------------- badges

export type Badge =
  | { id: string; kind: 'milestone'; earned: boolean; item: JourneyMilestone }
  | { id: string; kind: 'streak'; earned: boolean; days: number; best: number }
  | { id: string; kind: 'graduate'; earned: boolean };

/**
 * Badges are private: streaks of 7/30/90 work days, graduation, and one per milestone (earned when
 * done; milestones in order of their day).
 */
export function badges(milestones: JourneyMilestone[], best: number, graduated: boolean): Badge[] {
  const list: Badge[] = STREAK_BADGES.map((days) => ({
    id: `streak-${days}`,
    kind: 'streak' as const,
    earned: best >= days,
    days,
    best,
  }));
  list.push({ id: 'graduate', kind: 'graduate', earned: graduated });
  const byDue = [...milestones].sort((a, b) => (a.milestone.day ?? Infinity) - (b.milestone.day ?? Infinity));
  for (const item of byDue) {
    list.push({ id: `milestone:${item.packId}/${item.milestone.id}`, kind: 'milestone', earned: item.status === 'done', item });
  }
  // Earned first, keeping the order above within each group.
  return [...list.filter((b) => b.earned), ...list.filter((b) => !b.earned)];
}

// ---------------------------------------------------------------- next best step

export type NextStep =
  | { kind: 'milestone'; item: JourneyMilestone; late: boolean }
  | { kind: 'snippet'; item: JourneySnippet; day: number; late: boolean; upcoming: boolean }
  | { kind: 'nudge'; object: string; open: number }
  | { kind: 'none' };

const byDay = <T>(day: (x: T) => number | undefined) => (a: T, b: T) => (day(a) ?? Infinity) - (day(b) ?? Infinity);

/**
 * The single most useful thing to do now, in this order:
 * 1. a late milestone (the most overdue; if a snippet completes it, that snippet);
 * 2. a snippet scheduled for today or earlier and not completed (the earliest);
 * 3. a due milestone (the soonest);
 * 4. an open nudge on an object seen in the last 7 days (the object with most fields left open);
 * 5. the next snippet coming up;
 * otherwise nothing.
 */
export function nextBestStep(
  report: Pick<ProgressReport, 'milestones' | 'snippets' | 'days' | 'today'>,
  journeyDay: number | null,
): NextStep {
  if (journeyDay === null || journeyDay < 0) return { kind: 'none' };
  const snippetStep = (item: JourneySnippet): NextStep => {
    const day = item.snippet.day ?? journeyDay;
    return { kind: 'snippet', item, day, late: day < journeyDay, upcoming: day > journeyDay };
  };

  const late = report.milestones.filter((m) => m.status === 'late').sort(byDay((m) => m.milestone.day));
  if (late.length) {
    const m = late[0];
    const done = m.milestone.done;
    if ('snippet' in done) {
      const id = done.snippet.includes('/') ? done.snippet : `${m.packId}/${done.snippet}`;
      const s = report.snippets.find((x) => `${x.packId}/${x.snippet.id}` === id && !x.completed);
      if (s) return snippetStep(s);
    }
    return { kind: 'milestone', item: m, late: true };
  }

  const pending = report.snippets.filter((s) => !s.completed && s.snippet.day !== undefined);
  const dueSnippets = pending.filter((s) => (s.snippet.day as number) <= journeyDay).sort(byDay((s) => s.snippet.day));
  if (dueSnippets.length) return snippetStep(dueSnippets[0]);

  const due = report.milestones.filter((m) => m.status === 'due').sort(byDay((m) => m.milestone.day));
  if (due.length) return { kind: 'milestone', item: due[0], late: false };

  const t = dayNumber(report.today);
  const open = new Map<string, number>();
  for (const r of report.days) {
    const n = dayNumber(r.day);
    if (n > t || n <= t - RECENT_NUDGE_DAYS) continue;
    for (const [object, shown] of Object.entries(r.nudgeShown)) open.set(object, (open.get(object) ?? 0) + shown);
    for (const [object, resolved] of Object.entries(r.nudgeResolved)) open.set(object, (open.get(object) ?? 0) - resolved);
  }
  const best = [...open.entries()].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  if (best) return { kind: 'nudge', object: best[0], open: best[1] };

  const upcoming = pending.filter((s) => (s.snippet.day as number) > journeyDay).sort(byDay((s) => s.snippet.day));
  if (upcoming.length) return snippetStep(upcoming[0]);
  return { kind: 'none' };
}

// ---------------------------------------------------------------- relevance

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

// ---------------------------------------------------------------- all of it

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

// ---------------------------------------------------------------- what the popup receives

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
