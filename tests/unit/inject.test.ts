// The background loads the overlay's React UI on request (utils/inject.ts): into the asking
// content script's own tab and frame, from what the browser says about the sender; nobody else
// can make it inject anything.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { injectIntoSender, OVERLAY_SCRIPT, registerOverlayHandler, senderFrame } from '@/utils/inject';
import { sendMessage } from '@/utils/messaging';
import { sendAs } from '../fake-sender';

const CRM = 'https://acme.lightning.force.com/lightning/r/Opportunity/006Dn000004AbCdIAK/view';
const content = (frameId?: number) => ({ id: fakeBrowser.runtime.id, url: CRM, tab: { id: 7, url: CRM }, ...(frameId === undefined ? {} : { frameId }) });

afterEach(() => sendAs(null));

describe('senderFrame', () => {
  it("is the sender's own tab and frame (the top frame when the browser gives none)", () => {
    expect(senderFrame(content(3))).toEqual({ tabId: 7, frameIds: [3] });
    expect(senderFrame(content())).toEqual({ tabId: 7, frameIds: [0] });
    expect(senderFrame({ id: fakeBrowser.runtime.id, url: CRM })).toBeNull();
    expect(senderFrame(undefined)).toBeNull();
  });
});

describe('loadOverlay', () => {
  it("injects the overlay script into the asking content script's frame, and only there", async () => {
    const run = vi.spyOn(fakeBrowser.scripting, 'executeScript').mockResolvedValue(undefined as never);
    const stop = registerOverlayHandler();
    try {
      sendAs(content(2));
      expect(await sendMessage('loadOverlay')).toEqual({ ok: true });
      expect(run).toHaveBeenCalledWith({ target: { tabId: 7, frameIds: [2] }, files: [OVERLAY_SCRIPT] });
      expect(OVERLAY_SCRIPT).toBe('/content-scripts/overlay.js');
    } finally {
      stop();
    }
  });

  it('refuses an extension page and a page the coach does not run on; injects nothing', async () => {
    const run = vi.spyOn(fakeBrowser.scripting, 'executeScript').mockResolvedValue(undefined as never);
    const stop = registerOverlayHandler();
    try {
      sendAs(null); // the options page
      await expect(sendMessage('loadOverlay')).rejects.toThrow(/refused/);
      const elsewhere = 'https://evil.example/';
      sendAs({ id: fakeBrowser.runtime.id, url: elsewhere, tab: { id: 9, url: elsewhere }, frameId: 0 });
      await expect(sendMessage('loadOverlay')).rejects.toThrow(/refused/);
      expect(run).not.toHaveBeenCalled();
    } finally {
      stop();
    }
  });

  it('says when the script could not load (the tab went away), without throwing', async () => {
    vi.spyOn(fakeBrowser.scripting, 'executeScript').mockRejectedValue(new Error('No tab with id: 7'));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(await injectIntoSender(content(0), OVERLAY_SCRIPT)).toEqual({ ok: false, error: 'Error: No tab with id: 7' });
    expect(warn).toHaveBeenCalled();
    expect(await injectIntoSender({ id: fakeBrowser.runtime.id, url: CRM }, OVERLAY_SCRIPT)).toEqual({ ok: false, error: 'not a content script' });
  });
});
