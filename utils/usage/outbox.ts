/**
 * The sender side of durable ingestion, for content scripts and extension pages.
 *
 * Every recorded event gets an id and is kept until the background acknowledges it: in memory
 * and in browser.storage.local under `outbox:<eventId>` (one key per event, so tabs never
 * overwrite each other's entries). Sends are retried with a bounded exponential backoff using
 * setTimeout only while events are pending, and again on the next record(), flush() or page
 * visibility change. Resends carry the same id, and the background drops duplicates, so a
 * stopped MV3 service worker loses nothing and doubles nothing. Entries left behind by a closed
 * tab are picked up by the background (see drainOutboxStorage).
 */
import { browser } from 'wxt/browser';
import { sendMessage } from '../messaging';
import type { UsageEvent } from './types';
import { logOnce } from '../log';
import { OUTBOX_PREFIX } from '../storage/items';

/** The storage.local subset the outbox uses. */
export interface OutboxStorage {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
  /** Chrome 130+: the keys alone, so draining does not read every value in storage. */
  getKeys?(): Promise<string[]>;
}

export type OutboxSend = (events: UsageEvent[]) => Promise<{ acked: string[] }>;

export interface OutboxOptions {
  /** Where pending events are persisted; default browser.storage.local, null for memory only. */
  storage?: OutboxStorage | null;
  /** Default: sendMessage('recordEvents', events). */
  send?: OutboxSend;
  /** Events per message (default 200). */
  batchSize?: number;
  /** First retry delay (default 1 s), doubling up to maxDelayMs (default 60 s). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Timed retries after a failure before waiting for the next trigger (default 8). */
  maxAttempts?: number;
  /** A send not answered within this time counts as failed (default 15 s). */
  sendTimeoutMs?: number;
}

export type OutboxInput = Omit<UsageEvent, 'id' | 'at'> & Partial<Pick<UsageEvent, 'id' | 'at'>>;

export interface Outbox {
  /** Queues one event. Never throws. */
  record(e: OutboxInput): void;
  /** Persists and sends what is pending; resolves when this attempt ends (never rejects). */
  flush(): Promise<void>;
  /** Ids not yet acknowledged. */
  pendingIds(): string[];
  /** Stops listening for visibility changes and cancels a timed retry. */
  dispose(): void;
}


/**
 * A random UUID v4, also where crypto.randomUUID is missing (pages in insecure contexts, where
 * getRandomValues still works).
 */
export function newEventId(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => (x + 256).toString(16).slice(1)).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function defaultStorage(): OutboxStorage | null {
  try {
    return (browser?.storage?.local as unknown as OutboxStorage | undefined) ?? null;
  } catch {
    return null;
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let t: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    t = setTimeout(() => reject(new Error('outbox: send timed out')), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(t));
}

export function createOutbox(opts: OutboxOptions = {}): Outbox {
  const storage = opts.storage === undefined ? defaultStorage() : opts.storage;
  const send: OutboxSend = opts.send ?? ((events) => sendMessage('recordEvents', events));
  const batchSize = opts.batchSize ?? 200;
  const baseDelay = opts.baseDelayMs ?? 1000;
  const maxDelay = opts.maxDelayMs ?? 60_000;
  const maxAttempts = opts.maxAttempts ?? 8;
  const sendTimeout = opts.sendTimeoutMs ?? 15_000;

  const pending = new Map<string, UsageEvent>();
  let unsaved: UsageEvent[] = [];
  let running: Promise<void> | null = null;
  let again = false;
  let scheduled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;

  function clearTimer(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  }

  function scheduleRetry(): void {
    clearTimer();
    attempt += 1;
    if (attempt > maxAttempts) return; // wait for the next record, flush or visibility change
    const delay = Math.min(maxDelay, baseDelay * 2 ** (attempt - 1));
    timer = setTimeout(() => {
      timer = undefined;
      void flush();
    }, delay);
  }

  async function persist(): Promise<void> {
    const batch = unsaved;
    unsaved = [];
    if (!storage || batch.length === 0) return;
    try {
      await storage.set(Object.fromEntries(batch.map((e) => [OUTBOX_PREFIX + e.id, e])));
    } catch (err) {
      logOnce('outbox: could not persist pending events (kept in memory)', err);
    }
  }

  async function round(): Promise<void> {
    clearTimer();
    await persist();
    if (pending.size === 0) return;
    const batch = [...pending.values()].slice(0, batchSize);
    let acked: string[];
    try {
      const res = await withTimeout(send(batch), sendTimeout);
      acked = Array.isArray(res?.acked) ? res.acked : [];
    } catch (err) {
      logOnce('outbox: send failed; will resend', err);
      scheduleRetry();
      return;
    }
    const done = batch.filter((e) => acked.includes(e.id)).map((e) => e.id);
    for (const id of done) pending.delete(id);
    if (storage && done.length > 0) {
      try {
        await storage.remove(done.map((id) => OUTBOX_PREFIX + id));
      } catch (err) {
        logOnce('outbox: could not clear acknowledged events', err);
      }
    }
    if (pending.size === 0) attempt = 0;
    else if (done.length > 0) again = true;
    else scheduleRetry();
  }

  function flush(): Promise<void> {
    if (running) {
      // Events recorded after this round took its batch go in one more round.
      if (unsaved.length > 0) again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await round();
        } while (again);
      } catch (err) {
        logOnce('outbox: flush failed', err);
      } finally {
        running = null;
      }
    })();
    return running;
  }

  function record(input: OutboxInput): void {
    try {
      const e = { ...input, id: input.id ?? newEventId(), at: input.at ?? Date.now() } as UsageEvent;
      if (pending.has(e.id)) return;
      pending.set(e.id, e);
      unsaved.push(e);
      if (!scheduled) {
        scheduled = true;
        queueMicrotask(() => {
          scheduled = false;
          void flush();
        });
      }
    } catch (err) {
      logOnce('outbox: record failed', err);
    }
  }

  const onVisibility = (): void => {
    if (pending.size > 0) void flush();
  };
  const doc = typeof document !== 'undefined' ? document : undefined;
  doc?.addEventListener('visibilitychange', onVisibility);

  return {
    record,
    flush,
    pendingIds: () => [...pending.keys()],
    dispose() {
      clearTimer();
      doc?.removeEventListener('visibilitychange', onVisibility);
    },
  };
}

/** Pending events left in storage by any outbox (for the background to ingest). */
export async function readOutboxStorage(storage: OutboxStorage): Promise<{ keys: string[]; events: unknown[] }> {
  let listed: string[] | undefined;
  try {
    if (typeof storage.getKeys === 'function') listed = await storage.getKeys();
  } catch {
    listed = undefined; // older browsers and polyfills: read everything below
  }
  if (Array.isArray(listed)) {
    const keys = listed.filter((k) => k.startsWith(OUTBOX_PREFIX));
    if (keys.length === 0) return { keys, events: [] };
    const got = await storage.get(keys);
    const present = keys.filter((k) => k in got);
    return { keys: present, events: present.map((k) => got[k]) };
  }
  const all = await storage.get(null);
  const keys = Object.keys(all).filter((k) => k.startsWith(OUTBOX_PREFIX));
  return { keys, events: keys.map((k) => all[k]) };
}
