/**
 * Background side of author mode (docs/authoring.md): loading the author script into a tab on
 * request, and the draft pack, stored like every pack (source "draft") and validated by the same
 * gate. Each handler names who may call it: the author script is loaded only for a content script
 * of this extension (pages cannot send runtime messages); the draft is edited whole only from an
 * extension page. A draft obeys the policy's allowUserPacks like any pack the user adds.
 */
import { browser } from 'wxt/browser';
import type { PackResult } from '../messaging';
import { onGuardedMessage } from '../message-guard';
import { injectIntoSender } from '../inject';
import { getEffectiveSettings } from '../settings-store';
import { msg, packFailure } from '../packs/messages';
import { parsePackText } from '../packs/parse';
import { installPack, listInstalled } from '../packs/store';
import { validatePack } from '../packs/validate';
import type { Pack } from '../packs/types';
import { addToDraft, DRAFT_ID, type DraftItem } from './draft';
import { createRecordingStore, parseRecording, recordingKey, type RecordingStore } from './recording-store';

/** The author mode's script, built from entrypoints/author.content (registration "runtime"). */
export const AUTHOR_SCRIPT = '/content-scripts/author.js';

export interface SenderLike {
  id?: string;
  url?: string;
  tab?: { id?: number };
  frameId?: number;
}

/** Who sent a message: one of this extension's pages, one of its content scripts, or anyone else. */
export function senderKind(sender: SenderLike | undefined, extensionId: string, extensionOrigin: string): 'page' | 'content' | 'other' {
  if (!sender || sender.id !== extensionId) return 'other';
  if (sender.url?.startsWith(extensionOrigin)) return 'page';
  return sender.tab?.id !== undefined ? 'content' : 'other';
}

type SenderKind = ReturnType<typeof senderKind>;

function browserSenderKind(sender: SenderLike | undefined): SenderKind {
  return senderKind(sender, browser.runtime.id, browser.runtime.getURL('/'));
}

export async function getDraftPack(): Promise<Pack | null> {
  return (await listInstalled()).find((p) => p.pack.id === DRAFT_ID)?.pack ?? null;
}

/** Adds one authored item to the draft pack; the whole draft passes validation first. */
export async function saveDraftItem(item: DraftItem): Promise<PackResult & { key?: string }> {
  if (!(await getEffectiveSettings()).allowUserPacks) return packFailure([msg('pack_user_packs_off')]);
  let next: { pack: Pack; key: string };
  try {
    next = addToDraft(await getDraftPack(), item);
  } catch {
    return packFailure([msg('pack_draft_item_bad')]);
  }
  const valid = validatePack(next.pack);
  if (!valid.ok) return valid;
  const result = await installPack(valid.pack, { source: 'draft' });
  return result.ok ? { ...result, key: next.key } : result;
}

/** Replaces the draft with edited text (the options page); its id stays the draft's. */
export async function saveDraftPack(text: string, fileName?: string): Promise<PackResult> {
  if (!(await getEffectiveSettings()).allowUserPacks) return packFailure([msg('pack_user_packs_off')]);
  const parsed = parsePackText(text, fileName);
  if (!parsed.ok) return parsed;
  if (parsed.pack.id !== DRAFT_ID) return packFailure([msg('pack_draft_id_fixed', DRAFT_ID)]);
  return installPack(parsed.pack, { source: 'draft' });
}

function refused(): PackResult {
  return packFailure([msg('pack_not_allowed_here')]);
}

/** `kindOf` and `recordings` are for tests (a fake browser sends an empty sender). */
export function registerAuthorHandlers(
  kindOf: (sender: SenderLike | undefined) => SenderKind = browserSenderKind,
  recordings: RecordingStore = createRecordingStore(),
): () => void {
  // A tour being recorded is kept per tab and origin, for the content script of that tab only.
  const keyOf = (sender: SenderLike | undefined) => (kindOf(sender) === 'content' && sender?.tab?.id !== undefined ? recordingKey(sender.tab.id, sender.url) : null);
  const onTabRemoved = (tabId: number) => void recordings.dropTab(tabId);
  browser.tabs?.onRemoved?.addListener(onTabRemoved);
  const removers = [
    () => browser.tabs?.onRemoved?.removeListener(onTabRemoved),
    onGuardedMessage('getAuthorRecording', ({ sender }) => {
      const key = keyOf(sender);
      return key ? recordings.get(key) : null;
    }),
    onGuardedMessage('setAuthorRecording', async ({ data, sender }) => {
      const key = keyOf(sender);
      if (!key) return false;
      const recording = data === null ? null : parseRecording(data);
      if (data !== null && !recording) return false;
      await recordings.set(key, recording);
      return true;
    }),
    onGuardedMessage('startAuthor', ({ sender }) =>
      kindOf(sender) === 'content' ? injectIntoSender(sender, AUTHOR_SCRIPT) : { ok: false as const, error: 'not a content script' },
    ),
    onGuardedMessage('saveDraftItem', ({ data, sender }) => (kindOf(sender) === 'other' ? refused() : saveDraftItem(data))),
    onGuardedMessage('getDraftPack', ({ sender }) => (kindOf(sender) === 'other' ? null : getDraftPack())),
    onGuardedMessage('saveDraftPack', ({ data, sender }) => (kindOf(sender) === 'page' ? saveDraftPack(String(data?.text ?? ''), data?.fileName) : refused())),
  ];
  return () => removers.forEach((remove) => remove());
}
