import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { UsageDb } from '@/utils/usage/db';
import { recordKeyOf } from '@/utils/crm/hash';
import { LIMITS, sanitizeBatch, sanitizeEvent } from '@/utils/usage/sanitize';
import { saltItem } from '@/utils/storage/items';
import type { OutboxStorage } from '@/utils/usage/outbox';
import { createUsageService, isSharedChange } from '@/utils/usage/service';
import { ev, freshDb, memoryStorage, noon, NOW, PACK, service, settings } from './helpers';

const SALT_KEY = saltItem.key;

let db: UsageDb | undefined;
afterEach(() => db?.close());

describe('event validation', () => {
  it('drops unknown keys and keeps the known ones', () => {
    const e = sanitizeEvent(
      { id: 'a1', at: 10, kind: 'nudge.resolved', packId: 'starter', itemId: 'opp', crm: 'salesforce', object: 'Opportunity', page: 'record', points: 5, recordKey: 'abcdef0123', field: 'Amount', value: 'ACME Corp', email: 'a@b.c' },
      { now: NOW },
    );
    expect(e).toEqual({ id: 'a1', at: 10, kind: 'nudge.resolved', packId: 'starter', itemId: 'opp', crm: 'salesforce', object: 'Opportunity', page: 'record', points: 5, recordKey: 'abcdef0123', field: 'Amount' });
  });

  it('rejects unknown kinds, bad ids and times, and milestone.done from senders', () => {
    expect(sanitizeEvent({ id: 'a', at: 1, kind: 'keystroke' })).toBeNull();
    expect(sanitizeEvent({ id: 'has space', at: 1, kind: 'page.view' })).toBeNull();
    expect(sanitizeEvent({ id: 'x'.repeat(101), at: 1, kind: 'page.view' })).toBeNull();
    expect(sanitizeEvent({ id: 'a', at: 'now', kind: 'page.view' })).toBeNull();
    expect(sanitizeEvent({ id: 'a', at: 1, kind: 'milestone.done' })).toBeNull();
    expect(sanitizeEvent({ id: 'a', at: 1, kind: 'milestone.done' }, { trusted: true })).not.toBeNull();
    expect(sanitizeEvent(null)).toBeNull();
    expect(sanitizeEvent(['page.view'])).toBeNull();
  });

  it('caps labels, strips control characters, checks shapes of ids and record keys', () => {
    const e = sanitizeEvent(
      { id: 'a', at: 1, kind: 'nudge.shown', field: `Amount\n${'x'.repeat(500)}`, object: ' Opp\u0000ortunity ', packId: 'Has Caps!', itemId: 'ok.id', recordKey: 'bad key!', page: 'dashboard', points: 1e9, helpful: 'yes' },
      { now: NOW },
    );
    expect(e?.field?.length).toBe(LIMITS.label);
    expect(e?.field?.startsWith('Amount x')).toBe(true);
    expect(e?.object).toBe('Opp ortunity');
    expect(e).not.toHaveProperty('packId');
    expect(e).not.toHaveProperty('recordKey');
    expect(e).not.toHaveProperty('page');
    expect(e).not.toHaveProperty('helpful');
    expect(e?.itemId).toBe('ok.id');
    expect(e?.points).toBe(LIMITS.maxPoints);
  });

  it('accepts the record keys the CRM adapters make', () => {
    const key = recordKeyOf('0065g00000XyZAbAAN', 'salt-1234');
    expect(sanitizeEvent({ id: 'a', at: 1, kind: 'nudge.resolved', recordKey: key })?.recordKey).toBe(key);
  });

  it('clamps times far in the future to now', () => {
    expect(sanitizeEvent({ id: 'a', at: NOW + 10 * 86_400_000, kind: 'page.view' }, { now: NOW })?.at).toBe(NOW);
  });

  it('splits a batch into clean events and rejected ids', () => {
    const r = sanitizeBatch([{ id: 'ok', at: 1, kind: 'page.view' }, { id: 'bad', at: 1, kind: 'nope' }, 'junk'], { now: NOW });
    expect(r.events.map((e) => e.id)).toEqual(['ok']);
    expect(r.rejected).toEqual(['bad']);
    expect(sanitizeBatch({ not: 'an array' }).events).toEqual([]);
  });
});

describe('recordEvents handler', () => {
  it('stores only clean events, and acknowledges rejected ones so senders stop resending', async () => {
    db = freshDb();
    const svc = service(db);
    const res = await svc.recordEvents([
      { id: 'r1', at: noon(2026, 3, 14), kind: 'page.view', crm: 'salesforce', object: 'Account', recordName: 'Jane Doe', values: { Amount: '5000' } },
      { id: 'r2', at: noon(2026, 3, 14), kind: 'typed.text', text: 'CANARY' },
      { id: 'r3', at: noon(2026, 3, 14), kind: 'milestone.done', points: 1000 },
    ]);
    expect(res.acked.sort()).toEqual(['r1', 'r2', 'r3']);
    const stored = await db.events.toArray();
    expect(stored).toEqual([{ id: 'r1', at: noon(2026, 3, 14), kind: 'page.view', crm: 'salesforce', object: 'Account' }]);
    const everything = JSON.stringify({ e: stored, r: await db.rollups.toArray(), i: await db.items.toArray(), m: await db.meta.toArray() });
    expect(everything).not.toMatch(/Jane|5000|CANARY|1000/);
  });

  it('clears the acknowledged outbox keys from storage.local', async () => {
    db = freshDb();
    const storage = memoryStorage();
    const svc = service(db, { storage });
    const e = ev('page.view', noon(2026, 3, 14));
    await storage.set({ [`outbox:${e.id}`]: e });
    await svc.recordEvents([e]);
    await Promise.resolve();
    expect(storage.data.has(`outbox:${e.id}`)).toBe(false);
  });
});

describe('getRecordState', () => {
  it('answers another record\'s part while packs, settings and salt are those of the stamp, null once they changed', async () => {
    db = freshDb();
    const storage = memoryStorage();
    let packs = [PACK];
    let current = settings({ pausedSites: ['paused.example.com'] });
    const svc = createUsageService({ db, getPacks: async () => packs, getSettings: async () => current, storage, now: () => NOW });
    await svc.recordEvents([
      ev('tip.shown', noon(2026, 3, 14), { packId: 'starter', itemId: 'tip-a' }),
      ev('nudge.resolved', noon(2026, 3, 14), { packId: 'starter', itemId: 'opp', field: 'Amount', recordKey: 'rec-aaaaaaaa', points: 5 }),
    ]);
    const full = await svc.getCoachState({ url: 'https://acme.lightning.force.com/x', recordKey: null });
    expect(full.stamp).toMatch(/^[0-9a-z]+$/);
    expect(full.resolved).toEqual([]);

    const part = await svc.getRecordState({ url: 'https://acme.lightning.force.com/y', recordKey: 'rec-aaaaaaaa', stamp: full.stamp! });
    expect(part).toEqual({ stamp: full.stamp, items: full.items, resolved: ['starter/opp|Amount'], paused: false });
    expect((await svc.getRecordState({ url: 'https://paused.example.com/x', recordKey: null, stamp: full.stamp! }))?.paused).toBe(true);
    expect(await svc.getRecordState({ url: 'https://acme.lightning.force.com/y', recordKey: null, stamp: 'other' })).toBeNull();

    // A pack or a setting changed: the held state is out of date, the page must ask for all of it.
    packs = [{ ...PACK, version: '9.9.9' }];
    expect(await svc.getRecordState({ url: 'https://acme.lightning.force.com/y', recordKey: null, stamp: full.stamp! })).toBeNull();
    packs = [PACK];
    current = settings({ pausedSites: [] });
    expect(await svc.getRecordState({ url: 'https://acme.lightning.force.com/y', recordKey: null, stamp: full.stamp! })).toBeNull();
    const again = await svc.getCoachState({ url: 'https://acme.lightning.force.com/x', recordKey: null });
    expect(again.stamp).not.toBe(full.stamp);
    expect(await svc.getRecordState({ url: 'https://acme.lightning.force.com/y', recordKey: null, stamp: again.stamp! })).not.toBeNull();
  });
});

describe('isSharedChange', () => {
  it('is true for any key but the outbox\'s, which every events batch writes and removes', () => {
    expect(isSharedChange(['outbox:e1', 'outbox:e2'])).toBe(false);
    expect(isSharedChange([])).toBe(false);
    expect(isSharedChange(['outbox:e1', 'packs'])).toBe(true);
    expect(isSharedChange([saltItem.key])).toBe(true);
    expect(isSharedChange(['settings$'])).toBe(true);
  });
});

describe('getRecordState with a change signal (the background)', () => {
  it('reads packs and settings once per change, not once per navigation; a failed read is not kept', async () => {
    db = freshDb();
    const storage = memoryStorage();
    let packs = [PACK];
    let reads = 0;
    let fail = false;
    let changed = (): void => {};
    const svc = createUsageService({
      db,
      getPacks: async () => {
        reads++;
        if (fail) throw new Error('storage unreadable');
        return packs;
      },
      getSettings: async () => settings(),
      storage,
      now: () => NOW,
      onSharedChange: (listener) => {
        changed = listener;
      },
    });
    const url = 'https://acme.lightning.force.com/y';
    const full = await svc.getCoachState({ url, recordKey: null });
    for (let i = 0; i < 5; i++) expect(await svc.getRecordState({ url, recordKey: `rec-${i}aaaaaaa`, stamp: full.stamp! })).not.toBeNull();
    expect(reads).toBe(1);

    // Storage changed: read again, and the old stamp no longer answers.
    packs = [{ ...PACK, version: '9.9.9' }];
    changed();
    expect(await svc.getRecordState({ url, recordKey: null, stamp: full.stamp! })).toBeNull();
    expect(reads).toBe(2);

    // A read that fails is asked again on the next request.
    changed();
    fail = true;
    await expect(svc.getRecordState({ url, recordKey: null, stamp: full.stamp! })).rejects.toThrow('storage unreadable');
    fail = false;
    const again = await svc.getCoachState({ url, recordKey: null });
    expect(again.stamp).not.toBe(full.stamp);
    expect(reads).toBe(4);
  });
});

describe('getCoachState', () => {
  it('answers packs, settings, item states of the packs, resolved fields of the record, salt and pause', async () => {
    db = freshDb();
    const storage = memoryStorage();
    const svc = service(db, { storage, settings: settings({ pausedSites: ['paused.example.com'] }) });
    await svc.recordEvents([
      ev('tip.shown', noon(2026, 3, 14), { packId: 'starter', itemId: 'tip-a' }),
      ev('tip.shown', noon(2026, 3, 14), { packId: 'other', itemId: 'tip-z' }),
      ev('nudge.resolved', noon(2026, 3, 14), { packId: 'starter', itemId: 'opp', field: 'Amount', recordKey: 'rec-aaaaaaaa', points: 5 }),
      ev('nudge.resolved', noon(2026, 3, 14), { packId: 'starter', itemId: 'opp', field: 'Next Step', recordKey: 'rec-bbbbbbbb', points: 5 }),
    ]);
    const s = await svc.getCoachState({ url: 'https://acme.lightning.force.com/lightning/r/Opportunity/006/view', recordKey: 'rec-aaaaaaaa' });
    expect(s.packs).toEqual([PACK]);
    expect(s.settings.pausedSites).toEqual(['paused.example.com']);
    // Items of the enabled packs only (other/tip-z is not installed); fill-2 was just reached.
    expect(Object.keys(s.items).sort()).toEqual(['starter/fill-2', 'starter/tip-a']);
    expect(s.items['starter/tip-a'].shown).toBe(1);
    expect(s.resolved).toEqual(['starter/opp|Amount']);
    expect(s.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(s.paused).toBe(false);
    const p = await svc.getCoachState({ url: 'https://paused.example.com/x', recordKey: null });
    expect(p.paused).toBe(true);
    expect(p.resolved).toEqual([]);
    expect(p.salt).toBe(s.salt);
  });

  it('creates the salt once in storage.local, even under concurrent first calls', async () => {
    db = freshDb();
    const storage = fakeBrowser.storage.local as unknown as OutboxStorage;
    const svc = service(db, { storage });
    const [a, b] = await Promise.all([svc.getSalt(), svc.getSalt()]);
    expect(a).toBe(b);
    expect((await fakeBrowser.storage.local.get(SALT_KEY))[SALT_KEY]).toBe(a);
    const again = service(db, { storage });
    expect(await again.getSalt()).toBe(a);
  });
});

describe('getProgress', () => {
  it('answers from rollups, totals and item states, with milestone status by tenure day', async () => {
    db = freshDb();
    const svc = service(db, { now: () => NOW, settings: settings({ startDate: '2026-03-01', role: 'sales' }) });
    await svc.recordEvents([ev('snippet.completed', noon(2026, 3, 5), { packId: 'starter', itemId: 'log-a-call', points: 10 })]);
    const r = await svc.getProgress();
    expect(r.today).toBe('2026-03-15');
    expect(r.packsEnabled).toBe(1);
    expect(r.days.map((d) => d.day)).toEqual(['2026-03-05', '2026-03-15']);
    expect(r.totals).toEqual({ points: 25, counts: { 'snippet.completed': 1, 'milestone.done': 1 } });
    const status = Object.fromEntries(r.milestones.map((m) => [m.milestone.id, m.status]));
    // Day 14: 'call' done; 'fill-2' (day 7) late; 'late-one' (day 1) late; 'visits' (day 30) upcoming.
    expect(status).toEqual({ call: 'done', 'fill-2': 'late', 'late-one': 'late', visits: 'upcoming' });
    expect(r.milestones.find((m) => m.milestone.id === 'call')?.doneAt).toBe(NOW);
    expect(r.snippets.map((s) => [s.snippet.id, s.completed])).toEqual([['log-a-call', true], ['other', false]]);
  });

  it('does not read raw events', async () => {
    db = freshDb();
    const svc = service(db);
    await svc.recordEvents([ev('page.view', noon(2026, 3, 14), { object: 'Account' })]);
    await db.events.clear(); // as if pruned
    const r = await svc.getProgress();
    expect(r.totals.counts['page.view']).toBe(1);
    expect(r.days[0].visits).toEqual({ Account: 1 });
  });

  it('hides milestones and snippets whose audience excludes the role', async () => {
    db = freshDb();
    const pack = { ...PACK, snippets: [{ id: 's1', title: 'S', audience: { roles: ['support'] } }], milestones: [{ ...PACK.milestones![0], audience: { roles: ['support'] } }] };
    const svc = service(db, { packs: [pack], settings: settings({ role: 'sales' }) });
    const r = await svc.getProgress();
    expect(r.milestones).toEqual([]);
    expect(r.snippets).toEqual([]);
  });
});
