/** Wires the usage service to the typed messages and the daily prune alarm. */
import { browser } from 'wxt/browser';
import type { ProtocolMap } from '../messaging';
import { onGuardedMessage } from '../message-guard';
import { ownPage } from '../message-access';
import { getEnabledPacks } from '../packs/store';
import { getEffectiveSettings } from '../settings-store';
import { usageDb } from './db';
import type { OutboxStorage } from './outbox';
import { PRUNE_ALARM } from './retention';
import { popupData } from './progress';
import { createUsageService, isSharedChange, type UsageService } from './service';

let service: UsageService | undefined;

/** The background's usage service (created by registerUsageHandlers). */
export function usageService(): UsageService {
  service ??= createUsageService({
    db: usageDb(),
    getPacks: getEnabledPacks,
    getSettings: getEffectiveSettings,
    storage: browser.storage.local as unknown as OutboxStorage,
    // Packs, settings, the policy (managed) and the salt all live in storage.
    onSharedChange: (listener) =>
      browser.storage.onChanged.addListener((changes) => {
        if (isSharedChange(Object.keys(changes))) listener();
      }),
  });
  return service;
}

const removers: (() => void)[] = [];

function register<K extends keyof ProtocolMap>(name: K, handler: Parameters<typeof onGuardedMessage<K>>[1]): void {
  try {
    removers.push(onGuardedMessage(name, handler));
  } catch (err) {
    console.warn(`[crm-coach] usage: could not register ${name}`, err);
  }
}

/**
 * Registers recordEvents, getCoachState, getRecordState, getPopupData, exportData, exportRollupsCsv,
 * exportSummary, importData and deleteData; schedules the daily 'usage-prune' alarm; and
 * starts the start-up work (prune, drain outbox keys, persistent storage). Synchronous, so a
 * worker woken by a message handles it. Returns a function that removes the message handlers (tests).
 */
export function registerUsageHandlers(): () => void {
  const s = usageService();
  register('recordEvents', ({ data }) => s.recordEvents(data));
  register('getCoachState', ({ data, sender }) => {
    // A content script speaks for its own page only.
    if (!ownPage(sender, String(data?.url ?? ''))) throw new Error('getCoachState: not this tab\'s page');
    return s.getCoachState(data);
  });
  register('getRecordState', ({ data, sender }) => {
    if (!ownPage(sender, String(data?.url ?? ''))) throw new Error('getRecordState: not this tab\'s page');
    return s.getRecordState(data);
  });
  register('getPopupData', async () => popupData(await s.getProgress()));
  register('exportData', () => s.exportData());
  register('exportRollupsCsv', () => s.exportRollupsCsv());
  register('exportSummary', () => s.exportSummary());
  register('importData', ({ data }) => s.importData(data));
  register('deleteData', () => s.deleteData());

  try {
    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name !== PRUNE_ALARM) return;
      void s.start();
    });
    void browser.alarms
      .get(PRUNE_ALARM)
      .then(async (a) => {
        if (!a) await browser.alarms.create(PRUNE_ALARM, { delayInMinutes: 60, periodInMinutes: 24 * 60 });
      })
      .catch((err) => console.warn('[crm-coach] usage: could not schedule pruning', err));
  } catch (err) {
    console.warn('[crm-coach] usage: alarms unavailable', err);
  }
  void s.start();
  return () => removers.splice(0).forEach((remove) => remove());
}
