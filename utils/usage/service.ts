/**
 * The usage side of the background worker as plain async functions over injected dependencies
 * (database, pack and settings readers, storage.local), so tests drive it without messaging.
 */
import { coachStrings } from '../i18n-bundled';
import { logOnce } from '../log';
import type { CoachState, RecordState } from '../messaging';
import { hash53 } from '../crm/hash';
import type { Pack } from '../packs/types';
import { markdownBodies } from '../packs/markdown';
import type { EffectiveSettings } from '../settings';
import type { UsageDb } from './db';
import { ingestEvents } from './ingest';
import { packMilestones, type PackMilestone } from './milestones';
import { readOutboxStorage, type OutboxStorage } from './outbox';
import { OUTBOX_PREFIX, saltItem } from '../storage/items';
import { requestPersistentStorage } from './persist';
import { buildProgressReport, isPaused, itemStatesFor, resolvedFor, summarize } from './query';
import type { ProgressReport } from './report';
import { pruneOldEvents, withQuotaRetry } from './retention';
import { sanitizeBatch } from './sanitize';
import { mayNeedHash, packVocabulary, withKnownVocabulary } from '../event-vocabulary';
import { buildExport, clearUsage, mergeImport, parseExport, rollupsToCsv } from './transfer';
import type { UsageEvent } from './types';

/** Events per ingestion transaction. */
export const INGEST_CHUNK = 500;
const META_PERSIST = 'persistRequested';

export interface UsageDeps {
  db: UsageDb;
  getPacks: () => Promise<Pack[]>;
  getSettings: () => Promise<EffectiveSettings>;
  /** browser.storage.local (saltItem and the outbox keys, utils/storage/items.ts). */
  storage: OutboxStorage;
  now?: () => number;
  /**
   * Subscribes to changes of what getPacks, getSettings and the salt read (the background:
   * storage.onChanged, every area). With it, what every page's state shares is read and hashed
   * once per change instead of on every navigation; without it (tests), on every request.
   */
  onSharedChange?: (listener: () => void) => void;
}

/**
 * Whether a storage change can change what onSharedChange guards: anything but the outbox keys,
 * which every batch of events writes and removes again (a change of those only would drop the
 * kept state on every navigation).
 */
export function isSharedChange(changedKeys: readonly string[]): boolean {
  return changedKeys.some((k) => !k.startsWith(OUTBOX_PREFIX));
}

export type ImportResult = { ok: true; events: number } | { ok: false; error: string };

export interface UsageService {
  recordEvents(events: unknown): Promise<{ acked: string[] }>;
  getCoachState(data: { url: string; recordKey: string | null }): Promise<CoachState>;
  getRecordState(data: { url: string; recordKey: string | null; stamp: string }): Promise<RecordState | null>;
  getProgress(): Promise<ProgressReport>;
  exportData(): Promise<string>;
  exportRollupsCsv(): Promise<string>;
  exportSummary(): Promise<string>;
  importData(data: { json: string }): Promise<ImportResult>;
  deleteData(): Promise<{ ok: true }>;
  /** Ingests events left in storage.local by outboxes (closed tabs, stopped worker). */
  drainOutbox(): Promise<number>;
  /** Deletes raw events past retention; rollups stay. */
  prune(): Promise<number>;
  /** Start-up work: prune, drain the outbox keys, ask for persistent storage. Never rejects. */
  start(): Promise<void>;
  getSalt(): Promise<string>;
}

function randomSalt(): string {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}

export function createUsageService(deps: UsageDeps): UsageService {
  const { db, storage } = deps;
  const now = deps.now ?? (() => Date.now());
  let saltPromise: Promise<string> | null = null;

  async function milestones(): Promise<PackMilestone[]> {
    try {
      const [packs, settings] = await Promise.all([keptPacks(), keptSettings()]);
      return packMilestones(packs, settings.role);
    } catch (err) {
      logOnce('usage: could not read packs for milestones', err);
      return [];
    }
  }

  /** Stores clean events, pack-site labels limited to their vocabulary first (utils/event-vocabulary.ts). */
  async function ingestAll(clean: UsageEvent[]): Promise<string[]> {
    const packs = await keptPacks().catch(() => [] as Pack[]);
    const salt = clean.some(mayNeedHash) ? await getSalt() : '';
    const vocab = packVocabulary(packs);
    const events = clean.map((e) => withKnownVocabulary(e, vocab, salt));
    const ms = await milestones();
    const settled: string[] = [];
    for (let i = 0; i < events.length; i += INGEST_CHUNK) {
      const r = await ingestEvents(db, events.slice(i, i + INGEST_CHUNK), { milestones: ms, now: now() });
      settled.push(...r.stored.map((e) => e.id), ...r.duplicates, ...r.expired);
    }
    return settled;
  }

  async function recordEvents(raw: unknown): Promise<{ acked: string[] }> {
    const { events, rejected } = sanitizeBatch(raw, { now: now() });
    const settled = await ingestAll(events);
    const acked = [...settled, ...rejected];
    // Belt and braces: the sender removes these too, but a tab may close before it does.
    if (acked.length > 0) {
      storage.remove(acked.map((id) => OUTBOX_PREFIX + id)).catch((err) => logOnce('usage: could not clear outbox keys', err));
    }
    return { acked };
  }

  function getSalt(): Promise<string> {
    saltPromise ??= (async () => {
      const existing = await saltItem.get(storage);
      if (existing !== null) return existing;
      const salt = randomSalt();
      await saltItem.set(salt, storage);
      return salt;
    })().catch((err) => {
      saltPromise = null;
      throw err;
    });
    return saltPromise;
  }

  // Each SPA navigation asks for its record's state and sends its events, and reading the packs
  // (validated), the settings and the policy from storage, then hashing them, was most of that
  // work: with a change signal those reads are kept until storage changes (a failed one is not).
  const held: { clear(): void }[] = [];
  const forgetHeld = (): void => held.forEach((h) => h.clear());
  deps.onSharedChange?.(forgetHeld);
  function keptUntilChange<T>(read: () => Promise<T>): () => Promise<T> {
    if (!deps.onSharedChange) return read;
    let kept: Promise<T> | null = null;
    held.push({ clear: () => (kept = null) });
    return () => {
      if (kept) return kept;
      const p = read();
      kept = p;
      p.catch(() => {
        if (kept === p) kept = null;
      });
      return p;
    };
  }

  const keptPacks = keptUntilChange(deps.getPacks);
  const keptSettings = keptUntilChange(deps.getSettings);

  /** What every page's state shares, with its stamp (a hash of it: the UI strings are the build's). */
  const sharedState = keptUntilChange(async () => {
    const [packs, settings, salt] = await Promise.all([keptPacks(), keptSettings(), getSalt()]);
    return { packs, settings, salt, stamp: hash53(JSON.stringify([packs, settings, salt])).toString(36) };
  });

  async function recordPart(data: { url: string; recordKey: string | null }, packs: Pack[], settings: EffectiveSettings) {
    const [items, resolved] = await Promise.all([
      itemStatesFor(db, packs),
      resolvedFor(db, typeof data?.recordKey === 'string' ? data.recordKey : null),
    ]);
    return { items, resolved, paused: isPaused(String(data?.url ?? ''), settings.pausedSites) };
  }

  async function getCoachState(data: { url: string; recordKey: string | null }): Promise<CoachState> {
    const { packs, settings, salt, stamp } = await sharedState();
    return {
      packs,
      settings,
      ...(await recordPart(data, packs, settings)),
      salt,
      strings: coachStrings(),
      bodies: markdownBodies(packs),
      stamp,
    };
  }

  async function getRecordState(data: { url: string; recordKey: string | null; stamp: string }): Promise<RecordState | null> {
    const { packs, settings, stamp } = await sharedState();
    if (typeof data?.stamp !== 'string' || data.stamp !== stamp) return null;
    return { stamp, ...(await recordPart(data, packs, settings)) };
  }

  async function getProgress(): Promise<ProgressReport> {
    return buildProgressReport(db, deps.getPacks(), deps.getSettings(), now());
  }

  async function drainOutbox(): Promise<number> {
    const { keys, events } = await readOutboxStorage(storage);
    if (keys.length === 0) return 0;
    const { events: clean } = sanitizeBatch(events, { now: now() });
    const settled = await ingestAll(clean);
    await storage.remove(keys);
    return settled.length;
  }

  async function prune(): Promise<number> {
    return pruneOldEvents(db, now());
  }

  async function requestPersistenceOnce(): Promise<void> {
    if (await db.meta.get(META_PERSIST)) return;
    if (await requestPersistentStorage()) await db.meta.put({ key: META_PERSIST, value: now() });
  }

  return {
    recordEvents,
    getCoachState,
    getRecordState,
    getProgress,
    getSalt,
    drainOutbox,
    prune,

    async exportData() {
      const salt = await getSalt();
      return JSON.stringify(await buildExport(db, salt, now()));
    },

    async exportRollupsCsv() {
      return rollupsToCsv(await db.rollups.orderBy('day').toArray());
    },

    async exportSummary() {
      return JSON.stringify(summarize(await getProgress()), null, 2);
    },

    async importData(data: { json: string }): Promise<ImportResult> {
      try {
        const parsed = parseExport(String(data?.json ?? ''), now());
        const r = await withQuotaRetry(db, () => mergeImport(db, parsed));
        if (r.wasEmpty && parsed.salt) {
          await saltItem.set(parsed.salt, storage);
          saltPromise = Promise.resolve(parsed.salt);
          forgetHeld();
        }
        return { ok: true, events: r.events };
      } catch (err) {
        return { ok: false, error: err instanceof Error ? err.message : String(err) };
      }
    },

    async deleteData() {
      await clearUsage(db);
      const { keys } = await readOutboxStorage(storage);
      if (keys.length > 0) await storage.remove(keys);
      return { ok: true as const };
    },

    async start() {
      const steps: [string, () => Promise<unknown>][] = [
        ['prune failed', prune],
        ['outbox drain failed', drainOutbox],
        ['persist request failed', requestPersistenceOnce],
      ];
      for (const [what, step] of steps) {
        try {
          await step();
        } catch (err) {
          logOnce(`usage: ${what}`, err);
        }
      }
    },
  };
}
