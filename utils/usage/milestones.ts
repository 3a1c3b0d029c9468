/** Journey milestones: when one is met, and how the journey shows it. Pure functions. */
import { roleAllowed } from '../packs/audience';
import { itemKey, refKey } from '../packs/refs';
import type { Milestone, Pack } from '../packs/types';
import type { MilestoneStatus } from './report';
import type { EventKind, ItemState } from './types';

export interface PackMilestone {
  packId: string;
  milestone: Milestone;
}

/** Days before a milestone's day from which it shows as due rather than upcoming. */
export const DUE_WINDOW_DAYS = 7;

export function milestoneKey(m: PackMilestone): string {
  return itemKey(m.packId, m.milestone.id);
}

/** Milestones of the packs that apply to the role, in pack order. */
export function packMilestones(packs: readonly Pack[], role: string | null = null): PackMilestone[] {
  const out: PackMilestone[] = [];
  for (const pack of packs) {
    if (!roleAllowed(pack.audience?.roles, role)) continue;
    for (const milestone of pack.milestones ?? []) {
      if (roleAllowed(milestone.audience?.roles, role)) out.push({ packId: pack.id, milestone });
    }
  }
  return out;
}

/** Item keys whose state milestone evaluation reads: the milestones and what they refer to. */
export function milestoneItemKeys(milestones: readonly PackMilestone[]): string[] {
  const keys = new Set<string>();
  for (const m of milestones) {
    keys.add(milestoneKey(m));
    const d = m.milestone.done;
    if ('snippet' in d) keys.add(refKey(m.packId, d.snippet));
    if ('tour' in d) keys.add(refKey(m.packId, d.tour));
  }
  return [...keys];
}

function visitsOf(visits: Record<string, number>, object: string): number {
  const want = object.toLowerCase();
  let n = 0;
  for (const [o, c] of Object.entries(visits)) if (o.toLowerCase() === want) n += c;
  return n;
}

/** Whether a milestone's `done` condition holds now. */
export function milestoneMet(
  m: PackMilestone,
  totals: Partial<Record<EventKind, number>>,
  itemStates: Record<string, ItemState | undefined>,
  visits: Record<string, number>,
): boolean {
  const d = m.milestone.done;
  if ('event' in d) return (totals[d.event as EventKind] ?? 0) >= d.count;
  if ('snippet' in d) return itemStates[refKey(m.packId, d.snippet)]?.completed === true;
  if ('tour' in d) return itemStates[refKey(m.packId, d.tour)]?.completed === true;
  if ('visits' in d) return visitsOf(visits, d.visits.object) >= d.visits.count;
  return false;
}

/** Milestones whose condition holds now and that are not done yet (keys `<packId>/<id>`). */
export function milestonesNewlyDone(
  milestones: readonly PackMilestone[],
  totals: Partial<Record<EventKind, number>>,
  itemStates: Record<string, ItemState | undefined>,
  visits: Record<string, number>,
  alreadyDone: ReadonlySet<string> | readonly string[],
): PackMilestone[] {
  const done = alreadyDone instanceof Set ? alreadyDone : new Set(alreadyDone as readonly string[]);
  const seen = new Set<string>();
  return milestones.filter((m) => {
    const key = milestoneKey(m);
    if (done.has(key) || seen.has(key)) return false;
    seen.add(key);
    return milestoneMet(m, totals, itemStates, visits);
  });
}

/**
 * How the journey shows a milestone: done; late when its day has passed; due from
 * DUE_WINDOW_DAYS before its day (or at once when it has no day or there is no start date);
 * upcoming before that.
 */
export function milestoneStatus(m: Milestone, done: boolean, tenureDay: number | null): MilestoneStatus {
  if (done) return 'done';
  if (m.day === undefined || tenureDay === null || Number.isNaN(tenureDay)) return 'due';
  if (tenureDay > m.day) return 'late';
  if (tenureDay >= m.day - DUE_WINDOW_DAYS) return 'due';
  return 'upcoming';
}
