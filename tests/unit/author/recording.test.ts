// A tour being recorded survives a full page load: the background keeps it per tab and origin,
// checks what a content script sends, and forgets it when the recording ends or the tab closes.
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { registerAuthorHandlers } from '@/utils/author/background';
import { formForPage } from '@/utils/author/form';
import { formOfRecording, recordingOf, type Recording } from '@/utils/author/recording';
import { createRecordingStore, parseRecording, recordingKey } from '@/utils/author/recording-store';
import { sendMessage } from '@/utils/messaging';
import { sendAs } from '../../fake-sender';

const PAGE = { crm: 'salesforce', object: { label: 'Opportunity', apiName: 'Opportunity' }, page: 'record' as const };
const STEP = { target: { selector: 'button[name="Edit"]' }, title: 'Open the editor', body: 'Click **Edit**.', advanceOn: 'click' as const };

function recording(): Recording {
  const form = { ...formForPage(PAGE, 'tour-step'), tourTitle: 'Edit an opportunity', title: 'unsent', body: 'unsent' };
  return recordingOf(form, [STEP])!;
}

/** An in-memory storage.session area. */
function area() {
  const items: Record<string, unknown> = {};
  return {
    items,
    async get() {
      return { ...items };
    },
    async set(more: Record<string, unknown>) {
      Object.assign(items, JSON.parse(JSON.stringify(more)));
    },
    async remove(keys: string[]) {
      for (const k of keys) delete items[k];
    },
  };
}

describe('a tour being recorded', () => {
  it('is the tour part of the form and the steps; a tip or an empty tour is no recording', () => {
    const r = recording();
    expect(r).toEqual({ form: { tourTitle: 'Edit an opportunity', crm: 'salesforce', object: 'Opportunity', page: 'record', roles: '', advanceOn: 'next' }, steps: [STEP] });
    expect(recordingOf(formForPage(PAGE, 'tip'), [STEP])).toBeNull();
    expect(recordingOf(formForPage(PAGE, 'tour-step'), [])).toBeNull();
    expect(formOfRecording(r)).toEqual({ ...formForPage(PAGE, 'tour-step'), tourTitle: 'Edit an opportunity' });
  });

  it('is checked when sent: bad targets, unknown keys, too many steps and huge text are refused', () => {
    expect(parseRecording(recording())).toEqual(recording());
    expect(parseRecording({ ...recording(), steps: [{ ...STEP, target: { selector: 'a', value: '$48,000' } }] })).toBeNull();
    expect(parseRecording({ ...recording(), url: 'https://x' })).toBeNull();
    expect(parseRecording({ ...recording(), steps: Array.from({ length: 51 }, () => STEP) })).toBeNull();
    expect(parseRecording({ ...recording(), steps: [{ ...STEP, body: 'x'.repeat(4001) }] })).toBeNull();
    expect(parseRecording({ ...recording(), steps: [] })).toBeNull();
    expect(parseRecording('nope')).toBeNull();
  });

  it('survives a restarted worker through storage.session, and is forgotten when its tab closes', async () => {
    const session = area();
    const key = recordingKey(4, 'https://acme.lightning.force.com/lightning/r/Opportunity/x/view')!;
    expect(key).toBe('author.recording.4.https://acme.lightning.force.com');
    await createRecordingStore(session).set(key, recording());
    const restarted = createRecordingStore(session);
    expect(await restarted.get(key)).toEqual(recording());
    await restarted.dropTab(4);
    expect(await createRecordingStore(session).get(key)).toBeNull();
    expect(session.items).toEqual({});
  });

  it('is kept for the content script of its own tab and origin only', async () => {
    const store = createRecordingStore(null);
    const url = (host: string) => `https://${host}/lightning/r/Opportunity/x/view`;
    const stop = registerAuthorHandlers(() => 'content', store);
    try {
      sendAs({ id: fakeBrowser.runtime.id, url: url('acme.lightning.force.com'), tab: { id: 7 }, frameId: 0 });
      expect(await sendMessage('getAuthorRecording')).toBeNull();
      expect(await sendMessage('setAuthorRecording', recording())).toBe(true);
      expect(await sendMessage('setAuthorRecording', { steps: 'bad' } as unknown as Recording)).toBe(false);
      expect(await sendMessage('getAuthorRecording')).toEqual(recording());
      // The same tab on another site, and another tab, see nothing.
      sendAs({ id: fakeBrowser.runtime.id, url: url('other.lightning.force.com'), tab: { id: 7 }, frameId: 0 });
      expect(await sendMessage('getAuthorRecording')).toBeNull();
      sendAs({ id: fakeBrowser.runtime.id, url: url('acme.lightning.force.com'), tab: { id: 8 }, frameId: 0 });
      expect(await sendMessage('getAuthorRecording')).toBeNull();
      // Ending it (saved, or the trainer left) forgets it.
      sendAs({ id: fakeBrowser.runtime.id, url: url('acme.lightning.force.com'), tab: { id: 7 }, frameId: 0 });
      expect(await sendMessage('setAuthorRecording', null)).toBe(true);
      expect(await sendMessage('getAuthorRecording')).toBeNull();
    } finally {
      sendAs(null);
      stop();
    }
    // Not a content script (the options page): refused by the sender table.
    const stopPage = registerAuthorHandlers(() => 'page', store);
    try {
      await expect(sendMessage('getAuthorRecording')).rejects.toThrow(/refused/);
    } finally {
      stopPage();
    }
  });
});
