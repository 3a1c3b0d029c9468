import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHANGE_SETTLE_MS, isCoachChange, signalCoachChanges } from '@/utils/coach-changes';

let off: (() => void) | undefined;
afterEach(() => off?.());

/** Opens n more tabs; returns the ids of every open tab (the fake browser starts with one). */
async function openTabs(n: number): Promise<number[]> {
  for (let i = 0; i < n; i++) await fakeBrowser.tabs.create({ url: `https://app.hubspot.com/contacts/${i}` });
  return (await fakeBrowser.tabs.query({})).map((t) => t.id!);
}

describe('coach change signal', () => {
  it('tells every open tab once when packs or settings change, as one signal per burst', async () => {
    const ids = await openTabs(2);
    const sent: number[] = [];
    off = signalCoachChanges(async (tabId) => void sent.push(tabId));
    await fakeBrowser.storage.local.set({ packs: { a: {} } });
    await fakeBrowser.storage.local.set({ packsBuiltinVersion: '1' });
    await fakeBrowser.storage.local.set({ settings: { language: 'zh-CN' } });
    await vi.waitFor(() => expect(sent.sort()).toEqual([...ids].sort()), { timeout: CHANGE_SETTLE_MS * 20 });
    await new Promise((r) => setTimeout(r, CHANGE_SETTLE_MS * 3));
    expect(sent).toHaveLength(ids.length);
  });

  it('ignores changes that do not alter the plan (usage keys, other areas)', () => {
    expect(isCoachChange({ outbox_1: {} }, 'local')).toBe(false);
    expect(isCoachChange({ settings: {} }, 'sync')).toBe(false);
    expect(isCoachChange({ settings: {} }, 'local')).toBe(true);
    expect(isCoachChange({ packs: {} }, 'local')).toBe(true);
  });

  it('tells tabs when the enterprise policy changes', async () => {
    const ids = await openTabs(1);
    const sent: number[] = [];
    off = signalCoachChanges(async (tabId) => void sent.push(tabId));
    await fakeBrowser.storage.managed.set({ role: 'support' });
    await vi.waitFor(() => expect(sent).toEqual(ids), { timeout: CHANGE_SETTLE_MS * 20 });
  });

  it('a tab that refuses (no coach there) does not stop the others', async () => {
    const ids = await openTabs(3);
    const sent: number[] = [];
    off = signalCoachChanges(async (tabId) => {
      if (tabId === ids[0]) throw new Error('Receiving end does not exist.');
      sent.push(tabId);
    });
    await fakeBrowser.storage.local.set({ packs: {} });
    await vi.waitFor(() => expect(sent.sort()).toEqual(ids.slice(1).sort()), { timeout: CHANGE_SETTLE_MS * 20 });
  });
});
