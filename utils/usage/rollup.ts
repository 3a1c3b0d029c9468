/**
 * Pure reducers from events to the stored aggregates: daily rollups, item state, running
 * totals and once-per-record rewards. The ingestion transaction, the schema upgrade backfill
 * and the tests all use these, so every path counts the same way.
 */
import type { DayRollup } from './report';
import type { EventKind, ItemState, UsageEvent } from './types';
import { endOfLocalDay, localDay } from '../day';
import { itemKey } from '../packs/refs';

/** Running totals over all rollups ever written (rollups are never pruned). */
export interface Totals {
  points: number;
  counts: Partial<Record<EventKind, number>>;
  /** page.view count per CRM object, all time. */
  visits: Record<string, number>;
}

/** A nudge field rewarded on one record. Key: `<recordKey>|<packId>/<nudgeId>|<field>`. */
export interface RewardRow {
  key: string;
  recordKey: string;
  at: number;
  points: number;
}

export function emptyRollup(day: string): DayRollup {
  return { day, counts: {}, points: 0, crms: {}, visits: {}, nudgeShown: {}, nudgeResolved: {}, emptyFields: {} };
}

export function emptyTotals(): Totals {
  return { points: 0, counts: {}, visits: {} };
}

export function emptyItem(key: string): ItemState {
  return { key, shown: 0, dismissed: false, completed: false };
}

function bump(map: Record<string, number>, key: string | undefined, by = 1): void {
  if (key === undefined) return;
  map[key] = (map[key] ?? 0) + by;
}

/** `<packId>/<itemId>` of an event, when it names an item. */
export function itemKeyOf(e: Pick<UsageEvent, 'packId' | 'itemId'>): string | undefined {
  return e.packId && e.itemId ? itemKey(e.packId, e.itemId) : undefined;
}

/** Reward key of a nudge.resolved event; undefined when it lacks record, nudge or field. */
export function rewardKeyOf(e: UsageEvent): string | undefined {
  const item = itemKeyOf(e);
  if (e.kind !== 'nudge.resolved' || !e.recordKey || !item || !e.field) return undefined;
  return `${e.recordKey}|${item}|${e.field}`;
}

/** Adds one event to a day's rollup (mutates and returns it). */
export function addToRollup(r: DayRollup, e: UsageEvent): DayRollup {
  r.counts[e.kind] = (r.counts[e.kind] ?? 0) + 1;
  r.points += e.points ?? 0;
  if (e.kind === 'page.view') {
    bump(r.crms, e.crm);
    bump(r.visits, e.object);
  } else if (e.kind === 'nudge.shown') {
    bump(r.nudgeShown, e.object);
    if (e.field) bump(r.emptyFields, `${e.object ?? ''} · ${e.field}`);
  } else if (e.kind === 'nudge.resolved') {
    bump(r.nudgeResolved, e.object);
  }
  return r;
}

/** Adds one event to the running totals (mutates and returns them). */
export function addToTotals(t: Totals, e: UsageEvent): Totals {
  t.counts[e.kind] = (t.counts[e.kind] ?? 0) + 1;
  t.points += e.points ?? 0;
  if (e.kind === 'page.view') bump(t.visits, e.object);
  return t;
}

/** Adds a whole rollup to totals (used to rebuild totals from rollups after an import). */
export function addRollupToTotals(t: Totals, r: DayRollup): Totals {
  for (const [k, n] of Object.entries(r.counts)) {
    const kind = k as EventKind;
    t.counts[kind] = (t.counts[kind] ?? 0) + (n ?? 0);
  }
  t.points += r.points;
  for (const [o, n] of Object.entries(r.visits)) bump(t.visits, o, n);
  return t;
}

/** Applies one event to an item's state (mutates and returns it). */
export function addToItem(s: ItemState, e: UsageEvent): ItemState {
  switch (e.kind) {
    case 'tip.shown':
      s.shown += 1;
      s.lastShownAt = Math.max(s.lastShownAt ?? 0, e.at);
      break;
    case 'tip.dismissed':
      if (e.snooze) s.snoozedUntil = Math.max(s.snoozedUntil ?? 0, endOfLocalDay(e.at));
      else s.dismissed = true;
      break;
    case 'snippet.completed':
    case 'tour.completed':
    case 'milestone.done':
      s.completed = true;
      s.completedAt = Math.min(s.completedAt ?? e.at, e.at);
      if (e.kind === 'tour.completed') delete s.tourStep;
      break;
    case 'tour.started':
      if (!s.completed) s.tourStep = 0;
      break;
    default:
      break;
  }
  return s;
}

/** Kinds that change item state; others leave the items table alone. */
export const ITEM_KINDS: ReadonlySet<EventKind> = new Set<EventKind>([
  'tip.shown',
  'tip.dismissed',
  'snippet.completed',
  'tour.completed',
  'tour.started',
  'milestone.done',
]);

/** The aggregates a batch reads and writes, loaded for the keys the batch touches. */
export interface UsageState {
  rollups: Map<string, DayRollup>;
  items: Map<string, ItemState>;
  /** Reward keys already granted (loaded for the batch's candidate keys). */
  rewards: Set<string>;
  totals: Totals;
}

export interface Changes {
  events: UsageEvent[];
  rewards: RewardRow[];
  days: Set<string>;
  items: Set<string>;
}

export function newChanges(): Changes {
  return { events: [], rewards: [], days: new Set(), items: new Set() };
}

/**
 * Applies one clean, new event to the state and records what changed. Points are adjusted
 * where a rule says they were already earned: a nudge field on a record (once per record,
 * nudge and field) and a snippet, tour or milestone completed before (once per item).
 * Returns the event as stored.
 */
export function applyEvent(state: UsageState, changes: Changes, input: UsageEvent): UsageEvent {
  const e: UsageEvent = { ...input };
  const key = itemKeyOf(e);

  const rk = rewardKeyOf(e);
  if (rk) {
    if (state.rewards.has(rk)) e.points = 0;
    else {
      state.rewards.add(rk);
      changes.rewards.push({ key: rk, recordKey: e.recordKey as string, at: e.at, points: e.points ?? 0 });
    }
  }
  if (
    key &&
    (e.kind === 'snippet.completed' || e.kind === 'tour.completed' || e.kind === 'milestone.done') &&
    state.items.get(key)?.completed
  ) {
    e.points = 0;
  }

  const day = localDay(e.at);
  const rollup = state.rollups.get(day) ?? emptyRollup(day);
  state.rollups.set(day, addToRollup(rollup, e));
  changes.days.add(day);
  addToTotals(state.totals, e);

  if (key && ITEM_KINDS.has(e.kind)) {
    state.items.set(key, addToItem(state.items.get(key) ?? emptyItem(key), e));
    changes.items.add(key);
  }
  changes.events.push(e);
  return e;
}
