/**
 * Loading one of the coach's on-demand scripts into a page (docs/architecture.md, "Budgets"):
 * the overlay's React UI and author mode are not in the manifest's content scripts; the
 * background injects them with scripting.executeScript into the one frame whose content script
 * asked, taken from what the browser says about the sender (its tab and frame), never from the
 * message. They run in that content script's isolated world and are never web-accessible.
 * scripting is in Chromium's MV3 and in Firefox's MV2 (Firefox 102 and later); where it is
 * missing the answer says so and nothing is loaded.
 */
import { browser } from 'wxt/browser';
import type { ScriptPublicPath } from 'wxt/utils/inject-script';
import { onGuardedMessage } from './message-guard';
import type { SenderInfo } from './message-access';

/** The overlay's React UI, built from entrypoints/overlay.content (registration "runtime"). */
export const OVERLAY_SCRIPT: ScriptPublicPath = '/content-scripts/overlay.js';

export type InjectResult = { ok: true } | { ok: false; error: string };

/** The frame a content script spoke from, or null when the sender is not one. */
export function senderFrame(sender: SenderInfo | undefined): { tabId: number; frameIds: number[] } | null {
  const tabId = sender?.tab?.id;
  if (typeof tabId !== 'number') return null;
  return { tabId, frameIds: [typeof sender?.frameId === 'number' ? sender.frameId : 0] };
}

/** Runs one of this extension's scripts in the sender's own frame. */
export async function injectIntoSender(sender: SenderInfo | undefined, file: ScriptPublicPath): Promise<InjectResult> {
  const target = senderFrame(sender);
  if (!target) return { ok: false, error: 'not a content script' };
  const scripting = (browser as { scripting?: typeof browser.scripting }).scripting;
  if (!scripting?.executeScript) return { ok: false, error: 'this browser has no scripting API' };
  try {
    await scripting.executeScript({ target, files: [file] });
    return { ok: true };
  } catch (err) {
    console.warn(`[crm-coach] ${file} could not load`, err);
    return { ok: false, error: String(err) };
  }
}

/** loadOverlay: a coach's content script asks for the overlay UI in its own frame (utils/message-access.ts). */
export function registerOverlayHandler(): () => void {
  return onGuardedMessage('loadOverlay', ({ sender }) => injectIntoSender(sender, OVERLAY_SCRIPT));
}
