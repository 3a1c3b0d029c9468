/**
 * Issue 12, "Import my data" trusts the file: a hostile export is refused whole (nothing stored,
 * the reason names the row and the rule) or cleaned exactly as live events are.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { UsageDb } from '@/utils/usage/db';
import { EXPORT_FORMAT, isImportableDay } from '@/utils/usage/transfer';
import { emptyRollup } from '@/utils/usage/rollup';
import { ev, freshDb, noon, NOW, service, dumpDb } from './helpers';

const dbs: UsageDb[] = [];
afterEach(() => {
  for (const d of dbs.splice(0)) d.close();
});

async function seeded() {
  const d = freshDb();
  dbs.push(d);
  const svc = service(d);
  await svc.recordEvents([
    ev('page.view', noon(2026, 3, 10), { crm: 'salesforce', object: 'Opportunity', page: 'record' }),
    ev('snippet.completed', noon(2026, 3, 12), { packId: 'starter', itemId: 'log-a-call', points: 10 }),
  ]);
  const dump = () => dumpDb(d);
  return { d, svc, dump, before: await dump(), progress: await svc.getProgress() };
}

const exportOf = (parts: Record<string, unknown>) => JSON.stringify({ format: EXPORT_FORMAT, ...parts });
const rollup = (extra: Record<string, unknown>) => ({ ...emptyRollup('2026-03-11'), ...extra });

describe('a hostile "Import my data" file', () => {
  it.each([
    ['points that are not finite (1e999 reads as Infinity)', '{"format":"crm-coach/usage-export@1","rollups":[{"day":"2026-03-11","points":1e999}]}', 'rollups[0].points: expected a whole number from 0 to 1000000 (found Infinity)'],
    ['huge counts', exportOf({ rollups: [rollup({ visits: { Opportunity: 1e15 } })] }), 'rollups[0].visits["Opportunity"]: expected a whole number from 0 to 100000'],
    ['negative points', exportOf({ rollups: [rollup({ points: -5 })] }), 'rollups[0].points: expected a whole number'],
    ['text where a count goes', exportOf({ rollups: [rollup({ counts: { 'page.view': '7' } })] }), 'rollups[0].counts["page.view"]: expected a whole number'],
    ['day 0000-00-00', exportOf({ rollups: [rollup({ day: '0000-00-00' })] }), 'rollups[0].day: "0000-00-00" is not a calendar day'],
    ['day 2026-02-30', exportOf({ rollups: [rollup({ day: '2026-02-30' })] }), 'rollups[0].day: "2026-02-30" is not a calendar day'],
    ['a day twice', exportOf({ rollups: [rollup({}), rollup({})] }), 'rollups[1].day: 2026-03-11 appears twice'],
    ['an item shown a trillion times', exportOf({ items: [{ key: 'starter/tip-a', shown: 1e12 }] }), 'items[0].shown: expected a whole number'],
    ['a tour step past any tour', exportOf({ items: [{ key: 'starter/first-opp', tourStep: 9999 }] }), 'items[0].tourStep: expected a whole number from 0 to 50'],
    ['a time in the year 275760', exportOf({ items: [{ key: 'starter/tip-a', lastShownAt: 8.64e15 }] }), 'items[0].lastShownAt: expected a time between 2020 and now'],
  ])('refuses %s, says where, and changes nothing', async (_what, json, reason) => {
    const { svc, dump, before, progress } = await seeded();
    const result = await svc.importData({ json });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(reason);
    expect(await dump()).toEqual(before);
    expect(await svc.getProgress()).toEqual(progress);
  });

  it('cannot corrupt the count maps with names every object has', async () => {
    const { d, svc } = await seeded();
    const json = exportOf({
      rollups: [rollup({ visits: { constructor: 5, toString: 3, __proto__: 2, hasOwnProperty: 1, Account: 2 }, nudgeShown: { valueOf: 1 } })],
      events: [{ id: 'c1', at: noon(2026, 3, 11), kind: 'page.view', object: 'constructor' }],
    });
    expect(await svc.importData({ json })).toEqual({ ok: true, events: 1 });
    const stored = await d.rollups.get('2026-03-11');
    expect(stored?.visits).toEqual({ Account: 2 });
    expect(Object.keys(stored?.nudgeShown ?? {})).toEqual([]);
    expect((await d.events.get('c1'))?.object).toBeUndefined();
    const totals = (await svc.getProgress()).totals as unknown as Record<string, unknown>;
    for (const value of Object.values(JSON.parse(JSON.stringify(totals)) as Record<string, unknown>)) {
      if (typeof value === 'object' && value) for (const n of Object.values(value)) expect(typeof n).toBe('number');
    }
    expect(Number.isFinite((await svc.getProgress()).totals.points)).toBe(true);
  });

  it('drops labels holding e-mail addresses, as it does for live events', async () => {
    const { d, svc } = await seeded();
    const json = exportOf({
      rollups: [rollup({ visits: { 'jane@example.com': 4, Account: 1 }, emptyFields: { 'Contact · Email': 1, 'Contact · bob@example.com': 1 } })],
      events: [{ id: 'm1', at: noon(2026, 3, 11), kind: 'nudge.shown', object: 'Contact', field: 'Mail jane@example.com' }],
    });
    expect(await svc.importData({ json })).toEqual({ ok: true, events: 1 });
    const stored = await d.rollups.get('2026-03-11');
    expect(stored?.visits).toEqual({ Account: 1 });
    expect(stored?.emptyFields).toEqual({ 'Contact · Email': 1 });
    expect(await d.events.get('m1')).toEqual({ id: 'm1', at: noon(2026, 3, 11), kind: 'nudge.shown', object: 'Contact' });
    const live = await svc.recordEvents([{ id: 'live1', at: NOW, kind: 'page.view', object: 'jane@example.com' }]);
    expect(live.acked).toContain('live1');
    expect((await d.events.get('live1'))?.object).toBeUndefined();
  });

  it('honours no trust from the file: forged milestone events bring no points', async () => {
    const { d, svc, progress } = await seeded();
    const events = Array.from({ length: 2000 }, (_, i) => ({
      id: `forged-${i}`,
      at: noon(2026, 3, 11),
      kind: 'milestone.done',
      packId: 'starter',
      itemId: `m${i}`,
      points: 1000,
      trusted: true,
    }));
    expect(await svc.importData({ json: exportOf({ events }) })).toMatchObject({ ok: true });
    expect((await d.events.get('forged-7'))?.points).toBeUndefined();
    expect((await svc.getProgress()).totals.points).toBe(progress.totals.points);
  });

  it('knows real calendar days', () => {
    expect(isImportableDay('2024-02-29', NOW)).toBe(true);
    expect(isImportableDay('2026-02-29', NOW)).toBe(false);
    expect(isImportableDay('2026-13-01', NOW)).toBe(false);
    expect(isImportableDay('2026-03-16', NOW)).toBe(true); // tomorrow, by the clock
    expect(isImportableDay('2026-03-18', NOW)).toBe(false);
  });
});
