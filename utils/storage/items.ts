/**
 * Every key the extension keeps in storage.local, declared once with its type, its version and
 * how it is checked when read back (docs/architecture.md, "Stored data"). Code reads and writes
 * these keys through the items here, never with raw `browser.storage.local` calls. Only the
 * background and the extension's own pages use them: storage.local is closed to content scripts
 * (entrypoints/background.ts). No storage.session or storage.sync key is used.
 *
 * A new shape for a key: raise its version and add `migrations[version]` turning the previous
 * shape into the new one, with a stored example of the previous shape in
 * tests/fixtures/storage/ and its test in tests/unit/storage/.
 */
import type { PackMessage } from '../packs/messages';
import type { InstalledPack, PackSource } from '../packs/types';
import type { TourProgress } from '../coach/tour';
import type { Policy, Settings } from '../settings';
import { DEFAULT_SETTINGS } from '../settings';
import { parseStoredPolicy, parseStoredSettings } from './settings-values';
import { defineStoredItem, type Parsed } from './stored-item';

const isRecord = (raw: unknown): raw is Record<string, unknown> => !!raw && typeof raw === 'object' && !Array.isArray(raw);
const kind = (raw: unknown) => (raw === null ? 'null' : Array.isArray(raw) ? 'a list' : typeof raw);
const notA = (what: string, raw: unknown): Parsed<never> => ({ ok: false, reason: `expected ${what}, found ${kind(raw)}` });

/* ---------------------------------------------------------------- settings and policy */

/** The user's settings (role, start date, language, paused sites, launcher positions). */
export const settingsItem = /* @__PURE__ */ defineStoredItem<Settings>({
  key: 'settings',
  version: 1,
  fallback: () => ({ ...DEFAULT_SETTINGS, pausedSites: [], launcher: {} }),
  parse: parseStoredSettings,
});

/** The last enterprise policy read (storage.managed), for a fast first answer (utils/settings-store.ts); null: none kept. */
export const policyCacheItem = /* @__PURE__ */ defineStoredItem<Policy | null>({
  key: 'policyCache',
  version: 1,
  fallback: () => null,
  parse: parseStoredPolicy,
});

/* ---------------------------------------------------------------- packs */

export const PACK_SOURCES = ['builtin', 'user-file', 'user-url', 'policy', 'draft'] as const satisfies readonly PackSource[];

/**
 * A stored pack entry as read back: the store's own fields are checked here, the pack itself is
 * `unknown` until utils/packs/store.ts has validated it again (docs/architecture.md: packs are
 * validated when read), so a pack that no longer validates is never used.
 */
export type StoredPackEntry = Omit<InstalledPack, 'pack'> & { pack: unknown };

const OPTIONAL_STRINGS = ['url', 'etag', 'lastModified', 'lastError'] as const;

/** One entry's own fields; null when it cannot be an entry (then it is left out, and named). */
export function parsePackEntry(raw: unknown): StoredPackEntry | null {
  if (!isRecord(raw) || !isRecord(raw.pack)) return null;
  if (!(PACK_SOURCES as readonly unknown[]).includes(raw.source) || typeof raw.enabled !== 'boolean') return null;
  const entry: StoredPackEntry = {
    pack: raw.pack,
    source: raw.source as PackSource,
    enabled: raw.enabled,
    installedAt: typeof raw.installedAt === 'number' && Number.isFinite(raw.installedAt) ? raw.installedAt : 0,
  };
  for (const name of OPTIONAL_STRINGS) if (typeof raw[name] === 'string') entry[name] = raw[name];
  if (typeof raw.lastRefreshAt === 'number' && Number.isFinite(raw.lastRefreshAt)) entry.lastRefreshAt = raw.lastRefreshAt;
  // Its shape is checked where it is shown (components/options/pack-problems.ts).
  if (isRecord(raw.lastProblem)) entry.lastProblem = raw.lastProblem as unknown as PackMessage;
  return entry;
}

/** Installed packs by pack id. Entries stored before `lastProblem` existed (pack errors as text only) read as they are. */
export const packsItem = /* @__PURE__ */ defineStoredItem<Record<string, StoredPackEntry>>({
  key: 'packs',
  version: 1,
  fallback: () => ({}),
  parse(raw) {
    if (!isRecord(raw)) return notA('an object of packs by id', raw);
    const value: Record<string, StoredPackEntry> = {};
    const dropped: string[] = [];
    for (const [id, stored] of Object.entries(raw)) {
      const entry = parsePackEntry(stored);
      if (entry) value[id] = entry;
      else dropped.push(`pack "${id}": not a stored pack entry, left out`);
    }
    return { ok: true, value, dropped };
  },
});

const stringList = (raw: unknown): Parsed<string[]> => {
  if (!Array.isArray(raw)) return notA('a list of ids', raw);
  const value = [...new Set(raw.filter((x): x is string => typeof x === 'string'))];
  return { ok: true, value, dropped: value.length < raw.length ? [`${raw.length - value.length} entries that are not ids or repeat one, left out`] : [] };
};

/** Built-in pack ids the user removed: not reinstalled on update. */
export const removedBuiltinsItem = /* @__PURE__ */ defineStoredItem<string[]>({
  key: 'packsRemovedBuiltins',
  version: 1,
  fallback: () => [],
  parse: stringList,
});

/** Extension version whose built-in packs were installed last; null: never. */
export const builtinsVersionItem = /* @__PURE__ */ defineStoredItem<string | null>({
  key: 'packsBuiltinVersion',
  version: 1,
  fallback: () => null,
  parse: (raw) => (typeof raw === 'string' ? { ok: true, value: raw } : notA('a version string', raw)),
});

/** Last error of policy pack URLs not installed yet, by URL (as shown). */
export const policyErrorsItem = /* @__PURE__ */ defineStoredItem<Record<string, string>>({
  key: 'packsPolicyErrors',
  version: 1,
  fallback: () => ({}),
  parse(raw) {
    if (!isRecord(raw)) return notA('an object of errors by URL', raw);
    const value = Object.fromEntries(Object.entries(raw).filter(([, error]) => typeof error === 'string')) as Record<string, string>;
    const left = Object.keys(raw).length - Object.keys(value).length;
    return { ok: true, value, dropped: left > 0 ? [`${left} errors that are not text, left out`] : [] };
  },
});

/* ---------------------------------------------------------------- coach and usage */

const MAX_TOURS = 500;
const TOUR_KEY = /^[a-z0-9-]{1,64}\/[a-z0-9._-]{1,64}$/;

/** Keys `<packId>/<tourId>`, steps small whole numbers: anything else is dropped. */
export function cleanTourProgress(raw: unknown): TourProgress {
  const out: TourProgress = {};
  if (!isRecord(raw)) return out;
  for (const [key, step] of Object.entries(raw).slice(0, MAX_TOURS)) {
    if (TOUR_KEY.test(key) && Number.isInteger(step) && (step as number) > 0 && (step as number) <= 1000) out[key] = step as number;
  }
  return out;
}

/** Guided tours' resume points (TourProgress, utils/coach/tour.ts). */
export const tourProgressItem = /* @__PURE__ */ defineStoredItem<TourProgress>({
  key: 'coach:tourProgress',
  version: 1,
  fallback: () => ({}),
  parse(raw) {
    if (!isRecord(raw)) return notA('an object of steps by tour', raw);
    const value = cleanTourProgress(raw);
    const left = Object.keys(raw).length - Object.keys(value).length;
    return { ok: true, value, dropped: left > 0 ? [`${left} resume points that are not a tour and a step, left out`] : [] };
  },
});

/** The local salt for record hashes (utils/usage/service.ts); null: none yet (one is made on first use). */
export const saltItem = /* @__PURE__ */ defineStoredItem<string | null>({
  key: 'salt',
  version: 1,
  fallback: () => null,
  parse: (raw) => (typeof raw === 'string' && raw.length >= 8 ? { ok: true, value: raw } : notA('a salt of 8 characters or more', raw)),
});

/**
 * Events an outbox kept until the background acknowledged them, one key per event
 * (`outbox:<eventId>`, a UsageEvent). Content scripts no longer write them (storage.local is
 * closed to them; their outbox is in memory): the background still ingests and removes any that
 * earlier versions left (utils/usage/service.ts, drainOutbox), each event checked like any
 * other (utils/usage/sanitize.ts).
 */
export const OUTBOX_PREFIX = 'outbox:';

/** Every storage.local item, for tests and docs: each key once. */
export const STORED_ITEMS = [settingsItem, policyCacheItem, packsItem, removedBuiltinsItem, builtinsVersionItem, policyErrorsItem, tourProgressItem, saltItem] as const;
