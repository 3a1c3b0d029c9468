/**
 * What the coach in a tab may change (utils/message-access.ts lists it for content scripts): the
 * pause switch of its own host, its launcher position, and guided tours' resume points. The
 * host comes from the sender, never from the message.
 */
import { browser } from 'wxt/browser';
import { getStoredSettings, updateSettings } from './settings-store';
import { TOUR_PROGRESS_KEY, type TourProgress } from './coach/tour';

const CRM_ID = /^[A-Za-z0-9._-]{1,64}$/;
const MAX_TOURS = 500;

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

/** Keys `<packId>/<tourId>`, steps small whole numbers: anything else is dropped. */
export function cleanTourProgress(raw: unknown): TourProgress {
  const out: TourProgress = {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return out;
  for (const [key, step] of Object.entries(raw).slice(0, MAX_TOURS)) {
    if (/^[a-z0-9-]{1,64}\/[a-z0-9._-]{1,64}$/.test(key) && Number.isInteger(step) && step > 0 && step <= 1000) out[key] = step;
  }
  return out;
}

export async function readTourProgress(): Promise<TourProgress> {
  return cleanTourProgress((await browser.storage.local.get(TOUR_PROGRESS_KEY))[TOUR_PROGRESS_KEY]);
}

export async function writeTourProgress(progress: TourProgress): Promise<void> {
  await browser.storage.local.set({ [TOUR_PROGRESS_KEY]: cleanTourProgress(progress) });
}
