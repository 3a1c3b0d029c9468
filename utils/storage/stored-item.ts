/**
 * One value in extension storage with its type and its version (docs/architecture.md, "Stored
 * data"). Every key is declared once, in utils/storage/items.ts, with this.
 *
 * The version is kept beside the value, under `<key>$` as `{ v: n }`: the layout of WXT's
 * `storage.defineItem`, so either can read the other's versions. A value stored without it was
 * written before versions existed and is version 1.
 *
 * Reading never writes, and throws only when the storage itself cannot be read. An older value goes through the item's migrations one
 * version at a time, then `parse` checks it: what cannot be used (a migration that throws, a value
 * that does not parse) reads as the item's fallback, and parts a parse leaves out are named; each
 * reason is logged once. Nothing else in storage is touched. The next write stores the value in
 * the current shape with the current version.
 */
import { browser } from 'wxt/browser';
import { logOnce } from '../log';

/** The part of a storage area (storage.local) the items use; tests pass their own. */
export interface StorageArea {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/** What a parse makes of a stored value: the value, with the parts it left out and why; or why none of it can be used. */
export type Parsed<T> = { ok: true; value: T; dropped?: string[] } | { ok: false; reason: string };

export interface StoredItemSpec<T> {
  key: string;
  /** The shape this code writes; starts at 1 and goes up by one with each migration. */
  version: number;
  /** What a missing or unusable value reads as (a new object on each call). */
  fallback: () => T;
  /** `migrations[n]` turns a version n-1 value into version n (pure; may throw). */
  migrations?: Readonly<Record<number, (previous: unknown) => unknown>>;
  /** Checks a value of the current version read back from storage. */
  parse: (raw: unknown) => Parsed<T>;
}

/** A stored value read back: what to use, and why parts of it (or all of it) were not used. */
export interface Decoded<T> {
  value: T;
  problems: string[];
}

export interface StoredItem<T> {
  readonly key: string;
  /** Where the version is kept. */
  readonly metaKey: string;
  readonly version: number;
  /** The value in the current shape (see decode); rejects only when the storage cannot be read. */
  get(area?: StorageArea): Promise<T>;
  set(value: T, area?: StorageArea): Promise<void>;
  remove(area?: StorageArea): Promise<void>;
  /** Whether any value is stored under the key (usable or not); false when storage cannot be read. */
  has(area?: StorageArea): Promise<boolean>;
  /** The pure part of get: a stored value and its stored meta to the value used (tests read fixtures with it). */
  decode(raw: unknown, meta: unknown): Decoded<T>;
}

const localArea = (): StorageArea => browser.storage.local as unknown as StorageArea;

/** The version a meta value names; 1 when there is none (stored before versions existed). */
export function storedVersion(meta: unknown): number | null {
  if (meta === undefined || meta === null) return 1;
  const v = (meta as { v?: unknown }).v;
  if (v === undefined) return 1;
  return Number.isInteger(v) && (v as number) >= 1 ? (v as number) : null;
}

export function defineStoredItem<T>(spec: StoredItemSpec<T>): StoredItem<T> {
  const { key, version, fallback, migrations = {}, parse } = spec;
  const metaKey = `${key}$`;
  if (!Number.isInteger(version) || version < 1) throw new Error(`storage item "${key}": version must be a whole number from 1`);
  for (let v = 2; v <= version; v++) {
    if (typeof migrations[v] !== 'function') throw new Error(`storage item "${key}": no migration to version ${v}`);
  }

  function decode(raw: unknown, meta: unknown): Decoded<T> {
    if (raw === undefined || raw === null) return { value: fallback(), problems: [] };
    const from = storedVersion(meta);
    if (from === null) return { value: fallback(), problems: [`its version (${JSON.stringify(meta)}) is not a version: default used`] };
    const problems: string[] = [];
    let value: unknown = raw;
    if (from > version) {
      // Written by a newer version of the extension (then downgraded): used if it still parses.
      problems.push(`stored by a newer version (${from}, this one writes ${version}): read as version ${version}`);
    }
    for (let v = from + 1; v <= version; v++) {
      try {
        value = migrations[v](value);
      } catch (err) {
        return { value: fallback(), problems: [`migration to version ${v} failed (${err instanceof Error ? err.message : String(err)}): default used`] };
      }
    }
    let parsed: Parsed<T>;
    try {
      parsed = parse(value);
    } catch (err) {
      parsed = { ok: false, reason: err instanceof Error ? err.message : String(err) };
    }
    if (!parsed.ok) return { value: fallback(), problems: [...problems, `${parsed.reason}: default used`] };
    return { value: parsed.value, problems: [...problems, ...(parsed.dropped ?? [])] };
  }

  return {
    key,
    metaKey,
    version,
    decode,
    async get(area = localArea()) {
      // A storage that cannot be read rejects (as the browser's does): a default here would be
      // written back over the real value by the next read-change-write.
      const got = await area.get([key, metaKey]);
      const { value, problems } = decode(got?.[key], got?.[metaKey]);
      for (const problem of problems) logOnce(`storage: "${key}" ${problem}`, '');
      return value;
    },
    async set(value, area = localArea()) {
      await area.set({ [key]: value, [metaKey]: { v: version } });
    },
    async has(area = localArea()) {
      try {
        const got = await area.get(key);
        return got?.[key] !== undefined && got?.[key] !== null;
      } catch {
        return false;
      }
    },
    async remove(area = localArea()) {
      await area.remove([key, metaKey]);
    },
  };
}
