/**
 * Background wiring of the pack store and settings: message handlers, the refresh alarm and the
 * managed-policy listener. Listeners are registered synchronously so a worker woken by a message
 * or an alarm handles it.
 */
import { browser } from 'wxt/browser';
import { onGuardedMessage } from '../message-guard';
import { ownHostPrefs, readTourProgress, writeTourProgress } from '../page-prefs';
import { getEffectiveSettings, getPolicyNow, onPolicyChanged, refreshMinutesOf, updateSettings } from '../settings-store';
import {
  addPackUrl,
  installPackText,
  listInstalled,
  refreshPacks,
  removePack,
  setPackEnabled,
  syncBuiltinPacks,
  syncPolicyPacks,
} from './store';

export const REFRESH_ALARM = 'crm-coach-pack-refresh';

/** Creates or reschedules the refresh alarm when its period differs from the policy's. */
export async function ensureRefreshAlarm(minutes: number): Promise<void> {
  const existing = await browser.alarms.get(REFRESH_ALARM);
  if (existing && existing.periodInMinutes === minutes) return;
  await browser.alarms.create(REFRESH_ALARM, { delayInMinutes: minutes, periodInMinutes: minutes });
}

function logFailure(what: string) {
  return (err: unknown) => console.warn(`[crm-coach] ${what} failed`, err);
}

/** Registers everything; returns a function that unregisters it (for tests). */
export function registerPackHandlers(): () => void {
  const removers = [
    onGuardedMessage('listPacks', () => listInstalled()),
    onGuardedMessage('installPackText', ({ data }) => installPackText(data.text, data.fileName)),
    onGuardedMessage('addPackUrl', ({ data }) => addPackUrl(data.url)),
    onGuardedMessage('setPackEnabled', ({ data }) => setPackEnabled(data.id, data.enabled)),
    onGuardedMessage('removePack', ({ data }) => removePack(data.id)),
    onGuardedMessage('refreshPacks', () => refreshPacks()),
    onGuardedMessage('getSettings', () => getEffectiveSettings()),
    onGuardedMessage('setSettings', ({ data }) => updateSettings(data)),
    onGuardedMessage('setPagePrefs', ({ data, sender }) => ownHostPrefs(sender.url ?? '', data)),
    onGuardedMessage('getTourProgress', () => readTourProgress()),
    onGuardedMessage('saveTourProgress', ({ data }) => writeTourProgress(data)),
  ];

  const onAlarm = (alarm: { name: string }) => {
    if (alarm.name === REFRESH_ALARM) refreshPacks().catch(logFailure('pack refresh'));
  };
  browser.alarms.onAlarm.addListener(onAlarm);
  removers.push(() => browser.alarms.onAlarm.removeListener(onAlarm));

  removers.push(
    onPolicyChanged((policy) => {
      syncPolicyPacks().catch(logFailure('policy pack sync'));
      ensureRefreshAlarm(refreshMinutesOf(policy)).catch(logFailure('refresh alarm'));
    }),
  );

  // First run and updates: built-in packs, then the policy's packs, then the alarm.
  void (async () => {
    await syncBuiltinPacks().catch(logFailure('built-in packs'));
    await syncPolicyPacks().catch(logFailure('policy pack sync'));
    await ensureRefreshAlarm(refreshMinutesOf(await getPolicyNow())).catch(logFailure('refresh alarm'));
  })();

  return () => removers.forEach((remove) => remove());
}
