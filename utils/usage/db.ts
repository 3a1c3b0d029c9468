/**
 * The usage database 'crm-coach'. Opened only by the background worker.
 *
 * Schema history (never edit a released version; add a new one with an upgrade function,
 * and add tests/fixtures/db/v<N>.json, a dump made with that version):
 * - v1: events only (the scaffold).
 * - v2: events with more indexes; rollups, items, rewards and meta, backfilled from v1 events.
 */
import Dexie, { type EntityTable, type Transaction } from 'dexie';
import type { DayRollup } from './report';
import type { ItemState, UsageEvent } from './types';
import { sanitizeEvent } from './sanitize';
import { applyEvent, emptyTotals, newChanges, type RewardRow, type Totals, type UsageState } from './rollup';

export const DB_NAME = 'crm-coach';

/** Dexie store declarations per schema version. */
export const SCHEMAS = {
  1: { events: 'id, at, kind' },
  2: {
    events: 'id, at, kind, [kind+at], recordKey',
    rollups: 'day',
    items: 'key',
    rewards: 'key, recordKey',
    meta: 'key',
  },
} as const;

export const DB_VERSION = 2;

/** Small records that live in the database rather than in storage. */
export interface MetaRow {
  key: string;
  value: unknown;
}

export const META_TOTALS = 'totals';

export class UsageDb extends Dexie {
  events!: EntityTable<UsageEvent, 'id'>;
  rollups!: EntityTable<DayRollup, 'day'>;
  items!: EntityTable<ItemState, 'key'>;
  rewards!: EntityTable<RewardRow, 'key'>;
  meta!: EntityTable<MetaRow, 'key'>;

  constructor(name: string = DB_NAME) {
    super(name);
    this.version(1).stores(SCHEMAS[1]);
    this.version(2).stores(SCHEMAS[2]).upgrade(backfillV2);
  }
}

/**
 * v1 -> v2: cleans the stored events (unknown keys dropped; rows that cannot be read are left
 * as they were) and builds rollups, item state, rewards and totals from them in time order.
 */
async function backfillV2(tx: Transaction): Promise<void> {
  const rows = (await tx.table('events').toArray()) as unknown[];
  const clean: UsageEvent[] = [];
  for (const row of rows) {
    const e = sanitizeEvent(row, { trusted: true, now: Number.MAX_SAFE_INTEGER });
    if (e) clean.push(e);
  }
  clean.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
  const state: UsageState = { rollups: new Map(), items: new Map(), rewards: new Set(), totals: emptyTotals() };
  const changes = newChanges();
  for (const e of clean) applyEvent(state, changes, e);
  await tx.table('events').bulkPut(changes.events);
  await tx.table('rollups').bulkPut([...state.rollups.values()]);
  await tx.table('items').bulkPut([...state.items.values()]);
  await tx.table('rewards').bulkPut(changes.rewards);
  await tx.table('meta').put({ key: META_TOTALS, value: state.totals } satisfies MetaRow);
}

/** Reads the running totals row. */
export async function readTotals(db: UsageDb): Promise<Totals> {
  const row = await db.meta.get(META_TOTALS);
  const v = row?.value as Totals | undefined;
  return v ? { points: v.points ?? 0, counts: { ...(v.counts ?? {}) }, visits: { ...(v.visits ?? {}) } } : emptyTotals();
}

let shared: UsageDb | undefined;

/** The background's database instance (created on first use). */
export function usageDb(): UsageDb {
  shared ??= new UsageDb();
  return shared;
}

/** From this many keys of one pack on, readItemStates reads the pack's range rather than each key. */
const RANGE_READ_FROM = 4;

/** The stored states of every item of the packs `packIds`: one range read per pack. */
function readPackItemStates(db: UsageDb, packIds: readonly string[]): Promise<ItemState[][]> {
  // A pack's keys `<packId>/<itemId>` sort between `<packId>/` and `<packId>0` ('0' follows '/').
  return Promise.all(packIds.map((id) => db.items.where('key').between(`${id}/`, `${id}0`, true, false).toArray()));
}

/**
 * The stored states of `keys` (`<packId>/<itemId>`, packs/refs.ts). A pack asked for many of its
 * items has its whole range read at once (readPackItemStates), a pack asked for a few has them
 * read one by one: each read is a request to the database, and a navigation asks for every item
 * of the enabled packs (getRecordState; one read per key was most of the service worker's work
 * per navigation, bench/tools/sw-prof.mjs), while an event names one or two.
 */
export async function readItemStates(db: UsageDb, keys: readonly string[]): Promise<Map<string, ItemState>> {
  const wanted = new Set(keys);
  const byPack = new Map<string, string[]>();
  for (const k of wanted) {
    const id = k.slice(0, Math.max(0, k.indexOf('/')));
    const list = byPack.get(id);
    if (list) list.push(k);
    else byPack.set(id, [k]);
  }
  const many: string[] = [];
  const few: string[] = [];
  for (const [id, list] of byPack) {
    if (id && list.length >= RANGE_READ_FROM) many.push(id);
    else few.push(...list);
  }
  const [ranges, single] = await Promise.all([readPackItemStates(db, many), db.items.bulkGet(few)]);
  const out = new Map<string, ItemState>();
  for (const r of [...ranges.flat(), ...single]) if (r && wanted.has(r.key)) out.set(r.key, r);
  return out;
}
