/**
 * "Your data": export (JSON of everything, CSV of daily rollups, an opt-in trainer summary),
 * import of an export (idempotent) and delete. Row cleaners keep an import from smuggling
 * anything an event could not hold.
 */
import type { UsageDb } from './db';
import { DB_VERSION, META_TOTALS } from './db';
import type { DayRollup } from './report';
import { addRollupToTotals, emptyTotals, type RewardRow } from './rollup';
import { cleanLabel, sanitizeEvent } from './sanitize';
import { EVENT_KINDS, type EventKind, type ItemState, type UsageEvent } from './types';

export const EXPORT_FORMAT = 'crm-coach/usage-export@1';

export interface UsageExport {
  format: typeof EXPORT_FORMAT;
  exportedAt: string;
  schemaVersion: number;
  /** The install's record-hash salt, so "once per record" carries over to a new machine. */
  salt?: string;
  events: UsageEvent[];
  rollups: DayRollup[];
  items: ItemState[];
  rewards: RewardRow[];
}

export async function buildExport(db: UsageDb, salt: string | undefined, now: number): Promise<UsageExport> {
  return db.transaction('r', [db.events, db.rollups, db.items, db.rewards], async () => ({
    format: EXPORT_FORMAT,
    exportedAt: new Date(now).toISOString(),
    schemaVersion: DB_VERSION,
    ...(salt ? { salt } : {}),
    events: await db.events.orderBy('at').toArray(),
    rollups: await db.rollups.orderBy('day').toArray(),
    items: await db.items.toArray(),
    rewards: await db.rewards.toArray(),
  }));
}

// ---- cleaning imported rows --------------------------------------------------------------

const KINDS = new Set<string>(EVENT_KINDS);
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const ITEM_KEY_RE = /^[a-z0-9-]{1,64}\/[a-z0-9._-]{1,64}$/;
const RECORD_KEY_RE = /^[A-Za-z0-9_+/=-]{4,128}$/;
const MAX_MAP_ENTRIES = 2000;

function count(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.round(v) : undefined;
}

function time(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.round(v) : undefined;
}

function countMap(v: unknown, maxKey = 100): Record<string, number> {
  const out: Record<string, number> = {};
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return out;
  for (const [k, n] of Object.entries(v).slice(0, MAX_MAP_ENTRIES)) {
    const key = cleanLabel(k, maxKey);
    const c = count(n);
    if (key && c !== undefined) out[key] = (out[key] ?? 0) + c;
  }
  return out;
}

export function cleanRollup(v: unknown): DayRollup | null {
  if (typeof v !== 'object' || v === null) return null;
  const r = v as Record<string, unknown>;
  if (typeof r.day !== 'string' || !DAY_RE.test(r.day)) return null;
  const counts: Partial<Record<EventKind, number>> = {};
  for (const [k, n] of Object.entries(countMap(r.counts))) if (KINDS.has(k)) counts[k as EventKind] = n;
  return {
    day: r.day,
    counts,
    points: count(r.points) ?? 0,
    crms: countMap(r.crms, 64),
    visits: countMap(r.visits),
    nudgeShown: countMap(r.nudgeShown),
    nudgeResolved: countMap(r.nudgeResolved),
    emptyFields: countMap(r.emptyFields, 210),
  };
}

export function cleanItem(v: unknown): ItemState | null {
  if (typeof v !== 'object' || v === null) return null;
  const r = v as Record<string, unknown>;
  if (typeof r.key !== 'string' || !ITEM_KEY_RE.test(r.key)) return null;
  const s: ItemState = { key: r.key, shown: count(r.shown) ?? 0, dismissed: r.dismissed === true, completed: r.completed === true };
  const snoozedUntil = time(r.snoozedUntil);
  if (snoozedUntil) s.snoozedUntil = snoozedUntil;
  const completedAt = time(r.completedAt);
  if (completedAt) s.completedAt = completedAt;
  const lastShownAt = time(r.lastShownAt);
  if (lastShownAt) s.lastShownAt = lastShownAt;
  const tourStep = count(r.tourStep);
  if (tourStep !== undefined) s.tourStep = tourStep;
  return s;
}

export function cleanReward(v: unknown): RewardRow | null {
  if (typeof v !== 'object' || v === null) return null;
  const r = v as Record<string, unknown>;
  if (typeof r.key !== 'string' || r.key.length > 400) return null;
  const [recordKey, item, ...rest] = r.key.split('|');
  const field = rest.join('|');
  if (!RECORD_KEY_RE.test(recordKey) || !ITEM_KEY_RE.test(item) || cleanLabel(field) !== field) return null;
  return { key: r.key, recordKey, at: time(r.at) ?? 0, points: count(r.points) ?? 0 };
}

// ---- merging (idempotent: merging the same rows twice changes nothing) -------------------

function maxMap(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out = { ...a };
  for (const [k, n] of Object.entries(b)) out[k] = Math.max(out[k] ?? 0, n);
  return out;
}

/** Element-wise maximum: exact when one side is empty, and idempotent. */
export function mergeRollups(a: DayRollup, b: DayRollup): DayRollup {
  return {
    day: a.day,
    counts: maxMap(a.counts as Record<string, number>, b.counts as Record<string, number>),
    points: Math.max(a.points, b.points),
    crms: maxMap(a.crms, b.crms),
    visits: maxMap(a.visits, b.visits),
    nudgeShown: maxMap(a.nudgeShown, b.nudgeShown),
    nudgeResolved: maxMap(a.nudgeResolved, b.nudgeResolved),
    emptyFields: maxMap(a.emptyFields, b.emptyFields),
  };
}

function maxOpt(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b);
}

function minOpt(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}

export function mergeItems(a: ItemState, b: ItemState): ItemState {
  const s: ItemState = {
    key: a.key,
    shown: Math.max(a.shown, b.shown),
    dismissed: a.dismissed || b.dismissed,
    completed: a.completed || b.completed,
  };
  const snoozedUntil = maxOpt(a.snoozedUntil, b.snoozedUntil);
  if (snoozedUntil !== undefined) s.snoozedUntil = snoozedUntil;
  const completedAt = minOpt(a.completedAt, b.completedAt);
  if (completedAt !== undefined) s.completedAt = completedAt;
  const lastShownAt = maxOpt(a.lastShownAt, b.lastShownAt);
  if (lastShownAt !== undefined) s.lastShownAt = lastShownAt;
  const tourStep = s.completed ? undefined : maxOpt(a.tourStep, b.tourStep);
  if (tourStep !== undefined) s.tourStep = tourStep;
  return s;
}

export interface ParsedImport {
  salt?: string;
  events: UsageEvent[];
  rollups: DayRollup[];
  items: ItemState[];
  rewards: RewardRow[];
}

/** Parses and cleans an export; throws an Error with a short reason when it is not one. */
export function parseExport(json: string): ParsedImport {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw new Error('not JSON');
  }
  if (typeof data !== 'object' || data === null) throw new Error('not an export');
  const d = data as Record<string, unknown>;
  if (d.format !== EXPORT_FORMAT) throw new Error(`format: expected ${EXPORT_FORMAT}`);
  const list = (v: unknown, name: string): unknown[] => {
    if (v === undefined) return [];
    if (!Array.isArray(v)) throw new Error(`${name}: expected an array`);
    return v;
  };
  const keep = <T>(rows: (T | null)[]): T[] => rows.filter((r): r is T => r !== null);
  const salt = typeof d.salt === 'string' && /^[A-Za-z0-9_+/=-]{8,128}$/.test(d.salt) ? d.salt : undefined;
  return {
    ...(salt ? { salt } : {}),
    events: keep(list(d.events, 'events').map((e) => sanitizeEvent(e, { trusted: true, now: Number.MAX_SAFE_INTEGER }))),
    rollups: keep(list(d.rollups, 'rollups').map(cleanRollup)),
    items: keep(list(d.items, 'items').map(cleanItem)),
    rewards: keep(list(d.rewards, 'rewards').map(cleanReward)),
  };
}

/**
 * Merges an import into the database in one transaction and rebuilds the totals from all
 * rollups. Returns how many events were new and whether the database had no rewards before.
 */
export async function mergeImport(db: UsageDb, data: ParsedImport): Promise<{ events: number; wasEmpty: boolean }> {
  return db.transaction('rw', [db.events, db.rollups, db.items, db.rewards, db.meta], async () => {
    const wasEmpty = (await db.rewards.count()) === 0 && (await db.rollups.count()) === 0;

    const byId = new Map(data.events.map((e) => [e.id, e]));
    const ids = [...byId.keys()];
    const have = await db.events.bulkGet(ids);
    const newEvents = ids.filter((_, i) => !have[i]).map((id) => byId.get(id) as UsageEvent);
    if (newEvents.length > 0) await db.events.bulkAdd(newEvents);

    const days = data.rollups.map((r) => r.day);
    const oldDays = await db.rollups.bulkGet(days);
    await db.rollups.bulkPut(data.rollups.map((r, i) => (oldDays[i] ? mergeRollups(oldDays[i], r) : r)));

    const oldItems = await db.items.bulkGet(data.items.map((s) => s.key));
    await db.items.bulkPut(data.items.map((s, i) => (oldItems[i] ? mergeItems(oldItems[i], s) : s)));

    const oldRewards = await db.rewards.bulkGet(data.rewards.map((r) => r.key));
    const newRewards = data.rewards.filter((_, i) => !oldRewards[i]);
    if (newRewards.length > 0) await db.rewards.bulkPut(newRewards);

    const totals = emptyTotals();
    await db.rollups.each((r) => void addRollupToTotals(totals, r));
    await db.meta.put({ key: META_TOTALS, value: totals });
    return { events: newEvents.length, wasEmpty };
  });
}

/** Clears every usage table. */
export async function clearUsage(db: UsageDb): Promise<void> {
  await db.transaction('rw', [db.events, db.rollups, db.items, db.rewards, db.meta], async () => {
    await Promise.all([db.events.clear(), db.rollups.clear(), db.items.clear(), db.rewards.clear(), db.meta.clear()]);
  });
}

// ---- CSV -----------------------------------------------------------------------------------

/** One CSV cell: quoted when needed; a leading = + - @ is neutralised for spreadsheets. */
export function csvCell(v: string | number): string {
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Daily rollups as CSV: day, points, one column per event kind, nudge totals, per-CRM and per-object counts. */
export function rollupsToCsv(rollups: readonly DayRollup[]): string {
  const crms = [...new Set(rollups.flatMap((r) => Object.keys(r.crms)))].sort();
  const objects = [...new Set(rollups.flatMap((r) => Object.keys(r.visits)))].sort();
  const sum = (m: Record<string, number>): number => Object.values(m).reduce((a, b) => a + b, 0);
  const header = [
    'day',
    'points',
    ...EVENT_KINDS,
    'nudges_shown',
    'nudges_resolved',
    ...crms.map((c) => `crm:${c}`),
    ...objects.map((o) => `visits:${o}`),
  ];
  const lines = [header.map(csvCell).join(',')];
  for (const r of rollups) {
    const row: (string | number)[] = [
      r.day,
      r.points,
      ...EVENT_KINDS.map((k) => r.counts[k] ?? 0),
      sum(r.nudgeShown),
      sum(r.nudgeResolved),
      ...crms.map((c) => r.crms[c] ?? 0),
      ...objects.map((o) => r.visits[o] ?? 0),
    ];
    lines.push(row.map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
