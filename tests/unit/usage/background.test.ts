import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { sendMessage } from '@/utils/messaging';
import { registerUsageHandlers } from '@/utils/usage/background';
import { PRUNE_ALARM } from '@/utils/usage/retention';
import { OUTBOX_PREFIX } from '@/utils/storage/items';
import { sendAs } from '../../fake-sender';

describe('registerUsageHandlers (through the typed messages and the fake browser)', () => {
  it('answers recordEvents, getPopupData, getCoachState, exports and delete; schedules the prune alarm', async () => {
    // An event a closed tab left behind is drained at start.
    await fakeBrowser.storage.local.set({ [`${OUTBOX_PREFIX}left-1`]: { id: 'left-1', at: Date.now() - 1000, kind: 'tip.shown' } });
    registerUsageHandlers();
    const at = Date.now();
    const res = await sendMessage('recordEvents', [
      { id: 'bg-1', at, kind: 'page.view', crm: 'salesforce', object: 'Account' },
      { id: 'bg-1', at, kind: 'page.view', crm: 'salesforce', object: 'Account' },
    ]);
    expect(res.acked).toContain('bg-1');
    // The drained tip.shown and one page.view (the duplicate id is stored once).
    await expect.poll(async () => (await sendMessage('getPopupData')).progress.totalEvents).toBe(2);
    const data = await sendMessage('getPopupData');
    expect(data.progress.activity.at(-1)).toMatchObject({ day: data.today, pages: 1 });
    expect(data.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await fakeBrowser.storage.local.get(`${OUTBOX_PREFIX}left-1`))[`${OUTBOX_PREFIX}left-1`]).toBeUndefined();

    // The coach in a Salesforce tab asks for its own page's state.
    const page = 'https://acme.lightning.force.com/lightning/r/Account/001/view';
    sendAs({ id: fakeBrowser.runtime.id, url: page, tab: { id: 7, url: page } });
    const state = await sendMessage('getCoachState', { url: page, recordKey: null });
    expect(state.salt).toBe((await fakeBrowser.storage.local.get('salt')).salt);
    expect(state.paused).toBe(false);
    sendAs(null);

    expect(JSON.parse(await sendMessage('exportData')).events.map((e: { id: string }) => e.id).sort()).toEqual(['bg-1', 'left-1']);
    expect((await sendMessage('exportRollupsCsv')).split('\r\n')[0]).toMatch(/^day,points,/);
    expect(JSON.parse(await sendMessage('exportSummary')).points).toBe(0);
    expect(await sendMessage('deleteData')).toEqual({ ok: true });
    expect((await sendMessage('getPopupData')).progress.totalEvents).toBe(0);

    expect(await fakeBrowser.alarms.get(PRUNE_ALARM)).toMatchObject({ name: PRUNE_ALARM, periodInMinutes: 1440 });
  });
});
