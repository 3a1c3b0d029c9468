/**
 * What the coach in a tab may change (utils/message-access.ts lists it for content scripts): the
 * pause switch of its own host, its launcher position, and guided tours' resume points. The
 * host comes from the sender, never from the message.
 */
import { getStoredSettings, updateSettings } from './settings-store';
import type { TourProgress } from './coach/tour';
import { cleanTourProgress, tourProgressItem } from './storage/items';

const CRM_ID = /^[A-Za-z0-9._-]{1,64}$/;

export async function ownHostPrefs(
  senderUrl: string,
  prefs: { paused?: boolean; launcher?: { crm: string; right: number; bottom: number } },
): Promise<void> {
  const host = new URL(senderUrl).hostname.toLowerCase();
  const stored = await getStoredSettings();
  if (typeof prefs?.paused === 'boolean') {
    const others = stored.pausedSites.filter((h) => h !== host);
    await updateSettings({ pausedSites: prefs.paused ? [...others, host] : others });
  }
  const l = prefs?.launcher;
  if (l && CRM_ID.test(l.crm) && Number.isFinite(l.right) && Number.isFinite(l.bottom)) {
    const right = Math.max(0, Math.min(10000, Math.round(l.right)));
    const bottom = Math.max(0, Math.min(10000, Math.round(l.bottom)));
    await updateSettings({ launcher: { ...stored.launcher, [l.crm]: { right, bottom } } });
  }
}

export function readTourProgress(): Promise<TourProgress> {
  return tourProgressItem.get();
}

export async function writeTourProgress(progress: TourProgress): Promise<void> {
  await tourProgressItem.set(cleanTourProgress(progress));
}
