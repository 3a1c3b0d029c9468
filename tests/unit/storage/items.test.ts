/**
 * Every storage.local key through its item (utils/storage/items.ts), on stored examples of each
 * earlier shape (tests/fixtures/storage/README.md) and on corrupt values: the typed value, the
 * reasons, and nothing else in storage lost.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { describe, expect, it, vi } from 'vitest';
import { listInstalled, setPackEnabled } from '@/utils/packs/store';
import { readTourProgress, writeTourProgress } from '@/utils/page-prefs';
import { getStoredSettings, updateSettings } from '@/utils/settings-store';
import {
  builtinsVersionItem,
  OUTBOX_PREFIX,
  packsItem,
  policyCacheItem,
  policyErrorsItem,
  removedBuiltinsItem,
  saltItem,
  settingsItem,
  STORED_ITEMS,
  tourProgressItem,
} from '@/utils/storage/items';

const DIR = resolve(__dirname, '../../fixtures/storage');
const fixture = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(DIR, name), 'utf8')).stored;
const EARLIER = ['v1-unversioned-2026-11-22.json', 'v1-unversioned-2026-12-03.json'];
const decode = (item: (typeof STORED_ITEMS)[number], stored: Record<string, unknown>) => item.decode(stored[item.key], stored[item.metaKey]);

describe('the storage items', () => {
  it('declare each key once, and no key is another one\'s version entry', () => {
    const keys = STORED_ITEMS.flatMap((item) => [item.key, item.metaKey]);
    expect(new Set(keys).size).toBe(keys.length);
    for (const item of STORED_ITEMS) expect(item.key.startsWith(OUTBOX_PREFIX)).toBe(false);
  });

  it('every stored example holds only declared keys (or outbox entries), so each earlier key is covered here', () => {
    const declared = new Set(STORED_ITEMS.flatMap((item) => [item.key, item.metaKey]));
    for (const name of EARLIER) {
      const unknown = Object.keys(fixture(name)).filter((k) => !declared.has(k) && !k.startsWith(OUTBOX_PREFIX));
      expect(unknown, name).toEqual([]);
    }
  });

  it('no module reads or writes storage.local (or session, sync) except through the items', () => {
    const ROOT = resolve(__dirname, '../../..');
    const raw = /\bstorage\.(local|session|sync)\s*\.\s*(get|set|remove|clear|getKeys)\s*\(/;
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.tsx?$/.test(entry.name) && raw.test(readFileSync(path, 'utf8'))) offenders.push(relative(ROOT, path));
      }
    };
    for (const dir of ['utils', 'components', 'entrypoints']) walk(join(ROOT, dir));
    expect(offenders.filter((f) => !f.startsWith('utils/storage/'))).toEqual([]);
  });
});

describe.each(EARLIER)('stored before versions existed: %s', (name) => {
  const stored = fixture(name);

  it('each key reads back as it was stored, with no problem', () => {
    for (const item of STORED_ITEMS) {
      const { value, problems } = decode(item, stored);
      expect(problems, item.key).toEqual([]);
      if (item.key in stored) expect(value, item.key).toEqual(stored[item.key]);
      else expect(value, item.key).toEqual(item.decode(undefined, undefined).value);
    }
  });

  it('the stores use every pack, setting and resume point of it; a write keeps every other key and stamps the version', async () => {
    await fakeBrowser.storage.local.set(stored);
    // The managed policy says what was kept (a read that differs replaces the kept copy).
    if (stored.policyCache) await fakeBrowser.storage.managed.set(stored.policyCache as Record<string, unknown>);
    expect((await listInstalled()).map((p) => p.pack.id).sort()).toEqual(Object.keys(stored.packs as object).sort());
    expect(await getStoredSettings()).toEqual(stored.settings);
    expect(await readTourProgress()).toEqual(stored['coach:tourProgress']);

    await updateSettings({ language: 'en' });
    const [firstId] = Object.keys(stored.packs as object).sort();
    await setPackEnabled(firstId, false);
    const after = await fakeBrowser.storage.local.get(null);
    expect(after.settings).toEqual({ ...(stored.settings as object), language: 'en' });
    expect(after.settings$).toEqual({ v: settingsItem.version });
    expect(after.packs$).toEqual({ v: packsItem.version });
    const packs = after.packs as Record<string, { enabled: boolean }>;
    expect(Object.keys(packs).sort()).toEqual(Object.keys(stored.packs as object).sort());
    expect(packs[firstId].enabled).toBe(false);
    for (const key of Object.keys(stored).filter((k) => k !== 'settings' && k !== 'packs')) expect(after[key], key).toEqual(stored[key]);
  });
});

describe('corrupt values (tests/fixtures/storage/corrupt.json)', () => {
  const stored = fixture('corrupt.json');

  it('each key reads as a safe default, or keeps its good parts, and says why', () => {
    const settings = decode(settingsItem, stored);
    expect(settings.value).toEqual({ role: null, startDate: null, language: 'auto', pausedSites: [], launcher: {} });
    expect(settings.problems).toEqual([
      'role: expected a lower-case role id such as sales or sales-manager: default used',
      'startDate: expected a date as YYYY-MM-DD: default used',
      'language: expected one of auto, en, zh-CN: default used',
      'pausedSites: expected a list of host names: default used',
      'launcher: expected positions { right, bottom } in px: default used',
    ]);
    expect(decode(policyCacheItem, stored)).toEqual({ value: null, problems: ['expected an object, found a list: default used'] });
    const packs = packsItem.decode(stored.packs, stored['packs$']);
    // The shell of bad-pack and wrong-id is an entry: the pack store refuses them when it validates the pack.
    expect(Object.keys(packs.value)).toEqual(['acme-sales', 'bad-pack', 'wrong-id']);
    expect(packs.problems).toEqual(['pack "broken-entry": not a stored pack entry, left out', 'pack "no-source": not a stored pack entry, left out']);
    expect(decode(removedBuiltinsItem, stored)).toEqual({ value: [], problems: ['expected a list of ids, found string: default used'] });
    expect(decode(builtinsVersionItem, stored).value).toBeNull();
    expect(decode(builtinsVersionItem, stored).problems[0]).toMatch(/is not a version: default used/);
    expect(decode(policyErrorsItem, stored)).toEqual({ value: { 'https://b.example/p.json': 'refused' }, problems: ['1 errors that are not text, left out'] });
    expect(decode(tourProgressItem, stored)).toEqual({ value: { 'starter/first-deal': 2 }, problems: ['3 resume points that are not a tour and a step, left out'] });
    expect(decode(saltItem, stored)).toEqual({ value: null, problems: ['expected a salt of 8 characters or more, found number: default used'] });
  });

  it('the stores carry on with what is usable, log why, and lose nothing else', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await fakeBrowser.storage.local.set(stored);
    expect((await listInstalled()).map((p) => p.pack.id)).toEqual(['acme-sales']);
    expect(await getStoredSettings()).toEqual(settingsItem.decode(undefined, undefined).value);
    expect(await readTourProgress()).toEqual({ 'starter/first-deal': 2 });
    const said = warn.mock.calls.map((c) => String(c[0])).join('\n');
    expect(said).toContain('storage: "settings" role: expected a lower-case role id');
    expect(said).toContain('storage: "packs" pack "broken-entry": not a stored pack entry');
    expect(said).toContain('stored pack "bad-pack" dropped');

    await updateSettings({ role: 'sales' });
    await writeTourProgress({ 'starter/first-deal': 3 });
    const after = await fakeBrowser.storage.local.get(null);
    expect(after.notOurs).toEqual({ keep: true });
    expect(after.settings).toEqual({ role: 'sales', startDate: null, language: 'auto', pausedSites: [], launcher: {} });
    expect(after['coach:tourProgress']).toEqual({ 'starter/first-deal': 3 });
    expect(after['coach:tourProgress$']).toEqual({ v: tourProgressItem.version });
    for (const key of ['packs', 'packsRemovedBuiltins', 'packsPolicyErrors', 'salt']) expect(after[key], key).toEqual(stored[key]);
    // The unusable kept policy is replaced by the managed read (none here).
    expect(after.policyCache).toEqual({});
  });
});
