import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readTotals, type UsageDb } from '@/utils/usage/db';
import { createOutbox, readOutboxStorage, type Outbox, type OutboxSend } from '@/utils/usage/outbox';
import { OUTBOX_PREFIX } from '@/utils/storage/items';
import type { UsageEvent } from '@/utils/usage/types';
import { freshDb, memoryStorage, NOW, service } from './helpers';

let db: UsageDb | undefined;
let box: Outbox | undefined;
afterEach(() => {
  box?.dispose();
  db?.close();
  vi.useRealTimers();
});

/** A background that can be "stopped": while down, every send rejects as a dead port does. */
function worker(database: UsageDb) {
  const svc = service(database);
  const state = { up: true, sends: 0, sentIds: [] as string[] };
  const send: OutboxSend = async (events) => {
    state.sends += 1;
    state.sentIds.push(...events.map((e) => e.id));
    if (!state.up) throw new Error('Could not establish connection. Receiving end does not exist.');
    return svc.recordEvents(events);
  };
  return { state, send, svc };
}

const view = (i: number) => ({ kind: 'page.view' as const, crm: 'salesforce', object: 'Opportunity', at: NOW - 1000 + i });

describe('createOutbox', () => {
  it('assigns ids and times, sends, and clears what was acknowledged', async () => {
    const storage = memoryStorage();
    const sent: UsageEvent[][] = [];
    box = createOutbox({ storage, send: async (events) => (sent.push(events), { acked: events.map((e) => e.id) }) });
    box.record({ kind: 'tip.shown', packId: 'starter', itemId: 'tip-a' });
    box.record({ kind: 'page.view', id: 'fixed-id', at: 42 });
    await box.flush();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toHaveLength(2);
    expect(sent[0][0].id).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent[0][0].at).toBeGreaterThan(0);
    expect(sent[0][1]).toMatchObject({ id: 'fixed-id', at: 42 });
    expect(box.pendingIds()).toEqual([]);
    expect([...storage.data.keys()].filter((k) => k.startsWith(OUTBOX_PREFIX))).toEqual([]);
  });

  it('persists pending events in storage.local under outbox:<id> until acknowledged', async () => {
    const storage = memoryStorage();
    box = createOutbox({ storage, send: () => Promise.reject(new Error('down')), maxAttempts: 0 });
    box.record({ kind: 'tip.shown', id: 'abc-1', at: 5 });
    await box.flush();
    expect(storage.data.get(`${OUTBOX_PREFIX}abc-1`)).toEqual({ kind: 'tip.shown', id: 'abc-1', at: 5 });
    expect(box.pendingIds()).toEqual(['abc-1']);
  });

  it('uses browser.storage.local by default', async () => {
    box = createOutbox({ send: () => Promise.reject(new Error('down')), maxAttempts: 0 });
    box.record({ kind: 'page.view', id: 'def-1', at: 7 });
    await box.flush();
    const got = await fakeBrowser.storage.local.get(`${OUTBOX_PREFIX}def-1`);
    expect(got[`${OUTBOX_PREFIX}def-1`]).toMatchObject({ id: 'def-1', kind: 'page.view' });
  });

  it('a stopped worker loses nothing and doubles nothing: events are kept and resent on the next trigger', async () => {
    db = freshDb();
    const w = worker(db);
    const storage = memoryStorage();
    box = createOutbox({ storage, send: w.send, maxAttempts: 0 });
    for (let i = 0; i < 5; i++) box.record(view(i));
    await box.flush();
    w.state.up = false; // worker stopped while events flow
    for (let i = 5; i < 12; i++) box.record(view(i));
    await box.flush();
    expect(box.pendingIds()).toHaveLength(7);
    w.state.up = true; // next event wakes it
    box.record(view(12));
    await box.flush();
    expect(box.pendingIds()).toEqual([]);
    expect(await db.events.where('kind').equals('page.view').count()).toBe(13);
    expect((await readTotals(db)).counts['page.view']).toBe(13);
    // Some ids were sent more than once, yet each is stored once.
    expect(w.state.sentIds.length).toBeGreaterThan(13);
    expect([...storage.data.keys()].filter((k) => k.startsWith(OUTBOX_PREFIX))).toEqual([]);
  });

  it('a worker that stored a batch but died before answering: the resend is dropped as a duplicate', async () => {
    db = freshDb();
    const svc = service(db);
    let first = true;
    box = createOutbox({
      storage: memoryStorage(),
      maxAttempts: 0,
      send: async (events) => {
        const res = await svc.recordEvents(events);
        if (first) {
          first = false;
          throw new Error('The message port closed before a response was received.');
        }
        return res;
      },
    });
    for (let i = 0; i < 4; i++) box.record(view(i));
    await box.flush();
    expect(box.pendingIds()).toHaveLength(4);
    await box.flush();
    expect(box.pendingIds()).toEqual([]);
    expect(await db.events.where('kind').equals('page.view').count()).toBe(4);
    expect((await readTotals(db)).counts['page.view']).toBe(4);
  });

  it('retries with a bounded exponential backoff while events are pending, then waits for a trigger', async () => {
    vi.useFakeTimers();
    const send = vi.fn<OutboxSend>(() => Promise.reject(new Error('down')));
    box = createOutbox({ storage: null, send, baseDelayMs: 100, maxDelayMs: 400, maxAttempts: 4 });
    box.record({ kind: 'page.view' });
    await vi.advanceTimersByTimeAsync(0);
    expect(send).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(99);
    expect(send).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1); // 100
    expect(send).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(200); // 200
    expect(send).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(400); // 400 (capped)
    expect(send).toHaveBeenCalledTimes(4);
    await vi.advanceTimersByTimeAsync(400);
    expect(send).toHaveBeenCalledTimes(5);
    await vi.advanceTimersByTimeAsync(10_000); // attempts exhausted: no timer left
    expect(send).toHaveBeenCalledTimes(5);
    expect(vi.getTimerCount()).toBe(0);
    send.mockImplementation(async (events) => ({ acked: events.map((e) => e.id) }));
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(0);
    expect(send).toHaveBeenCalledTimes(6);
    expect(box.pendingIds()).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('leaves no timer behind when nothing is pending', async () => {
    vi.useFakeTimers();
    box = createOutbox({ storage: null, send: async (events) => ({ acked: events.map((e) => e.id) }) });
    box.record({ kind: 'page.view' });
    await vi.advanceTimersByTimeAsync(0);
    expect(box.pendingIds()).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('treats a send that never answers as failed', async () => {
    vi.useFakeTimers();
    const send = vi.fn<OutboxSend>(() => new Promise(() => {}));
    box = createOutbox({ storage: null, send, sendTimeoutMs: 1000, baseDelayMs: 500, maxAttempts: 1 });
    box.record({ kind: 'page.view' });
    await vi.advanceTimersByTimeAsync(1000);
    await vi.advanceTimersByTimeAsync(500);
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('record never throws, even with a broken storage', async () => {
    const send = vi.fn<OutboxSend>(async (events) => ({ acked: events.map((e) => e.id) }));
    box = createOutbox({
      storage: { get: () => Promise.reject(new Error('x')), set: () => Promise.reject(new Error('invalidated')), remove: () => Promise.reject(new Error('x')) },
      send,
    });
    expect(() => box!.record({ kind: 'page.view' })).not.toThrow();
    await box.flush();
    expect(send).toHaveBeenCalledTimes(1);
    expect(box.pendingIds()).toEqual([]);
  });
});

describe('events left in storage by a closed tab', () => {
  it('are found through getKeys when storage has it, without reading other values', async () => {
    const storage = memoryStorage();
    await storage.set({ 'outbox:a1': { id: 'a1' }, packs: { big: true } });
    const get = vi.spyOn(storage, 'get');
    const withKeys = { ...storage, get, getKeys: async () => [...storage.data.keys()] };
    expect(await readOutboxStorage(withKeys)).toEqual({ keys: ['outbox:a1'], events: [{ id: 'a1' }] });
    expect(get).toHaveBeenCalledWith(['outbox:a1']);
  });

  it('are ingested by the background drain, once, and their keys removed', async () => {
    db = freshDb();
    const storage = memoryStorage();
    const svc = service(db, { storage });
    // A tab recorded, persisted, and closed while the worker was down.
    const tab = createOutbox({ storage, send: () => Promise.reject(new Error('down')), maxAttempts: 0 });
    for (let i = 0; i < 3; i++) tab.record(view(i));
    await tab.flush();
    tab.dispose();
    await storage.set({ 'outbox:bogus': { kind: 'not-a-kind', id: 'bogus', at: 1 }, unrelated: 1 });
    expect(await svc.drainOutbox()).toBe(3);
    expect(await db.events.where('kind').equals('page.view').count()).toBe(3);
    expect([...storage.data.keys()]).toEqual(['unrelated']);
    // A second tab that still holds the same events resends them: duplicates, dropped.
    const res = await svc.recordEvents((await db.events.where('kind').equals('page.view').toArray()).map((e) => ({ ...e })));
    expect(res.acked).toHaveLength(3);
    expect(await db.events.where('kind').equals('page.view').count()).toBe(3);
  });
});
