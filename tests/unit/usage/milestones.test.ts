import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Milestone } from '@/utils/packs/types';
import {
  milestoneItemKeys,
  milestonesNewlyDone,
  milestoneStatus,
  packMilestones,
  type PackMilestone,
} from '@/utils/usage/milestones';
import { refKey } from '@/utils/packs/refs';
import { addToRollup, emptyRollup } from '@/utils/usage/rollup';
import { daysBetween, endOfLocalDay, localDay } from '@/utils/day';
import type { ItemState } from '@/utils/usage/types';
import { PACK } from './helpers';

const m = (id: string, done: Milestone['done'], day?: number): PackMilestone => ({
  packId: 'p1',
  milestone: { id, title: id, done, ...(day !== undefined ? { day } : {}) },
});
const done = (key: string): ItemState => ({ key, shown: 0, dismissed: false, completed: true });

describe('milestonesNewlyDone', () => {
  const list = [
    m('events', { event: 'nudge.resolved', count: 3 }),
    m('snippet', { snippet: 'log-a-call' }),
    m('tour', { tour: 'other-pack/tour-1' }),
    m('visits', { visits: { object: 'Opportunity', count: 2 } }),
  ];

  it('returns nothing when no condition holds', () => {
    expect(milestonesNewlyDone(list, { 'nudge.resolved': 2 }, {}, { Opportunity: 1 }, [])).toEqual([]);
  });

  it('checks event counts, snippets and tours (bare or pack-qualified ids) and visits case-insensitively', () => {
    const got = milestonesNewlyDone(
      list,
      { 'nudge.resolved': 3 },
      { 'p1/log-a-call': done('p1/log-a-call'), 'other-pack/tour-1': done('other-pack/tour-1') },
      { opportunity: 1, OPPORTUNITY: 1 },
      new Set(),
    );
    expect(got.map((x) => x.milestone.id)).toEqual(['events', 'snippet', 'tour', 'visits']);
  });

  it('skips milestones already done and a snippet only shown, not completed', () => {
    const items = { 'p1/log-a-call': { ...done('p1/log-a-call'), completed: false, shown: 4 } };
    expect(milestonesNewlyDone(list, { 'nudge.resolved': 9 }, items, {}, ['p1/events'])).toEqual([]);
  });

  it('lists the item keys it needs', () => {
    expect(milestoneItemKeys(list).sort()).toEqual(
      ['other-pack/tour-1', 'p1/events', 'p1/log-a-call', 'p1/snippet', 'p1/tour', 'p1/visits'].sort(),
    );
    expect(refKey('p1', 'x')).toBe('p1/x');
  });

  it('filters pack milestones by role', () => {
    const pack = { ...PACK, milestones: [{ ...PACK.milestones![0], audience: { roles: ['support'] } }, PACK.milestones![1]] };
    expect(packMilestones([pack], 'sales').map((x) => x.milestone.id)).toEqual(['call']);
    // One audience rule for the coach and the journey (utils/packs/audience.ts): a milestone
    // for some roles is not shown to a user who has not chosen a role.
    expect(packMilestones([pack], null).map((x) => x.milestone.id)).toEqual(['call']);
    expect(packMilestones([{ ...pack, audience: { roles: ['support'] } }], 'sales')).toEqual([]);
  });
});

describe('milestoneStatus', () => {
  const ms = { id: 'x', title: 'x', day: 14, done: { snippet: 's' } } as Milestone;
  it('done wins', () => expect(milestoneStatus(ms, true, 100)).toBe('done'));
  it('late after its day', () => expect(milestoneStatus(ms, false, 15)).toBe('late'));
  it('due on its day and in the week before', () => {
    expect(milestoneStatus(ms, false, 14)).toBe('due');
    expect(milestoneStatus(ms, false, 7)).toBe('due');
  });
  it('upcoming before that', () => expect(milestoneStatus(ms, false, 6)).toBe('upcoming'));
  it('due without a day or a start date', () => {
    expect(milestoneStatus({ ...ms, day: undefined }, false, 50)).toBe('due');
    expect(milestoneStatus(ms, false, null)).toBe('due');
  });
});

describe('rollup and day helpers', () => {
  it('a rollup counts every event once and sums its points (property)', () => {
    const kinds = ['page.view', 'tip.shown', 'nudge.shown', 'nudge.resolved', 'snippet.completed'] as const;
    fc.assert(
      fc.property(fc.array(fc.record({ kind: fc.constantFrom(...kinds), points: fc.nat(100), object: fc.constantFrom('A', 'B') })), (evs) => {
        const r = emptyRollup('2026-01-01');
        evs.forEach((e, i) => addToRollup(r, { id: String(i), at: 1, ...e }));
        const total = Object.values(r.counts).reduce((a, b) => a + (b ?? 0), 0);
        const views = evs.filter((e) => e.kind === 'page.view').length;
        return (
          total === evs.length &&
          r.points === evs.reduce((a, e) => a + e.points, 0) &&
          Object.values(r.visits).reduce((a, b) => a + b, 0) === views
        );
      }),
    );
  });

  it('localDay, endOfLocalDay and daysBetween agree', () => {
    const t = new Date(2026, 2, 8, 10).getTime();
    expect(localDay(t)).toBe('2026-03-08');
    expect(localDay(endOfLocalDay(t))).toBe('2026-03-08');
    expect(localDay(endOfLocalDay(t) + 1)).toBe('2026-03-09');
    expect(daysBetween('2026-03-01', '2026-03-15')).toBe(14);
    expect(daysBetween('2026-03-15', '2026-03-01')).toBe(-14);
    expect(Number.isNaN(daysBetween('bad', '2026-03-01'))).toBe(true);
  });
});
