import { afterEach, describe, expect, it } from 'vitest';
import type { UsageDb } from '@/utils/usage/db';
import type { Pack } from '@/utils/packs/types';
import { itemStatesFor } from '@/utils/usage/query';
import { readItemStates } from '@/utils/usage/db';
import { freshDb, PACK } from './helpers';

let db: UsageDb | undefined;
afterEach(() => db?.close());

const state = (key: string) => ({ key, shown: 1 });

describe('itemStatesFor', () => {
  it('answers the stored states of the packs’ items only, also beside pack ids that share a prefix', async () => {
    db = freshDb();
    // Keys sort as strings: 'starter-2/…' and 'starter0/…' sit right next to 'starter/…', and
    // 'starter/zzz' is an item the pack no longer has.
    await db.items.bulkPut(
      ['starter/tip-a', 'starter/opp', 'starter/zzz', 'starter-2/tip-a', 'starter0/tip-a', 'startes/tip-a', 'other/tip-a', 'b/x'].map(state) as never,
    );
    const other: Pack = { ...PACK, id: 'b', tips: [{ id: 'x', target: { page: true }, title: 'X' }], nudges: [], snippets: [], tours: [], milestones: [] };
    const got = await itemStatesFor(db, [PACK, other]);
    expect(Object.keys(got).sort()).toEqual(['b/x', 'starter/opp', 'starter/tip-a']);
    expect(got['starter/tip-a'].shown).toBe(1);
    expect(await itemStatesFor(db, [])).toEqual({});
  });
});

describe('readItemStates', () => {
  it('answers the same whether a pack’s keys are read one by one or as a range', async () => {
    db = freshDb();
    const stored = Array.from({ length: 30 }, (_, i) => `p/item-${i}`).concat('p-2/item-1', 'p0/item-1', 'q/item-1');
    await db.items.bulkPut(stored.map(state) as never);
    const few = ['p/item-1', 'p/item-2', 'p/missing', 'q/item-1'];
    expect([...(await readItemStates(db, few)).keys()].sort()).toEqual(['p/item-1', 'p/item-2', 'q/item-1']);
    const many = Array.from({ length: 20 }, (_, i) => `p/item-${i * 2}`).concat('p/missing', 'no-slash');
    const got = await readItemStates(db, many);
    expect([...got.keys()].sort()).toEqual(Array.from({ length: 15 }, (_, i) => `p/item-${i * 2}`).sort());
  });
});
