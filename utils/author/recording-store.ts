/**
 * The background's hold on tours being recorded (docs/authoring.md "Tours are recorded"): one
 * recording per tab and page origin, in memory and mirrored in storage.session so a restarted
 * service worker still has it; gone when the tab closes or the recording ends. What a content
 * script sends is checked here: bounded text, targets in the pack format's shape.
 */
import { z } from 'zod';
import { browser } from 'wxt/browser';
import { targetSchema } from '../packs/schema';
import { MAX_RECORDED_STEPS, type Recording } from './recording';

const line = (max: number) => z.string().max(max);
const advanceOn = z.enum(['next', 'click', 'input']);

const recordingSchema = z.strictObject({
  form: z.strictObject({ tourTitle: line(200), crm: line(500), object: line(500), page: line(200), roles: line(500), advanceOn }),
  steps: z
    .array(z.strictObject({ target: targetSchema, title: line(200), body: line(4000), advanceOn }))
    .min(1)
    .max(MAX_RECORDED_STEPS),
});

/** A recording sent by a content script, checked; null when it is not one. */
export function parseRecording(value: unknown): Recording | null {
  const parsed = recordingSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The key of a tab's recording: the tab and the origin it was recorded on (another site gets none). */
export function recordingKey(tabId: number, pageUrl: string | undefined): string | null {
  try {
    return pageUrl ? `author.recording.${tabId}.${new URL(pageUrl).origin}` : null;
  } catch {
    return null;
  }
}

export interface RecordingStore {
  get(key: string): Promise<Recording | null>;
  set(key: string, recording: Recording | null): Promise<void>;
  /** Forgets every recording of a tab (it closed). */
  dropTab(tabId: number): Promise<void>;
}

type SessionArea = { get(keys: null): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void>; remove(keys: string[]): Promise<void> };

function sessionArea(): SessionArea | null {
  return ((browser.storage as unknown as { session?: SessionArea }).session ?? null) as SessionArea | null;
}

/** Memory first; storage.session (trusted contexts only) when the browser has it. */
export function createRecordingStore(area: SessionArea | null = sessionArea()): RecordingStore {
  const memory = new Map<string, Recording>();
  return {
    async get(key) {
      const held = memory.get(key);
      if (held) return held;
      if (!area) return null;
      try {
        const found = parseRecording((await area.get(null))[key]);
        if (found) memory.set(key, found);
        return found;
      } catch {
        return null;
      }
    },
    async set(key, recording) {
      if (recording) memory.set(key, recording);
      else memory.delete(key);
      try {
        if (recording) await area?.set({ [key]: recording });
        else await area?.remove([key]);
      } catch (err) {
        console.warn('[crm-coach] author: the recording is kept in memory only', err);
      }
    },
    async dropTab(tabId) {
      const prefix = `author.recording.${tabId}.`;
      for (const key of [...memory.keys()]) if (key.startsWith(prefix)) memory.delete(key);
      try {
        const all = area ? await area.get(null) : {};
        const keys = Object.keys(all).filter((k) => k.startsWith(prefix));
        if (keys.length) await area?.remove(keys);
      } catch {
        // Nothing to forget.
      }
    },
  };
}
