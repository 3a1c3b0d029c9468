import { afterEach, describe, expect, it } from 'vitest';
import type { UsageDb } from '@/utils/usage/db';
import { EXPORT_FORMAT, csvCell, rollupsToCsv } from '@/utils/usage/transfer';
import { OUTBOX_PREFIX, saltItem } from '@/utils/storage/items';
import { emptyRollup } from '@/utils/usage/rollup';
import { ev, freshDb, memoryStorage, noon, NOW, service, dumpDb } from './helpers';

const SALT_KEY = saltItem.key;

const dbs: UsageDb[] = [];
function db(): UsageDb {
  const d = freshDb();
  dbs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dbs.splice(0)) d.close();
});

async function seedHistory(svc: ReturnType<typeof service>) {
  const t = noon(2026, 3, 10);
  await svc.recordEvents([
    ev('page.view', t, { crm: 'salesforce', object: 'Opportunity', page: 'record' }),
    ev('page.view', t + 1, { crm: 'salesforce', object: 'Opportunity', page: 'record' }),
    ev('nudge.shown', t + 2, { packId: 'starter', itemId: 'opp', object: 'Opportunity', field: 'Amount' }),
    ev('nudge.resolved', t + 3, { packId: 'starter', itemId: 'opp', object: 'Opportunity', field: 'Amount', recordKey: 'rec-12345678', points: 5 }),
    ev('tip.shown', t + 4, { packId: 'starter', itemId: 'tip-a' }),
    ev('snippet.completed', noon(2026, 3, 12), { packId: 'starter', itemId: 'log-a-call', points: 10 }),
  ]);
}

describe('export, delete, import', () => {
  it('export -> delete -> import restores the same progress report', async () => {
    const storage = memoryStorage();
    const d = db();
    const svc = service(d, { storage });
    await seedHistory(svc);
    const before = await svc.getProgress();
    expect(before.totals.points).toBeGreaterThan(0);
    const json = await svc.exportData();
    expect(JSON.parse(json).format).toBe(EXPORT_FORMAT);

    await storage.set({ [`${OUTBOX_PREFIX}x1`]: { id: 'x1' }, keepMe: 1 });
    expect(await svc.deleteData()).toEqual({ ok: true });
    const empty = await svc.getProgress();
    expect(empty.totals).toEqual({ points: 0, counts: {} });
    expect(empty.days).toEqual([]);
    expect(await d.events.count()).toBe(0);
    expect(storage.data.has(`${OUTBOX_PREFIX}x1`)).toBe(false);
    expect(storage.data.get('keepMe')).toBe(1);

    const res = await svc.importData({ json });
    expect(res).toEqual({ ok: true, events: JSON.parse(json).events.length });
    expect(await svc.getProgress()).toEqual(before);
  });

  it('restores on a new machine, salt included, so rewarded fields stay rewarded', async () => {
    const oldStorage = memoryStorage();
    const oldSvc = service(db(), { storage: oldStorage });
    await seedHistory(oldSvc);
    const json = await oldSvc.exportData();
    const newStorage = memoryStorage();
    const newSvc = service(db(), { storage: newStorage });
    expect(await newSvc.importData({ json })).toMatchObject({ ok: true });
    expect(await newSvc.getProgress()).toEqual(await oldSvc.getProgress());
    expect(newStorage.data.get(SALT_KEY)).toBe(oldStorage.data.get(SALT_KEY));
    const state = await newSvc.getCoachState({ url: 'https://x.lightning.force.com/', recordKey: 'rec-12345678' });
    expect(state.resolved).toEqual(['starter/opp|Amount']);
    expect(state.salt).toBe(oldStorage.data.get(SALT_KEY));
  });

  it('importing twice changes nothing', async () => {
    const src = service(db());
    await seedHistory(src);
    const json = await src.exportData();
    const d = db();
    const svc = service(d);
    // Some local history of its own first.
    await svc.recordEvents([ev('page.view', noon(2026, 3, 14), { crm: 'hubspot', object: 'Deal' })]);
    await svc.importData({ json });
    const once = await svc.getProgress();
    const dump = () => dumpDb(d);
    const first = await dump();
    expect(await svc.importData({ json })).toEqual({ ok: true, events: 0 });
    expect(await dump()).toEqual(first);
    expect(await svc.getProgress()).toEqual(once);
    expect(once.totals.counts['page.view']).toBe(3);
  });

  it('refuses what is not an export, and changes nothing', async () => {
    const d = db();
    const svc = service(d);
    await seedHistory(svc);
    const before = await svc.getProgress();
    expect(await svc.importData({ json: 'not json' })).toEqual({ ok: false, error: 'not JSON' });
    expect(await svc.importData({ json: '{"format":"other"}' })).toMatchObject({ ok: false });
    expect(await svc.importData({ json: JSON.stringify({ format: EXPORT_FORMAT, events: 5 }) })).toEqual({
      ok: false,
      error: 'events: expected an array',
    });
    expect(await svc.getProgress()).toEqual(before);
  });

  it('cleans imported rows: no free text gets in through an import', async () => {
    const d = db();
    const svc = service(d);
    const json = JSON.stringify({
      format: EXPORT_FORMAT,
      events: [
        { id: 'i1', at: noon(2026, 3, 1), kind: 'page.view', object: 'Account', note: 'jane@example.com' },
        { id: 'i2', at: noon(2026, 3, 1), kind: 'made.up' },
      ],
      rollups: [{ day: '2026-03-01', counts: { 'page.view': 1, bogus: 9 }, points: 0, crms: {}, visits: { Account: 1 }, nudgeShown: {}, nudgeResolved: {}, emptyFields: {}, secret: 'x' }],
      items: [{ key: 'not a key', shown: 1 }],
      rewards: [{ key: 'bad key!|starter/opp|Amount', recordKey: 'bad key!', at: 1, points: 1 }],
    });
    expect(await svc.importData({ json })).toEqual({ ok: true, events: 1 });
    expect(await d.events.toArray()).toEqual([{ id: 'i1', at: noon(2026, 3, 1), kind: 'page.view', object: 'Account' }]);
    expect(await d.rollups.get('2026-03-01')).toEqual({ ...emptyRollup('2026-03-01'), counts: { 'page.view': 1 }, visits: { Account: 1 } });
    expect(await d.items.count()).toBe(0);
    expect(await d.rewards.count()).toBe(0);
  });
});

describe('CSV and trainer summary', () => {
  it('exports daily rollups as CSV with one row per day', async () => {
    const d = db();
    const svc = service(d);
    await seedHistory(svc);
    const csv = await svc.exportRollupsCsv();
    const lines = csv.trim().split('\r\n');
    const header = lines[0].split(',');
    expect(header.slice(0, 3)).toEqual(['day', 'points', 'page.view']);
    expect(header).toContain('crm:salesforce');
    expect(header).toContain('visits:Opportunity');
    expect(lines).toHaveLength(1 + (await d.rollups.count()));
    const first = lines[1].split(',');
    expect(first[header.indexOf('page.view')]).toBe('2');
    expect(first[header.indexOf('visits:Opportunity')]).toBe('2');
  });

  it('quotes CSV cells and neutralises formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(-3)).toBe('-3');
    const csv = rollupsToCsv([{ ...emptyRollup('2026-01-01'), visits: { '=cmd': 1 } }]);
    expect(csv.split('\r\n')[0].split(',')).toContain('visits:=cmd');
    expect(rollupsToCsv([{ ...emptyRollup('2026-01-01'), crms: { '+x': 1 } }]).split('\r\n')[0]).toContain('crm:+x');
  });

  it('summary holds role, tenure day, points, milestones and hygiene, and no item-level history', async () => {
    const d = db();
    const svc = service(d);
    await seedHistory(svc);
    const summary = JSON.parse(await svc.exportSummary());
    expect(summary).toMatchObject({
      format: 'crm-coach/progress-summary@1',
      role: 'sales',
      tenureDay: 14,
      points: (await svc.getProgress()).totals.points,
      hygieneScore: 100,
      milestonesTotal: 4,
    });
    expect(summary.milestonesDone.map((m: { milestoneId: string }) => m.milestoneId)).toEqual(['call']);
    const text = JSON.stringify(summary);
    expect(text).not.toContain('rec-12345678');
    expect(text).not.toContain('Amount');
    expect(text).not.toContain('tip-a');
    expect(Object.keys(summary).sort()).toEqual(
      ['format', 'generatedOn', 'hygieneScore', 'milestonesDone', 'milestonesTotal', 'points', 'role', 'tenureDay'].sort(),
    );
  });

  it('deleteData keeps the salt (not usage data) and the database stays usable', async () => {
    const storage = memoryStorage();
    const d = db();
    const svc = service(d, { storage });
    const salt = await svc.getSalt();
    await seedHistory(svc);
    await svc.deleteData();
    expect(storage.data.get(SALT_KEY)).toBe(salt);
    await svc.recordEvents([ev('page.view', NOW)]);
    expect((await svc.getProgress()).totals.counts['page.view']).toBe(1);
  });
});
