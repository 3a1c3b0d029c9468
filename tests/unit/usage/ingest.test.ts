import { afterEach, describe, expect, it, vi } from 'vitest';
import Dexie from 'dexie';
import { readTotals, type UsageDb } from '@/utils/usage/db';
import { localDay } from '@/utils/day';
import { ingestEvents } from '@/utils/usage/ingest';
import { packMilestones } from '@/utils/usage/milestones';
import { pruneOldEvents, RETENTION_DAYS } from '@/utils/usage/retention';
import { ev, freshDb, noon, NOW, PACK } from './helpers';

let db: UsageDb;
afterEach(async () => {
  db?.close();
});

describe('ingestEvents', () => {
  it('writes a batch and drops duplicates by id, within the batch and across batches', async () => {
    db = freshDb();
    const a = ev('page.view', noon(2026, 3, 14), { crm: 'salesforce', object: 'Opportunity' });
    const b = ev('tip.shown', noon(2026, 3, 14, 5), { packId: 'starter', itemId: 'tip-a' });
    const r1 = await ingestEvents(db, [a, b, a], { now: NOW });
    expect(r1.stored.map((e) => e.id)).toEqual([a.id, b.id]);
    expect(r1.duplicates).toEqual([a.id]);
    const r2 = await ingestEvents(db, [b, a], { now: NOW });
    expect(r2.stored).toEqual([]);
    expect(r2.duplicates.sort()).toEqual([a.id, b.id].sort());
    expect(await db.events.count()).toBe(2);
    const rollup = await db.rollups.get(localDay(a.at));
    expect(rollup?.counts).toEqual({ 'page.view': 1, 'tip.shown': 1 });
  });

  it('keeps daily rollups: counts per kind, points, crms, visits, nudges and empty fields', async () => {
    db = freshDb();
    const d1 = noon(2026, 3, 10);
    const d2 = noon(2026, 3, 11);
    await ingestEvents(
      db,
      [
        ev('page.view', d1, { crm: 'salesforce', object: 'Opportunity', page: 'record' }),
        ev('page.view', d1, { crm: 'salesforce', object: 'Account', page: 'record' }),
        ev('page.view', d1, { crm: 'hubspot', object: 'Deal', page: 'record' }),
        ev('nudge.shown', d1, { packId: 'starter', itemId: 'opp', object: 'Opportunity', field: 'Amount' }),
        ev('nudge.shown', d1, { packId: 'starter', itemId: 'opp', object: 'Opportunity', field: 'Next Step' }),
        ev('nudge.resolved', d1, { packId: 'starter', itemId: 'opp', object: 'Opportunity', field: 'Amount', recordKey: 'rk-00000001', points: 5 }),
        ev('snippet.completed', d2, { packId: 'starter', itemId: 'log-a-call', points: 10 }),
      ],
      { now: NOW },
    );
    const r1 = await db.rollups.get(localDay(d1));
    expect(r1).toEqual({
      day: localDay(d1),
      counts: { 'page.view': 3, 'nudge.shown': 2, 'nudge.resolved': 1 },
      points: 5,
      crms: { salesforce: 2, hubspot: 1 },
      visits: { Opportunity: 1, Account: 1, Deal: 1 },
      nudgeShown: { Opportunity: 2 },
      nudgeResolved: { Opportunity: 1 },
      emptyFields: { 'Opportunity · Amount': 1, 'Opportunity · Next Step': 1 },
    });
    const r2 = await db.rollups.get(localDay(d2));
    expect(r2?.points).toBe(10);
    const totals = await readTotals(db);
    expect(totals.points).toBe(15);
    expect(totals.counts['page.view']).toBe(3);
    expect(totals.visits).toEqual({ Opportunity: 1, Account: 1, Deal: 1 });
  });

  it('keeps item state: shown, dismissed, snoozed until the end of the day, completed', async () => {
    db = freshDb();
    const t = noon(2026, 3, 12);
    await ingestEvents(
      db,
      [
        ev('tip.shown', t, { packId: 'starter', itemId: 'tip-a' }),
        ev('tip.shown', t + 1000, { packId: 'starter', itemId: 'tip-a' }),
        ev('tip.dismissed', t + 2000, { packId: 'starter', itemId: 'tip-a', snooze: true }),
        ev('tip.dismissed', t + 3000, { packId: 'starter', itemId: 'tip-b' }),
        ev('tour.completed', t + 4000, { packId: 'starter', itemId: 'first-opp', points: 20 }),
      ],
      { now: NOW },
    );
    const a = await db.items.get('starter/tip-a');
    expect(a).toMatchObject({ shown: 2, lastShownAt: t + 1000, dismissed: false });
    expect(localDay(a!.snoozedUntil!)).toBe(localDay(t));
    expect(localDay(a!.snoozedUntil! + 1)).not.toBe(localDay(t));
    expect((await db.items.get('starter/tip-b'))?.dismissed).toBe(true);
    expect(await db.items.get('starter/first-opp')).toMatchObject({ completed: true, completedAt: t + 4000 });
  });

  it('awards nudge points once per record, nudge and field', async () => {
    db = freshDb();
    const t = noon(2026, 3, 13);
    const resolved = (recordKey: string, field: string, at = t) =>
      ev('nudge.resolved', at, { packId: 'starter', itemId: 'opp', object: 'Opportunity', field, recordKey, points: 5 });
    await ingestEvents(db, [resolved('rec-aaaaaaaa', 'Amount'), resolved('rec-aaaaaaaa', 'Amount', t + 1)], { now: NOW });
    // Refilled later, in another batch: nothing more.
    await ingestEvents(db, [resolved('rec-aaaaaaaa', 'Amount', t + 2)], { now: NOW });
    // Another field and another record earn again.
    await ingestEvents(db, [resolved('rec-aaaaaaaa', 'Next Step'), resolved('rec-bbbbbbbb', 'Amount')], { now: NOW });
    const totals = await readTotals(db);
    expect(totals.points).toBe(15);
    expect(totals.counts['nudge.resolved']).toBe(5);
    expect((await db.rewards.toArray()).map((r) => r.key).sort()).toEqual([
      'rec-aaaaaaaa|starter/opp|Amount',
      'rec-aaaaaaaa|starter/opp|Next Step',
      'rec-bbbbbbbb|starter/opp|Amount',
    ]);
    const zeroed = await db.events.filter((e) => e.kind === 'nudge.resolved' && e.points === 0).count();
    expect(zeroed).toBe(2);
  });

  it('awards snippet and tour points only on first completion', async () => {
    db = freshDb();
    const t = noon(2026, 3, 13);
    await ingestEvents(db, [ev('snippet.completed', t, { packId: 'starter', itemId: 'log-a-call', points: 10 })], { now: NOW });
    await ingestEvents(db, [ev('snippet.completed', t + 5, { packId: 'starter', itemId: 'log-a-call', points: 10 })], { now: NOW });
    expect((await readTotals(db)).points).toBe(10);
  });

  it('appends milestone.done events with the milestone points when a milestone is met', async () => {
    db = freshDb();
    const ms = packMilestones([PACK]);
    const t = noon(2026, 3, 13);
    const r1 = await ingestEvents(
      db,
      [ev('nudge.resolved', t, { packId: 'starter', itemId: 'opp', field: 'Amount', recordKey: 'rec-11111111', points: 5 })],
      { now: NOW, milestones: ms },
    );
    expect(r1.milestones).toEqual([]);
    const r2 = await ingestEvents(
      db,
      [
        ev('nudge.resolved', t + 1, { packId: 'starter', itemId: 'opp', field: 'Next Step', recordKey: 'rec-11111111', points: 5 }),
        ev('snippet.completed', t + 2, { packId: 'starter', itemId: 'log-a-call', points: 10 }),
        ...[1, 2, 3].map((i) => ev('page.view', t + 3 + i, { crm: 'salesforce', object: 'Opportunity' })),
      ],
      { now: NOW, milestones: ms },
    );
    expect(r2.milestones.map((e) => `${e.itemId}:${e.points}`).sort()).toEqual(['call:15', 'fill-2:50', 'visits:30']);
    expect(r2.milestones.every((e) => e.kind === 'milestone.done' && e.packId === 'starter')).toBe(true);
    // Done once only.
    const r3 = await ingestEvents(db, [ev('page.view', t + 10, { object: 'Opportunity' })], { now: NOW, milestones: ms });
    expect(r3.milestones).toEqual([]);
    const totals = await readTotals(db);
    expect(totals.counts['milestone.done']).toBe(3);
    expect(totals.points).toBe(5 + 5 + 10 + 50 + 15 + 30);
    expect((await db.items.get('starter/fill-2'))?.completed).toBe(true);
    expect((await db.rollups.get(localDay(NOW)))?.counts['milestone.done']).toBe(3);
  });

  it('drops events older than the retention window (they could not be deduplicated)', async () => {
    db = freshDb();
    const old = ev('page.view', NOW - (RETENTION_DAYS + 1) * 86_400_000);
    const r = await ingestEvents(db, [old], { now: NOW });
    expect(r.expired).toEqual([old.id]);
    expect(await db.events.count()).toBe(0);
  });
});

describe('retention and storage pressure', () => {
  it('prunes raw events older than 180 days and keeps their rollups and totals', async () => {
    db = freshDb();
    const oldAt = noon(2025, 6, 1);
    const newAt = noon(2026, 3, 1);
    // Ingested back then, when they were recent.
    await ingestEvents(db, [ev('page.view', oldAt, { object: 'Opportunity', points: 2 }), ev('tip.shown', oldAt)], { now: oldAt });
    await ingestEvents(db, [ev('page.view', newAt, { object: 'Opportunity' })], { now: newAt });
    const pruned = await pruneOldEvents(db, NOW);
    expect(pruned).toBe(2);
    expect((await db.events.toArray()).map((e) => e.at)).toEqual([newAt]);
    expect(await db.rollups.get(localDay(oldAt))).toMatchObject({ counts: { 'page.view': 1, 'tip.shown': 1 }, points: 2 });
    const totals = await readTotals(db);
    expect(totals.counts['page.view']).toBe(2);
    expect(totals.points).toBe(2);
  });

  it('on QuotaExceededError prunes the oldest raw events, retries, and keeps every rollup', async () => {
    db = freshDb();
    const early = Array.from({ length: 20 }, (_, i) => ev('page.view', noon(2026, 1, 1 + i), { object: 'Account' }));
    await ingestEvents(db, early, { now: NOW });
    const before = await db.rollups.toArray();

    const real = db.events.bulkAdd.bind(db.events);
    let calls = 0;
    const spy = vi.spyOn(db.events, 'bulkAdd').mockImplementation(((...args: Parameters<typeof real>) => {
      calls += 1;
      if (calls === 1) return Dexie.Promise.reject(new DOMException('full', 'QuotaExceededError'));
      return real(...args);
    }) as typeof real);

    const fresh = ev('page.view', noon(2026, 3, 14), { object: 'Account' });
    const r = await ingestEvents(db, [fresh], { now: NOW });
    expect(spy).toHaveBeenCalledTimes(2);
    expect(r.stored.map((e) => e.id)).toEqual([fresh.id]);
    // Oldest raw events went; the new one is stored once; no rollup was lost.
    const left = await db.events.toArray();
    expect(left.length).toBeLessThan(21);
    expect(left.filter((e) => e.id === fresh.id)).toHaveLength(1);
    expect(left.some((e) => e.at === early[0].at)).toBe(false);
    const after = await db.rollups.toArray();
    for (const r0 of before) expect(after.find((x) => x.day === r0.day)).toEqual(r0);
    expect((await readTotals(db)).counts['page.view']).toBe(21);
  });

  it('rethrows when quota errors persist and nothing is left to prune (the sender keeps its events)', async () => {
    db = freshDb();
    vi.spyOn(db.events, 'bulkAdd').mockImplementation((() =>
      Dexie.Promise.reject(new DOMException('full', 'QuotaExceededError'))) as typeof db.events.bulkAdd);
    await expect(ingestEvents(db, [ev('page.view', noon(2026, 3, 14))], { now: NOW })).rejects.toThrow();
    expect(await db.rollups.count()).toBe(0);
  });
});
