/**
 * Durable ingestion in the background: one Dexie transaction per batch writes the new events,
 * their rollups, item state, rewards and totals, then appends the milestones that became done.
 * Duplicates (resends carry the same id) are dropped.
 */
import type { UsageDb } from './db';
import { META_TOTALS, readItemStates, readTotals } from './db';
import { localDay } from '../day';
import {
  applyEvent,
  itemKeyOf,
  newChanges,
  rewardKeyOf,
  type UsageState,
} from './rollup';
import {
  milestoneItemKeys,
  milestoneKey,
  milestonesNewlyDone,
  type PackMilestone,
} from './milestones';
import { retentionCutoff, withQuotaRetry } from './retention';
import type { ItemState, UsageEvent } from './types';

export interface IngestOptions {
  /** Milestones of the enabled packs (for the user's role), evaluated after the batch. */
  milestones?: readonly PackMilestone[];
  now?: number;
}

export interface IngestResult {
  /** Events written, as stored (points adjusted where already earned). */
  stored: UsageEvent[];
  /** Ids seen before (in the database or earlier in the batch). */
  duplicates: string[];
  /** Ids dropped because they are older than the retention window. */
  expired: string[];
  /** milestone.done events appended. */
  milestones: UsageEvent[];
}

const MAX_MILESTONE_ROUNDS = 5;

/**
 * Writes a batch of clean events (see sanitizeBatch). Every input id is settled when this
 * resolves: stored, duplicate or expired. On failure nothing is written and it rejects.
 */
export function ingestEvents(
  db: UsageDb,
  events: readonly UsageEvent[],
  opts: IngestOptions = {},
): Promise<IngestResult> {
  return withQuotaRetry(db, () => ingestOnce(db, events, opts));
}

async function ingestOnce(db: UsageDb, input: readonly UsageEvent[], opts: IngestOptions): Promise<IngestResult> {
  const now = opts.now ?? Date.now();
  const milestones = opts.milestones ?? [];
  const cutoff = retentionCutoff(now);
  return db.transaction('rw', [db.events, db.rollups, db.items, db.rewards, db.meta], async () => {
    const duplicates: string[] = [];
    const expired: string[] = [];
    const batch = new Map<string, UsageEvent>();
    for (const e of input) {
      if (batch.has(e.id)) duplicates.push(e.id);
      else if (e.at < cutoff) expired.push(e.id);
      else batch.set(e.id, e);
    }
    const ids = [...batch.keys()];
    const existing = await db.events.bulkGet(ids);
    const fresh: UsageEvent[] = [];
    ids.forEach((id, i) => (existing[i] ? duplicates.push(id) : fresh.push(batch.get(id) as UsageEvent)));
    fresh.sort((a, b) => a.at - b.at);
    if (fresh.length === 0) return { stored: [], duplicates, expired, milestones: [] };

    // Load exactly the aggregates this batch touches.
    const days = [...new Set(fresh.map((e) => localDay(e.at)).concat(localDay(now)))];
    const itemKeys = [
      ...new Set([...fresh.map(itemKeyOf).filter((k): k is string => !!k), ...milestoneItemKeys(milestones)]),
    ];
    const rewardKeys = [...new Set(fresh.map(rewardKeyOf).filter((k): k is string => !!k))];
    const [rollups, items, rewards, totals] = await Promise.all([
      db.rollups.bulkGet(days),
      readItemStates(db, itemKeys),
      db.rewards.bulkGet(rewardKeys),
      readTotals(db),
    ]);
    const state: UsageState = {
      rollups: new Map(rollups.filter((r) => !!r).map((r) => [r.day, r])),
      items,
      rewards: new Set(rewards.filter((r) => !!r).map((r) => r.key)),
      totals,
    };
    const changes = newChanges();
    for (const e of fresh) applyEvent(state, changes, e);

    const done: UsageEvent[] = [];
    for (let round = 0; round < MAX_MILESTONE_ROUNDS && milestones.length > 0; round++) {
      const itemStates: Record<string, ItemState> = Object.fromEntries(state.items);
      const alreadyDone = new Set(milestones.map(milestoneKey).filter((k) => state.items.get(k)?.completed));
      const newly = milestonesNewlyDone(milestones, state.totals.counts, itemStates, state.totals.visits, alreadyDone);
      if (newly.length === 0) break;
      for (const m of newly) {
        const key = milestoneKey(m);
        const e: UsageEvent = {
          id: `milestone:${key}:${now}`,
          at: now,
          kind: 'milestone.done',
          packId: m.packId,
          itemId: m.milestone.id,
          points: m.milestone.points ?? 0,
        };
        done.push(applyEvent(state, changes, e));
      }
    }

    await db.events.bulkAdd(changes.events);
    await db.rollups.bulkPut([...changes.days].map((d) => state.rollups.get(d)).filter((r) => !!r));
    await db.items.bulkPut([...changes.items].map((k) => state.items.get(k)).filter((s) => !!s));
    if (changes.rewards.length > 0) await db.rewards.bulkPut(changes.rewards);
    await db.meta.put({ key: META_TOTALS, value: state.totals });
    return { stored: changes.events.slice(0, fresh.length), duplicates, expired, milestones: done };
  });
}
