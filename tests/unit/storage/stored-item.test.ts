import { fakeBrowser } from 'wxt/testing/fake-browser';
import { describe, expect, it, vi } from 'vitest';
import { defineStoredItem, storedVersion, type Parsed } from '@/utils/storage/stored-item';

/**
 * An item at version 3, as a key looks after two changes of shape:
 * v1 `{ name }`, v2 `{ names: [name] }`, v3 `{ names, pinned }`.
 */
interface V3 {
  names: string[];
  pinned: boolean;
}
const parseV3 = (raw: unknown): Parsed<V3> => {
  const r = raw as Partial<V3>;
  if (!r || typeof r !== 'object' || !Array.isArray(r.names)) return { ok: false, reason: 'expected { names }' };
  const names = r.names.filter((n): n is string => typeof n === 'string');
  return { ok: true, value: { names, pinned: r.pinned === true }, dropped: names.length < r.names.length ? ['names that are not text, left out'] : [] };
};
const example = defineStoredItem<V3>({
  key: 'example',
  version: 3,
  fallback: () => ({ names: [], pinned: false }),
  migrations: {
    2: (v1) => {
      const name = (v1 as { name?: unknown }).name;
      if (typeof name !== 'string') throw new Error('v1 had no name');
      return { names: [name] };
    },
    3: (v2) => ({ ...(v2 as object), pinned: false }),
  },
  parse: parseV3,
});

describe('a stored item: versions and migrations', () => {
  it('reads a value stored before versions existed as version 1 and migrates it step by step', () => {
    expect(example.decode({ name: 'a' }, undefined)).toEqual({ value: { names: ['a'], pinned: false }, problems: [] });
    expect(example.decode({ name: 'a' }, { v: 1 })).toEqual({ value: { names: ['a'], pinned: false }, problems: [] });
  });

  it('runs only the migrations after the stored version', () => {
    // A v2 value is not a v1 value: migration 2 would throw on it.
    expect(example.decode({ names: ['b'] }, { v: 2 }).value).toEqual({ names: ['b'], pinned: false });
    expect(example.decode({ names: ['c'], pinned: true }, { v: 3 }).value).toEqual({ names: ['c'], pinned: true });
  });

  it('a migration that throws gives the default and says which step failed', () => {
    const { value, problems } = example.decode({ other: 1 }, undefined);
    expect(value).toEqual({ names: [], pinned: false });
    expect(problems).toEqual(['migration to version 2 failed (v1 had no name): default used']);
  });

  it('a value that does not parse gives the default with the reason; parts left out are named', () => {
    expect(example.decode('junk', { v: 3 })).toEqual({ value: { names: [], pinned: false }, problems: ['expected { names }: default used'] });
    expect(example.decode({ names: ['d', 4] }, { v: 3 })).toEqual({ value: { names: ['d'], pinned: false }, problems: ['names that are not text, left out'] });
  });

  it('a version that is not one gives the default; a newer version is read if it parses, and said', () => {
    expect(example.decode({ names: ['e'] }, { v: 'x' }).value).toEqual({ names: [], pinned: false });
    expect(example.decode({ names: ['e'] }, { v: 0 }).problems[0]).toMatch(/is not a version/);
    const newer = example.decode({ names: ['f'], pinned: true, extra: 1 }, { v: 9 });
    expect(newer.value).toEqual({ names: ['f'], pinned: true });
    expect(newer.problems[0]).toMatch(/stored by a newer version \(9/);
    expect(storedVersion(null)).toBe(1);
    expect(storedVersion({ v: 2 })).toBe(2);
    expect(storedVersion({ v: 1.5 })).toBeNull();
  });

  it('missing reads as the default, quietly', () => {
    expect(example.decode(undefined, undefined)).toEqual({ value: { names: [], pinned: false }, problems: [] });
  });

  it('a parse that throws is a reason, not a crash', () => {
    const item = defineStoredItem<number>({ key: 'n', version: 1, fallback: () => 0, parse: () => { throw new Error('boom'); } });
    expect(item.decode(1, undefined)).toEqual({ value: 0, problems: ['boom: default used'] });
  });

  it('refuses a declaration with a gap in its migrations', () => {
    expect(() => defineStoredItem({ key: 'gap', version: 3, fallback: () => 0, migrations: { 3: (x) => x }, parse: () => ({ ok: true, value: 0 }) })).toThrow(
      'storage item "gap": no migration to version 2',
    );
  });
});

describe('a stored item in storage.local', () => {
  it('get migrates without writing; set writes the value and its version under <key>$', async () => {
    await fakeBrowser.storage.local.set({ example: { name: 'a' } });
    expect(await example.get()).toEqual({ names: ['a'], pinned: false });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ example: { name: 'a' } });
    await example.set({ names: ['a'], pinned: true });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ example: { names: ['a'], pinned: true }, example$: { v: 3 } });
    expect(await example.get()).toEqual({ names: ['a'], pinned: true });
    expect(await example.has()).toBe(true);
    await example.remove();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(await example.has()).toBe(false);
  });

  it('logs the reason once and leaves the stored value and every other key as they were', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await fakeBrowser.storage.local.set({ example: 42, example$: { v: 3 }, other: { keep: true } });
    expect(await example.get()).toEqual({ names: [], pinned: false });
    expect(await example.get()).toEqual({ names: [], pinned: false });
    const logged = warn.mock.calls.map((c) => String(c[0])).filter((m) => m.includes('"example"'));
    expect(logged).toEqual(['[crm-coach] storage: "example" expected { names }: default used']);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ example: 42, example$: { v: 3 }, other: { keep: true } });
  });

  it('a storage that cannot be read rejects (a default would be written over the real value)', async () => {
    const area = { get: () => Promise.reject(new Error('IO error')), set: () => Promise.resolve(), remove: () => Promise.resolve() };
    await expect(example.get(area)).rejects.toThrow('IO error');
    expect(await example.has(area)).toBe(false);
  });
});
