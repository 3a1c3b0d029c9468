/**
 * The background tells open tabs when what the coach plans with changed: packs (installed,
 * refreshed, imported, toggled, removed, built-ins first stored), settings, or the enterprise
 * policy. Each tab's coach then asks for its state again and re-plans without a reload. A message
 * (not a storage change the content script would observe), because content scripts cannot read
 * storage.local. Changes in a burst (a pack sync writes several keys) go out as one signal.
 */
import { browser } from 'wxt/browser';
import { sendMessage } from './messaging';
import { onPolicyChanged } from './settings-store';
import { packsItem, settingsItem } from './storage/items';

/** Changes closer together than this go out as one signal (ms). */
export const CHANGE_SETTLE_MS = 50;

/** storage.local keys whose change alters what the coach plans. */
export const COACH_KEYS: readonly string[] = [packsItem.key, settingsItem.key];

export function isCoachChange(changes: Record<string, unknown>, area: string): boolean {
  return area === 'local' && COACH_KEYS.some((key) => key in changes);
}

/** Sends coachChanged to every tab; tabs without the coach refuse it, which is fine. */
export async function signalTabs(send: (tabId: number) => Promise<unknown> = (tabId) => sendMessage('coachChanged', undefined, tabId)): Promise<number> {
  const tabs = await browser.tabs.query({});
  const ids = tabs.map((t) => t.id).filter((id): id is number => typeof id === 'number' && id >= 0);
  await Promise.all(ids.map((id) => send(id).catch(() => undefined)));
  return ids.length;
}

/** Registers the listeners (synchronously, at the worker's start); returns an unregister. */
export function signalCoachChanges(send?: (tabId: number) => Promise<unknown>): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      signalTabs(send).catch((err: unknown) => console.warn('[crm-coach] could not signal tabs', err));
    }, CHANGE_SETTLE_MS);
  };
  const onStorage = (changes: Record<string, unknown>, area: string) => {
    if (isCoachChange(changes, area)) changed();
  };
  browser.storage.onChanged.addListener(onStorage);
  const offPolicy = onPolicyChanged(changed);
  return () => {
    clearTimeout(timer);
    browser.storage.onChanged.removeListener(onStorage);
    offPolicy();
  };
}
