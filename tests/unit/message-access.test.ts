import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { sendMessage, type ProtocolMap } from '@/utils/messaging';
import { callerOf, MESSAGE_ACCESS, senderAllowed, type SenderContext, type SenderInfo } from '@/utils/message-access';
import { registerPackHandlers } from '@/utils/packs/background';
import { registerUsageHandlers } from '@/utils/usage/background';
import { sendAs } from '../fake-sender';

const ID = 'test-extension-id';
const BASE = `chrome-extension://${ID}/`;
const CRM = 'https://acme.lightning.force.com/lightning/r/Account/001/view';
const ctx: SenderContext = { extensionId: ID, extensionBase: BASE, coachAllowed: (url) => url.startsWith('https://acme.lightning.force.com/') };

const contentScript: SenderInfo = { id: ID, url: CRM, tab: { id: 3, url: CRM }, frameId: 0 };
const options: SenderInfo = { id: ID, url: `${BASE}options.html` };
const popup: SenderInfo = { id: ID, url: `${BASE}popup.html` };

const names = Object.keys(MESSAGE_ACCESS) as (keyof ProtocolMap)[];
const privileged = names.filter((n) => !MESSAGE_ACCESS[n].includes('content-script'));

describe('the sender table', () => {
  it('tells extension pages, content scripts on coached hosts and everyone else apart', async () => {
    expect(await callerOf(options, ctx)).toBe('extension-page');
    expect(await callerOf(popup, ctx)).toBe('extension-page');
    expect(await callerOf({ ...options, tab: { id: 1, url: `${BASE}options.html` } }, ctx)).toBe('extension-page');
    expect(await callerOf(contentScript, ctx)).toBe('content-script');
    // A content script on a host the coach does not run on, another extension, a page, no sender.
    expect(await callerOf({ id: ID, url: 'https://evil.example/', tab: { id: 4 } }, ctx)).toBeNull();
    expect(await callerOf({ ...options, id: 'other-extension' }, ctx)).toBeNull();
    expect(await callerOf({ url: CRM, tab: { id: 3 } }, ctx)).toBeNull();
    expect(await callerOf(undefined, ctx)).toBeNull();
    // An extension URL claimed from inside a web page's tab is not an extension page.
    expect(await callerOf({ id: ID, url: `${BASE}options.html`, tab: { id: 3, url: CRM } }, ctx)).toBeNull();
  });

  it.each(privileged)('refuses %s to a content script', async (name) => {
    expect(await senderAllowed(name, contentScript, ctx)).toBe(false);
  });

  it('lets content scripts reach only their own page state, events and preferences, the overlay UI and author mode', () => {
    expect(names.filter((n) => MESSAGE_ACCESS[n].includes('content-script')).sort()).toEqual(
      ['getCoachState', 'getRecordState', 'getTourProgress', 'recordEvents', 'saveTourProgress', 'setPagePrefs', 'loadOverlay', 'startAuthor', 'saveDraftItem', 'getDraftPack', 'setAuthorRecording', 'getAuthorRecording'].sort(),
    );
  });
});

describe('registered handlers check the sender', () => {
  const samples: Partial<{ [K in keyof ProtocolMap]: Parameters<ProtocolMap[K]>[0] }> = {
    installPackText: { text: JSON.stringify({ format: 'crm-coach/pack@1', id: 'forged', version: '1.0.0', title: 'F' }) },
    addPackUrl: { url: 'https://packs.example/p.json' },
    setPackEnabled: { id: 'x', enabled: false },
    removePack: { id: 'x' },
    setSettings: { role: 'admin' },
    importData: { json: '{}' },
    coachTab: { tabId: 1, url: CRM },
  };

  // coachTab is registered by entrypoints/background.ts through the same guard; openSnippet is the content script's own.
  // saveDraftPack is registered by the author handlers (tests/unit/author); coachChanged is sent by the background, never handled there.
  it.each(privileged.filter((n) => !['openSnippet', 'coachTab', 'saveDraftPack', 'coachChanged'].includes(n)))('a content script calling %s is refused and nothing changes', async (name) => {
    vi.spyOn(globalThis, 'fetch').mockImplementation((async () => new Response('{"packs":[]}')) as typeof fetch);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const unregisterPacks = registerPackHandlers();
    const unregisterUsage = registerUsageHandlers();
    try {
      await vi.waitFor(async () => expect((await fakeBrowser.storage.local.get('packsBuiltinVersion')).packsBuiltinVersion).toBeDefined());
      await fakeBrowser.storage.local.set({ settings: { role: 'sales' } });
      const before = JSON.stringify(await fakeBrowser.storage.local.get(['packs', 'settings']));
      sendAs(contentScript);
      const send = sendMessage as unknown as (n: string, d?: unknown) => Promise<unknown>;
      await expect(send(name, samples[name as keyof typeof samples])).rejects.toThrow(/refused/);
      sendAs(null);
      expect(JSON.stringify(await fakeBrowser.storage.local.get(['packs', 'settings']))).toBe(before);
    } finally {
      unregisterPacks();
      unregisterUsage();
    }
  });

  it('refuses a content script asking for another origin\'s state, and one on an uncoached host', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const unregister = registerUsageHandlers();
    sendAs(contentScript);
    await expect(sendMessage('getCoachState', { url: 'https://other.example/', recordKey: null })).rejects.toThrow(/not this tab/);
    await expect(sendMessage('getRecordState', { url: 'https://other.example/', recordKey: null, stamp: 'x' })).rejects.toThrow(/not this tab/);
    expect((await sendMessage('getCoachState', { url: CRM, recordKey: null })).paused).toBe(false);
    sendAs({ id: ID, url: 'https://evil.example/x', tab: { id: 9, url: 'https://evil.example/x' } });
    await expect(sendMessage('getCoachState', { url: 'https://evil.example/x', recordKey: null })).rejects.toThrow(/refused/);
    await expect(sendMessage('recordEvents', [{ id: 'e1', at: Date.now(), kind: 'page.view' }])).rejects.toThrow(/refused/);
    unregister();
  });

  it('a content script pauses only its own host', async () => {
    const unregister = registerPackHandlers();
    vi.spyOn(globalThis, 'fetch').mockImplementation((async () => new Response('{"packs":[]}')) as typeof fetch);
    try {
      sendAs(contentScript);
      await sendMessage('setPagePrefs', { paused: true });
      sendAs(null);
      expect((await sendMessage('getSettings')).pausedSites).toEqual(['acme.lightning.force.com']);
    } finally {
      unregister();
    }
  });
});
