import type { Pack } from '@/utils/packs/types';
import { applyPolicy, DEFAULT_SETTINGS, type EffectiveSettings, type Settings } from '@/utils/settings';
import { UsageDb } from '@/utils/usage/db';
import type { OutboxStorage } from '@/utils/usage/outbox';
import { createUsageService, type UsageService } from '@/utils/usage/service';
import type { UsageEvent } from '@/utils/usage/types';

let n = 0;

/** A fresh database with a unique name. */
export function freshDb(): UsageDb {
  n += 1;
  return new UsageDb(`test-usage-${n}-${Math.random().toString(36).slice(2)}`);
}

/** Local noon of a date, so a day never straddles midnight in any time zone. */
/** Every row of every table, in a stable order: to compare the whole database before and after. */
export async function dumpDb(d: UsageDb) {
  return {
    events: await d.events.orderBy('id').toArray(),
    rollups: await d.rollups.toArray(),
    items: await d.items.toArray(),
    rewards: await d.rewards.toArray(),
    meta: await d.meta.toArray(),
  };
}

export function noon(y: number, m: number, d: number, minutes = 0): number {
  return new Date(y, m - 1, d, 12, minutes).getTime();
}

let seq = 0;
export function ev(kind: UsageEvent['kind'], at: number, extra: Partial<UsageEvent> = {}): UsageEvent {
  seq += 1;
  return { id: `e-${seq}-${Math.random().toString(36).slice(2, 8)}`, at, kind, ...extra };
}

export const NOW = noon(2026, 3, 15);

export const PACK: Pack = {
  format: 'crm-coach/pack@1',
  id: 'starter',
  version: '1.0.0',
  title: 'Starter',
  tips: [{ id: 'tip-a', target: { page: true }, title: 'A' }],
  nudges: [{ id: 'opp', fields: ['Amount', 'Next Step'], message: 'Fill them', points: 5 }],
  snippets: [
    { id: 'log-a-call', title: 'Log a call', day: 3, points: 10 },
    { id: 'other', title: 'Other', day: 10 },
  ],
  tours: [{ id: 'first-opp', title: 'First', steps: [{ target: { page: true }, body: 'x' }], points: 20 }],
  milestones: [
    { id: 'fill-2', title: 'Fill 2 fields', day: 7, done: { event: 'nudge.resolved', count: 2 }, points: 50 },
    { id: 'call', title: 'Learn calls', day: 3, done: { snippet: 'log-a-call' }, points: 15 },
    { id: 'visits', title: 'Visit 3 opportunities', day: 30, done: { visits: { object: 'opportunity', count: 3 } }, points: 30 },
    { id: 'late-one', title: 'Tour', day: 1, done: { tour: 'first-opp' } },
  ],
};

export function settings(patch: Partial<Settings> = {}): EffectiveSettings {
  return applyPolicy({ ...DEFAULT_SETTINGS, ...patch }, {});
}

/** storage.local stand-in backed by a Map (the fake browser works too; this one can fail). */
export function memoryStorage(): OutboxStorage & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  const keysOf = (k: string | string[]) => (Array.isArray(k) ? k : [k]);
  return {
    data,
    async get(keys) {
      if (keys === null || keys === undefined) return Object.fromEntries(data);
      return Object.fromEntries(keysOf(keys).filter((k) => data.has(k)).map((k) => [k, structuredClone(data.get(k))]));
    },
    async set(items) {
      for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v));
    },
    async remove(keys) {
      for (const k of keysOf(keys)) data.delete(k);
    },
  };
}

export function service(
  db: UsageDb,
  opts: { packs?: Pack[]; settings?: EffectiveSettings; storage?: OutboxStorage; now?: () => number } = {},
): UsageService {
  return createUsageService({
    db,
    getPacks: async () => opts.packs ?? [PACK],
    getSettings: async () => opts.settings ?? settings({ startDate: '2026-03-01', role: 'sales' }),
    storage: opts.storage ?? memoryStorage(),
    now: opts.now ?? (() => NOW),
  });
}
