/** Retention of raw events and storage pressure. Rollups are never pruned. */
import Dexie from 'dexie';
import type { UsageDb } from './db';
import { DAY_MS } from '../day';

export const RETENTION_DAYS = 180;
export const PRUNE_ALARM = 'usage-prune';

/** Events dated before this are pruned, and not accepted again (they could not be deduplicated). */
export function retentionCutoff(now: number): number {
  return now - RETENTION_DAYS * DAY_MS;
}

/** Deletes raw events older than RETENTION_DAYS. Returns how many were deleted. */
export async function pruneOldEvents(db: UsageDb, now: number = Date.now()): Promise<number> {
  return db.events.where('at').below(retentionCutoff(now)).delete();
}

/** Deletes the oldest raw events: a tenth of them, at least `min`. Returns how many. */
export async function pruneOldestEvents(db: UsageDb, min = 500): Promise<number> {
  const total = await db.events.count();
  const n = Math.min(total, Math.max(min, Math.ceil(total / 10)));
  if (n === 0) return 0;
  const keys = await db.events.orderBy('at').limit(n).primaryKeys();
  await db.events.bulkDelete(keys);
  return keys.length;
}

/** True for a storage quota failure, however IndexedDB or Dexie wrapped it. */
export function isQuotaError(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 5) return false;
  const e = err as { name?: unknown; inner?: unknown; failures?: unknown; cause?: unknown };
  if (err instanceof Dexie.QuotaExceededError || e.name === 'QuotaExceededError') return true;
  if (isQuotaError(e.inner, depth + 1) || isQuotaError(e.cause, depth + 1)) return true;
  if (Array.isArray(e.failures)) return e.failures.some((f) => isQuotaError(f, depth + 1));
  if (e.failures && typeof e.failures === 'object') {
    return Object.values(e.failures).some((f) => isQuotaError(f, depth + 1));
  }
  return false;
}

/**
 * Runs a write; when it fails for lack of space, prunes the oldest raw events and tries again
 * (up to `attempts` times). Other errors, and the last quota error, are rethrown: the caller's
 * sender keeps its events and resends later.
 */
export async function withQuotaRetry<T>(db: UsageDb, write: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await write();
    } catch (err) {
      if (!isQuotaError(err) || i >= attempts) throw err;
      const pruned = await pruneOldestEvents(db);
      if (pruned === 0) throw err;
    }
  }
}
