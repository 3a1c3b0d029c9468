/**
 * "Your data": export (JSON of everything, CSV of daily rollups, an opt-in trainer summary),
 * import of an export (idempotent) and delete. Row cleaners keep an import from smuggling
 * anything an event could not hold.
 */
import type { UsageDb } from './db';
import { DB_VERSION, META_TOTALS } from './db';
import type { DayRollup } from './report';
import { addRollupToTotals, emptyTotals, type RewardRow } from './rollup';
import { DAY_MS, isCalendarDay, localDay } from '../day';
import { cleanLabel, LIMITS, sanitizeEvent } from './sanitize';
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
//
// An import is a file from anywhere. What it may hold is what the extension itself could have
// written: real calendar days, whole numbers within caps, labels that pass the same privacy
// filter as live events (cleanLabel), no milestone the user's packs did not award (milestones
// are recomputed from the imported counts). Anything else refuses the whole import, naming the
// row and the rule, before the database is touched (docs/packs.md, "Your data").

const KINDS = new Set<string>(EVENT_KINDS);
const ITEM_KEY_RE = /^[a-z0-9-]{1,64}\/[a-z0-9._-]{1,64}$/;
const RECORD_KEY_RE = /^[A-Za-z0-9_+/=-]{4,128}$/;
const CRM_KEY_RE = /^[A-Za-z0-9._-]{1,64}$/;
const MAX_MAP_ENTRIES = 2000;
/** Caps no real history reaches: one count per second all day, every event worth the most points. */
export const IMPORT_CAPS = {
  /** Any per-day count (events of a kind, visits to an object, nudges on a field). */
  dayCount: 100_000,
  /** Points in one day. */
  dayPoints: 1_000_000,
  /** Times an item was shown. */
  shown: 1_000_000,
  /** A tour has at most 50 steps. */
  tourStep: 50,
  /** Rows in any one list of the file. */
  rows: 500_000,
} as const;
/** The earliest day an export can hold (the extension did not exist before). */
const FIRST_DAY = '2020-01-01';
const FIRST_TIME = new Date(2020, 0, 1).getTime();

/** A refused import: the row (as a path) and the rule. */
export class ImportError extends Error {}

const refuse = (path: string, rule: string): never => {
  throw new ImportError(`${path}: ${rule}`);
};

/** A whole number in [0, max]; undefined when absent; refuses anything else. */
function bounded(v: unknown, max: number, path: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max) {
    return refuse(path, `expected a whole number from 0 to ${max} (found ${typeof v === 'number' ? String(v) : typeof v})`);
  }
  return v;
}

/** A time (ms since 1970) from FIRST_DAY to a day after `now`; undefined when absent. */
function time(v: unknown, now: number, path: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  const latest = now + LIMITS.futureSkewMs;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < FIRST_TIME || v > latest) {
    return refuse(path, 'expected a time between 2020 and now');
  }
  return v;
}

/** True for a real calendar day (not 0000-00-00 nor 2026-02-30) from FIRST_DAY to tomorrow. */
export function isImportableDay(day: unknown, now: number): day is string {
  return typeof day === 'string' && isCalendarDay(day) && day >= FIRST_DAY && day <= localDay(now + DAY_MS);
}

/**
 * A count map: a map without a prototype, keys through `cleanKey` (rows with a key it refuses
 * are dropped, like a live event's label), counts bounded.
 */
function countMap(v: unknown, path: string, cleanKey: (k: string) => string | undefined): Record<string, number> {
  const out = Object.create(null) as Record<string, number>;
  if (v === undefined || v === null) return out;
  if (typeof v !== 'object' || Array.isArray(v)) return refuse(path, 'expected an object of counts');
  const entries = Object.entries(v);
  if (entries.length > MAX_MAP_ENTRIES) refuse(path, `more than ${MAX_MAP_ENTRIES} entries`);
  for (const [k, n] of entries) {
    const c = bounded(n, IMPORT_CAPS.dayCount, `${path}[${JSON.stringify(k)}]`) ?? 0;
    const key = cleanKey(k);
    if (key !== undefined) out[key] = Math.min(IMPORT_CAPS.dayCount, (out[key] ?? 0) + c);
  }
  return out;
}

const labelKey = (max: number) => (k: string) => cleanLabel(k, max);
const crmKey = (k: string) => (CRM_KEY_RE.test(k) ? k : undefined);
/** `<object> · <field>`, each part a label. */
const emptyFieldKey = (k: string) => {
  const [object, field, ...rest] = k.split(' · ');
  if (rest.length > 0 || field === undefined) return undefined;
  const o = object === '' ? '' : cleanLabel(object);
  const f = cleanLabel(field);
  return o !== undefined && f !== undefined ? `${o} · ${f}` : undefined;
};

/**
 * An event from a file: cleaned as one from a content script, with real time (future times are
 * clamped to now). A milestone.done event, which only the background makes, is kept as a record
 * without its points: a file cannot award itself points (the day's points come from the rollups,
 * within their caps).
 */
export function importedEvent(raw: unknown, now: number): UsageEvent | null {
  const isMilestone = typeof raw === 'object' && raw !== null && (raw as { kind?: unknown }).kind === 'milestone.done';
  const e = sanitizeEvent(raw, { now, trusted: isMilestone });
  if (e && isMilestone) delete e.points;
  return e;
}

export function cleanRollup(v: unknown, now: number = Date.now(), path = 'rollup'): DayRollup | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return refuse(path, 'expected an object');
  const r = v as Record<string, unknown>;
  if (!isImportableDay(r.day, now)) return refuse(`${path}.day`, `${JSON.stringify(r.day)} is not a calendar day from ${FIRST_DAY} to today`);
  const counts: Partial<Record<EventKind, number>> = {};
  for (const [k, n] of Object.entries(countMap(r.counts, `${path}.counts`, (k) => (KINDS.has(k) ? k : undefined)))) {
    counts[k as EventKind] = n;
  }
  return {
    day: r.day,
    counts,
    points: bounded(r.points, IMPORT_CAPS.dayPoints, `${path}.points`) ?? 0,
    crms: countMap(r.crms, `${path}.crms`, crmKey),
    visits: countMap(r.visits, `${path}.visits`, labelKey(LIMITS.label)),
    nudgeShown: countMap(r.nudgeShown, `${path}.nudgeShown`, labelKey(LIMITS.label)),
    nudgeResolved: countMap(r.nudgeResolved, `${path}.nudgeResolved`, labelKey(LIMITS.label)),
    emptyFields: countMap(r.emptyFields, `${path}.emptyFields`, emptyFieldKey),
  };
}

/** An item's state; null (dropped) when its key is not an item key. */
export function cleanItem(v: unknown, now: number = Date.now(), path = 'item'): ItemState | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return refuse(path, 'expected an object');
  const r = v as Record<string, unknown>;
  if (typeof r.key !== 'string' || !ITEM_KEY_RE.test(r.key)) return null;
  const s: ItemState = {
    key: r.key,
    shown: bounded(r.shown, IMPORT_CAPS.shown, `${path}.shown`) ?? 0,
    dismissed: r.dismissed === true,
    completed: r.completed === true,
  };
  const snoozedUntil = time(r.snoozedUntil, now + DAY_MS, `${path}.snoozedUntil`);
  if (snoozedUntil) s.snoozedUntil = snoozedUntil;
  const completedAt = time(r.completedAt, now, `${path}.completedAt`);
  if (completedAt) s.completedAt = completedAt;
  const lastShownAt = time(r.lastShownAt, now, `${path}.lastShownAt`);
  if (lastShownAt) s.lastShownAt = lastShownAt;
  const tourStep = bounded(r.tourStep, IMPORT_CAPS.tourStep, `${path}.tourStep`);
  if (tourStep !== undefined) s.tourStep = tourStep;
  return s;
}

/** A once-per-record reward; null (dropped) when its key does not hold a record, an item and a field. */
export function cleanReward(v: unknown, now: number = Date.now(), path = 'reward'): RewardRow | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return refuse(path, 'expected an object');
  const r = v as Record<string, unknown>;
  if (typeof r.key !== 'string' || r.key.length > 400) return null;
  const [recordKey, item, ...rest] = r.key.split('|');
  const field = rest.join('|');
  if (!RECORD_KEY_RE.test(recordKey) || !ITEM_KEY_RE.test(item) || cleanLabel(field) !== field) return null;
  return {
    key: r.key,
    recordKey,
    at: time(r.at, now, `${path}.at`) ?? 0,
    points: bounded(r.points, LIMITS.maxPoints, `${path}.points`) ?? 0,
  };
}

// ---- merging (idempotent: merging the same rows twice changes nothing) -------------------

function maxMap(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out = Object.assign(Object.create(null) as Record<string, number>, a);
  for (const [k, n] of Object.entries(b)) out[k] = Math.max(Object.hasOwn(out, k) ? out[k] : 0, n);
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

/**
 * Parses and cleans an export; throws an Error with a short reason (the row and the rule) when it
 * is not one or holds what the extension could not have written. Nothing is stored here.
 */
export function parseExport(json: string, now: number = Date.now()): ParsedImport {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw new ImportError('not JSON');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ImportError('not an export');
  const d = data as Record<string, unknown>;
  if (d.format !== EXPORT_FORMAT) throw new ImportError(`format: expected ${EXPORT_FORMAT}`);
  const list = (v: unknown, name: string): unknown[] => {
    if (v === undefined) return [];
    if (!Array.isArray(v)) throw new ImportError(`${name}: expected an array`);
    if (v.length > IMPORT_CAPS.rows) throw new ImportError(`${name}: more than ${IMPORT_CAPS.rows} rows`);
    return v;
  };
  const keep = <T>(rows: (T | null)[]): T[] => rows.filter((r): r is T => r !== null);
  const salt = typeof d.salt === 'string' && /^[A-Za-z0-9_+/=-]{8,128}$/.test(d.salt) ? d.salt : undefined;
  const rollups = keep(list(d.rollups, 'rollups').map((r, i) => cleanRollup(r, now, `rollups[${i}]`)));
  const days = new Set<string>();
  rollups.forEach((r, i) => {
    if (days.has(r.day)) refuse(`rollups[${i}].day`, `${r.day} appears twice`);
    days.add(r.day);
  });
  return {
    ...(salt ? { salt } : {}),
    events: keep(list(d.events, 'events').map((e) => importedEvent(e, now))),
    rollups,
    items: keep(list(d.items, 'items').map((r, i) => cleanItem(r, now, `items[${i}]`))),
    rewards: keep(list(d.rewards, 'rewards').map((r, i) => cleanReward(r, now, `rewards[${i}]`))),
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
