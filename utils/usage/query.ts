/**
 * Read side for the popup, the options page and the in-page coach. The progress report is
 * built from daily rollups, the running totals row and item state only: never from raw events,
 * so its cost does not grow with history.
 */
import type { Pack } from '../packs/types';
import { localize } from '../packs/text';
import type { EffectiveSettings } from '../settings';
import type { UsageDb } from './db';
import { readItemStates, readTotals } from './db';
import { daysBefore, localDay, tenureDay } from '../day';
import { roleAllowed } from '../packs/audience';
import { ITEM_LISTS } from '../packs/limits';
import { itemKey } from '../packs/refs';
import { milestoneKey, milestoneStatus, packMilestones } from './milestones';
import type { DayRollup, JourneyMilestone, JourneySnippet, ProgressReport } from './report';
import type { ItemState } from './types';
import { hygiene } from './progress';

/** Days of rollups the report carries (a year and a bit, for streaks and the heat map). */
export const REPORT_DAYS = 400;

function snippetsFor(packs: readonly Pack[], role: string | null): { packId: string; snippet: NonNullable<Pack['snippets']>[number] }[] {
  return packs
    .filter((p) => roleAllowed(p.audience?.roles, role))
    .flatMap((p) => (p.snippets ?? []).filter((s) => roleAllowed(s.audience?.roles, role)).map((snippet) => ({ packId: p.id, snippet })));
}

/**
 * The progress report. Packs and settings may still be on their way (promises): the rollups and
 * totals, which do not depend on them, are read meanwhile.
 */
export async function buildProgressReport(
  db: UsageDb,
  packsIn: readonly Pack[] | Promise<readonly Pack[]>,
  settingsIn: EffectiveSettings | Promise<EffectiveSettings>,
  now: number,
): Promise<ProgressReport> {
  const today = localDay(now);
  const from = daysBefore(now, REPORT_DAYS - 1);
  const history = Promise.all([db.rollups.where('day').between(from, today, true, true).toArray(), readTotals(db)]);
  // Settled together, so a failed pack or settings read never leaves the history read unobserved.
  const [[days, totals], packs, settings] = await Promise.all([history, packsIn, settingsIn]);
  const milestones = packMilestones(packs, settings.role);
  const snippets = snippetsFor(packs, settings.role);
  const keys = [...milestones.map(milestoneKey), ...snippets.map((s) => itemKey(s.packId, s.snippet.id))];
  const items = await readItemStates(db, keys);
  const tenure = tenureDay(settings.startDate, today);
  const journey: JourneyMilestone[] = milestones.map((m) => {
    const state = items.get(milestoneKey(m));
    const done = state?.completed === true;
    return {
      packId: m.packId,
      milestone: m.milestone,
      status: milestoneStatus(m.milestone, done, tenure),
      ...(done && state?.completedAt !== undefined ? { doneAt: state.completedAt } : {}),
    };
  });
  const journeySnippets: JourneySnippet[] = snippets.map((s) => ({
    packId: s.packId,
    snippet: s.snippet,
    completed: items.get(itemKey(s.packId, s.snippet.id))?.completed === true,
  }));
  return {
    today,
    settings,
    days,
    totals: { points: totals.points, counts: totals.counts },
    milestones: journey,
    snippets: journeySnippets,
    packsEnabled: packs.length,
  };
}

/** Every item key (`<packId>/<itemId>`) of the packs. */
export function packItemKeys(packs: readonly Pack[]): string[] {
  const keys: string[] = [];
  for (const p of packs) {
    for (const list of ITEM_LISTS) {
      for (const item of p[list] ?? []) keys.push(itemKey(p.id, item.id));
    }
  }
  return keys;
}

export async function itemStatesFor(db: UsageDb, packs: readonly Pack[]): Promise<Record<string, ItemState>> {
  return Object.fromEntries(await readItemStates(db, packItemKeys(packs)));
}

/** Nudge fields already rewarded on a record: `<packId>/<nudgeId>|<field label>`. */
export async function resolvedFor(db: UsageDb, recordKey: string | null): Promise<string[]> {
  if (!recordKey) return [];
  const rows = await db.rewards.where('recordKey').equals(recordKey).toArray();
  return rows.map((r) => r.key.slice(recordKey.length + 1));
}

/** True when the URL's host is one of the paused sites. */
export function isPaused(url: string, pausedSites: readonly string[]): boolean {
  try {
    const host = new URL(url).hostname.toLowerCase();
    return pausedSites.some((s) => s.toLowerCase() === host);
  } catch {
    return false;
  }
}

// ---- trainer summary ---------------------------------------------------------------------

export const SUMMARY_FORMAT = 'crm-coach/progress-summary@1';
/**
 * Share of nudged empty fields that were filled, 0–100, over the popup's 30-day window (the
 * popup's own hygiene maths); null when no nudge was shown.
 */
export function hygieneScore(days: DayRollup[], today: string): number | null {
  const share = hygiene(days, today).overall.share;
  return share === null ? null : Math.round(share * 100);
}

export interface ProgressSummary {
  format: typeof SUMMARY_FORMAT;
  generatedOn: string;
  role: string | null;
  tenureDay: number | null;
  points: number;
  milestonesDone: { packId: string; milestoneId: string; title: string; doneOn?: string }[];
  milestonesTotal: number;
  hygieneScore: number | null;
}

/** The opt-in summary for a trainer: no item-level history, no events, no record keys. */
export function summarize(report: ProgressReport, lang = 'en'): ProgressSummary {
  return {
    format: SUMMARY_FORMAT,
    generatedOn: report.today,
    role: report.settings.role,
    tenureDay: tenureDay(report.settings.startDate, report.today),
    points: report.totals.points,
    milestonesDone: report.milestones
      .filter((m) => m.status === 'done')
      .map((m) => ({
        packId: m.packId,
        milestoneId: m.milestone.id,
        title: localize(m.milestone.title, lang),
        ...(m.doneAt !== undefined ? { doneOn: localDay(m.doneAt) } : {}),
      })),
    milestonesTotal: report.milestones.length,
    hygieneScore: hygieneScore(report.days, report.today),
  };
}
