/** Event kinds (docs/architecture.md, "Event kinds"). */
export const EVENT_KINDS = [
  'page.view',
  'tip.shown',
  'tip.dismissed',
  'tip.helpful',
  'nudge.shown',
  'nudge.resolved',
  'snippet.opened',
  'snippet.completed',
  'tour.started',
  'tour.completed',
  'milestone.done',
] as const;

export type EventKind = (typeof EVENT_KINDS)[number];

/**
 * One usage event. Holds no customer data: kinds, pack and item ids, CRM, object,
 * page kind, a field label (schema, not data) and a salted record hash where needed.
 */
export interface UsageEvent {
  /** Unique id made by the sender; resends carry the same id so duplicates are dropped. */
  id: string;
  at: number;
  kind: EventKind;
  packId?: string;
  itemId?: string;
  crm?: string;
  object?: string;
  page?: string;
  points?: number;
  /** Salted local hash, only where "once per record" must be known. */
  recordKey?: string;
  /** Field label for nudge.shown / nudge.resolved (a CRM schema name, never a value). */
  field?: string;
  /** tip.helpful: the answer. */
  helpful?: boolean;
  /** tip.dismissed: true when snoozed for the day rather than dismissed. */
  snooze?: boolean;
}

/** Per-item state the engine's show rules need. Key: `<packId>/<itemId>`. */
export interface ItemState {
  key: string;
  shown: number;
  dismissed: boolean;
  snoozedUntil?: number;
  completed: boolean;
  /** When it was first completed (snippets, tours, milestones). */
  completedAt?: number;
  lastShownAt?: number;
  /** Tours: the step to resume at. */
  tourStep?: number;
}
