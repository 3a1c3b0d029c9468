/** What the background answers the popup with: built from daily rollups, never raw events. */
import type { EffectiveSettings } from '../settings';
import type { Milestone, Snippet } from '../packs/types';
import type { EventKind } from './types';

/** One local calendar day of usage. */
export interface DayRollup {
  /** Local date, YYYY-MM-DD. */
  day: string;
  counts: Partial<Record<EventKind, number>>;
  points: number;
  /** page.view count per CRM id. */
  crms: Record<string, number>;
  /** page.view count per CRM object (label as the adapter reports it). */
  visits: Record<string, number>;
  /** nudge.shown (distinct record/field) per object. */
  nudgeShown: Record<string, number>;
  /** nudge.resolved per object. */
  nudgeResolved: Record<string, number>;
  /** Times a nudged field was seen empty, keyed "<object> · <field label>". */
  emptyFields: Record<string, number>;
}

export type MilestoneStatus = 'done' | 'due' | 'late' | 'upcoming';

export interface JourneyMilestone {
  packId: string;
  milestone: Milestone;
  status: MilestoneStatus;
  doneAt?: number;
}

export interface JourneySnippet {
  packId: string;
  snippet: Snippet;
  completed: boolean;
}

export interface ProgressReport {
  /** Local date the report was built for, YYYY-MM-DD. */
  today: string;
  settings: EffectiveSettings;
  /** Rollups, oldest first; days with no activity are absent. */
  days: DayRollup[];
  totals: { points: number; counts: Partial<Record<EventKind, number>> };
  milestones: JourneyMilestone[];
  snippets: JourneySnippet[];
  packsEnabled: number;
}
