import { fakeBrowser } from 'wxt/testing/fake-browser';
import { describe, expect, it, vi } from 'vitest';
import {
  getEffectiveSettings,
  getEnforcedSettings,
  getPolicy,
  onPolicyChanged,
  updateSettings,
} from '@/utils/settings-store';
import { isIsoDate, sanitizePolicy } from '@/utils/storage/settings-values';
import { policyCacheItem } from '@/utils/storage/items';

const POLICY_CACHE_KEY = policyCacheItem.key;

describe('settings store', () => {
  it('defaults with no policy', async () => {
    expect(await getEffectiveSettings()).toEqual({
      role: null,
      startDate: null,
      language: 'auto',
      pausedSites: [],
      launcher: {},
      locked: { role: false, startDate: false },
      allowUserPacks: true,
    });
  });

  it('treats a managed storage that throws as no policy', async () => {
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockRejectedValue(new Error('Managed storage manifest not found'));
    expect(await getPolicy()).toEqual({});
  });

  it('stores changes and validates them', async () => {
    const s = await updateSettings({ role: 'sales-manager', startDate: '2026-01-05', language: 'zh-CN' });
    expect(s).toMatchObject({ role: 'sales-manager', startDate: '2026-01-05', language: 'zh-CN' });
    expect((await fakeBrowser.storage.local.get('settings')).settings).toMatchObject({ role: 'sales-manager' });
    await expect(updateSettings({ startDate: '2026-02-30' })).rejects.toThrow('startDate: expected a date as YYYY-MM-DD');
    await expect(updateSettings({ role: 'Sales Rep' })).rejects.toThrow('role: expected a lower-case role id');
    await expect(updateSettings({ language: 'fr' as never })).rejects.toThrow('language: expected one of auto, en, zh-CN');
    expect((await getEffectiveSettings()).startDate).toBe('2026-01-05');
  });

  it('policy values win and lock; a locked change is ignored', async () => {
    await updateSettings({ role: 'sales' });
    await fakeBrowser.storage.managed.set({ role: 'support', startDate: '2026-03-02', allowUserPacks: false });
    const s = await updateSettings({ role: 'marketing', startDate: '2026-01-01', language: 'en' });
    expect(s).toMatchObject({
      role: 'support',
      startDate: '2026-03-02',
      language: 'en',
      locked: { role: true, startDate: true },
      allowUserPacks: false,
    });
    // The user's own value is kept underneath, for when the policy goes away.
    await fakeBrowser.storage.managed.clear();
    expect((await getEffectiveSettings()).role).toBe('sales');
  });

  it('two changes at once both land (one read-merge-write at a time)', async () => {
    await Promise.all([updateSettings({ role: 'support' }), updateSettings({ startDate: '2026-01-05' }), updateSettings({ language: 'en' })]);
    expect((await fakeBrowser.storage.local.get('settings')).settings).toMatchObject({ role: 'support', startDate: '2026-01-05', language: 'en' });
  });

  it('keeps only well-formed policy values', () => {
    expect(
      sanitizePolicy({
        packUrls: ['https://a.example/p.json', 3, ' https://a.example/p.json ', ''],
        role: 'Sales',
        startDate: '2026-13-01',
        refreshMinutes: 0,
        allowUserPacks: 'no',
      }),
    ).toEqual({ packUrls: ['https://a.example/p.json'], refreshMinutes: 1 });
    expect(sanitizePolicy(null)).toEqual({});
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
  });

  it('calls back when the managed policy changes, not for local changes', async () => {
    const seen: unknown[] = [];
    const off = onPolicyChanged((p) => seen.push(p));
    await fakeBrowser.storage.local.set({ settings: { role: 'sales' } });
    await fakeBrowser.storage.managed.set({ refreshMinutes: 30 });
    await vi.waitFor(() => expect(seen).toEqual([{ refreshMinutes: 30 }]));
    off();
  });
});

describe('getPolicy when storage.managed is slow (the first read after the browser starts)', () => {
  const slowManaged = (policy: Record<string, unknown>, ms: number) =>
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockImplementation((() => new Promise((r) => setTimeout(() => r(policy), ms))) as never);
  const kept = async () => (await fakeBrowser.storage.local.get(POLICY_CACHE_KEY))[POLICY_CACHE_KEY];

  it('on a first run (nothing kept) answers at once with no policy, then keeps the read and re-applies it', async () => {
    // A read that lands only when the test says: the answers below cannot have waited for it.
    let land: (policy: Record<string, unknown>) => void = () => {};
    const get = vi
      .spyOn(fakeBrowser.storage.managed, 'get')
      .mockImplementation((() => new Promise((r) => (land = r))) as never);
    const seen: unknown[] = [];
    const off = onPolicyChanged((p) => seen.push(p));
    expect(await getPolicy()).toEqual({});
    expect(await getEffectiveSettings()).toMatchObject({ role: null, locked: { role: false } });
    // The second ask did not start another read (it would wait for the policy service again).
    expect(get).toHaveBeenCalledTimes(1);
    expect(seen).toEqual([]);
    land({ role: 'support' });
    await vi.waitFor(() => expect(seen).toEqual([{ role: 'support' }]));
    expect(await kept()).toEqual({ role: 'support' });
    expect(await getEffectiveSettings()).toMatchObject({ role: 'support', locked: { role: true } });
    off();
  });

  it('with a policy kept, answers with it while the read is slow, and the read replaces it', async () => {
    await fakeBrowser.storage.local.set({ [POLICY_CACHE_KEY]: { role: 'support', allowUserPacks: false } });
    slowManaged({ role: 'sales' }, 300);
    const seen: unknown[] = [];
    const off = onPolicyChanged((p) => seen.push(p));
    expect(await getPolicy()).toEqual({ role: 'support', allowUserPacks: false });
    await vi.waitFor(async () => expect(await kept()).toEqual({ role: 'sales' }));
    await vi.waitFor(() => expect(seen).toEqual([{ role: 'sales' }]));
    off();
  });

  it('a slow read that confirms the kept policy re-applies nothing', async () => {
    await fakeBrowser.storage.local.set({ [POLICY_CACHE_KEY]: { role: 'support' } });
    const get = slowManaged({ role: 'support' }, 150);
    const seen: unknown[] = [];
    const off = onPolicyChanged((p) => seen.push(p));
    expect(await getPolicy()).toEqual({ role: 'support' });
    await get.mock.results[0].value;
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual([]);
    off();
  });

  it('a read that answers in time wins over the kept policy', async () => {
    await fakeBrowser.storage.local.set({ [POLICY_CACHE_KEY]: { role: 'support' } });
    await fakeBrowser.storage.managed.set({ role: 'marketing' });
    expect(await getPolicy()).toEqual({ role: 'marketing' });
    await fakeBrowser.storage.managed.clear();
    expect(await getPolicy()).toEqual({});
    await vi.waitFor(async () => expect(await kept()).toEqual({}));
  });

  it('effective settings use the kept policy while the read is slow', async () => {
    await fakeBrowser.storage.local.set({ [POLICY_CACHE_KEY]: { startDate: '2026-03-02' } });
    slowManaged({ startDate: '2026-03-02' }, 5_000);
    expect(await getEffectiveSettings()).toMatchObject({ startDate: '2026-03-02', locked: { startDate: true } });
  });

  it('enforcement waits for the read: user packs stay off on a first run until the policy says', async () => {
    slowManaged({ allowUserPacks: false }, 200);
    expect((await getEffectiveSettings()).allowUserPacks).toBe(true);
    expect((await getEnforcedSettings()).allowUserPacks).toBe(false);
  });

  it('a locked value that changes is re-applied: listeners hear each change', async () => {
    const seen: unknown[] = [];
    const off = onPolicyChanged((p) => seen.push(p));
    await fakeBrowser.storage.managed.set({ role: 'support' });
    await vi.waitFor(() => expect(seen).toEqual([{ role: 'support' }]));
    await fakeBrowser.storage.managed.set({ role: 'sales' });
    await vi.waitFor(() => expect(seen).toEqual([{ role: 'support' }, { role: 'sales' }]));
    expect((await getEffectiveSettings()).role).toBe('sales');
    off();
  });
});
