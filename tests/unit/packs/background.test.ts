import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sendMessage } from '@/utils/messaging';
import { REFRESH_ALARM, registerPackHandlers } from '@/utils/packs/background';

const packJson = JSON.stringify({ format: 'crm-coach/pack@1', id: 'msg-pack', version: '1.0.0', title: 'Via messages' });

let unregister: (() => void) | undefined;
afterEach(() => {
  unregister?.();
});

function stubBuiltins() {
  // The worker's start-up installs the built-in packs from the extension's files.
  vi.spyOn(globalThis, 'fetch').mockImplementation(vi.fn(async (input: string) => new Response(String(input).endsWith('index.json') ? '{"packs":[]}' : '{}')) as typeof fetch);
}

describe('registerPackHandlers', () => {
  it('answers the pack and settings messages', async () => {
    stubBuiltins();
    unregister = registerPackHandlers();
    expect(await sendMessage('installPackText', { text: packJson, fileName: 'p.json' })).toMatchObject({ ok: true });
    expect((await sendMessage('listPacks')).map((p) => p.pack.id)).toEqual(['msg-pack']);
    expect(await sendMessage('setPackEnabled', { id: 'msg-pack', enabled: false })).toMatchObject([{ enabled: false }]);
    expect(await sendMessage('removePack', { id: 'msg-pack' })).toEqual([]);
    expect(await sendMessage('setSettings', { role: 'support' })).toMatchObject({ role: 'support', locked: { role: false } });
    expect(await sendMessage('getSettings')).toMatchObject({ role: 'support' });
    expect(await sendMessage('refreshPacks')).toEqual([]);
  });

  it('passes store errors back to the sender', async () => {
    stubBuiltins();
    unregister = registerPackHandlers();
    await expect(sendMessage('removePack', { id: 'nope' })).rejects.toThrow('no installed pack "nope"');
  });

  it('schedules the refresh alarm every 6 hours by default and follows the policy', async () => {
    stubBuiltins();
    unregister = registerPackHandlers();
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(REFRESH_ALARM)).toMatchObject({ periodInMinutes: 360 }));
    await fakeBrowser.storage.managed.set({ refreshMinutes: 15 });
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(REFRESH_ALARM)).toMatchObject({ periodInMinutes: 15 }));
  });

  it('refreshes URL packs when the alarm fires', async () => {
    stubBuiltins();
    unregister = registerPackHandlers();
    await fakeBrowser.storage.local.set({
      packs: {
        'url-pack': {
          pack: { format: 'crm-coach/pack@1', id: 'url-pack', version: '1.0.0', title: 'U' },
          source: 'user-url',
          enabled: true,
          installedAt: 1,
          url: 'https://packs.example.com/u.json',
        },
      },
    });
    const fetchMock = vi.fn(async () => new Response('', { status: 503 }));
    vi.spyOn(globalThis, 'fetch').mockImplementation(fetchMock as typeof fetch);
    await fakeBrowser.alarms.onAlarm.trigger({ name: REFRESH_ALARM, scheduledTime: Date.now() } as Parameters<typeof fakeBrowser.alarms.onAlarm.trigger>[0]);
    await vi.waitFor(async () => {
      const packs = (await fakeBrowser.storage.local.get('packs')).packs as Record<string, { lastError?: string }>;
      expect(packs['url-pack'].lastError).toBe('HTTP 503');
    });
  });
});
