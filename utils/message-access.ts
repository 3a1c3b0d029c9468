/**
 * Who may call which background handler: the one table, and the check every handler runs
 * before it does anything (docs/architecture.md "Messages").
 *
 * Two kinds of caller exist, told apart from what the browser says about the sender (never
 * from the message itself, which a compromised renderer can write as it likes):
 *
 * - 'extension-page': the popup and the options page. `sender.id` is this extension and
 *   `sender.url` is on the extension's own origin (chrome-extension://<id>/ or
 *   moz-extension://<uuid>/), with no tab or a tab showing an extension page.
 * - 'content-script': the coach in a CRM tab. `sender.tab` is set and `sender.url` is an
 *   http(s) page where the coach is allowed to run: a built-in CRM host, or a host a pack site
 *   of an enabled pack matches (the caller supplies that test). A content script only ever
 *   speaks for its own page: handlers that take a URL check it against `sender.url`.
 *
 * Anything else (another extension, a web page through externally_connectable, a content
 * script on a host the coach does not coach) is refused. Privileged handlers (installs,
 * settings, export, import, delete) list extension pages only, so a CRM page that takes over
 * its renderer cannot reach them through the content script's messaging.
 */
import type { ProtocolMap } from './messaging';

export type Caller = 'extension-page' | 'content-script';

/** The table. A handler missing here cannot be registered (see guardedHandler). */
export const MESSAGE_ACCESS: { readonly [K in keyof ProtocolMap]: readonly Caller[] } = {
  // The coach in a tab: its own page's state, its own events and preferences.
  getCoachState: ['content-script'],
  getRecordState: ['content-script'],
  recordEvents: ['content-script', 'extension-page'],
  setPagePrefs: ['content-script'],
  getTourProgress: ['content-script'],
  saveTourProgress: ['content-script'],
  // The overlay's UI is loaded on demand, into the asking content script's own frame only.
  loadOverlay: ['content-script'],
  // Author mode runs in a coach tab (docs/authoring.md): it may load its script and add one
  // validated item to the draft pack (never another pack); the draft is edited whole only from
  // the options page.
  startAuthor: ['content-script'],
  saveDraftItem: ['content-script'],
  // A tour being recorded, kept per tab across page loads (its own tab's only).
  setAuthorRecording: ['content-script'],
  getAuthorRecording: ['content-script'],
  getDraftPack: ['content-script', 'extension-page'],
  saveDraftPack: ['extension-page'],
  // Extension pages only.
  getPopupData: ['extension-page'],
  coachTab: ['extension-page'],
  listPacks: ['extension-page'],
  installPackText: ['extension-page'],
  addPackUrl: ['extension-page'],
  setPackEnabled: ['extension-page'],
  removePack: ['extension-page'],
  refreshPacks: ['extension-page'],
  getSettings: ['extension-page'],
  setSettings: ['extension-page'],
  exportData: ['extension-page'],
  exportRollupsCsv: ['extension-page'],
  exportSummary: ['extension-page'],
  importData: ['extension-page'],
  deleteData: ['extension-page'],
  // Popup -> content script (tabs.sendMessage): the content script checks it came from an extension page.
  openSnippet: ['extension-page'],
  // Background -> content scripts (tabs.sendMessage); the background never handles it.
  coachChanged: [],
};

/** What the browser tells a listener about a message's sender (runtime.MessageSender). */
export interface SenderInfo {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number; url?: string };
  frameId?: number;
}

export interface SenderContext {
  /** This extension's id (runtime.id). */
  extensionId: string;
  /** This extension's origin with a trailing slash (runtime.getURL('')). */
  extensionBase: string;
  /** True when the coach may run on this http(s) page URL (built-in CRM host or enabled pack site). */
  coachAllowed(url: string): boolean | Promise<boolean>;
}

/** Which kind of caller the sender is, or null when it is neither. */
export async function callerOf(sender: SenderInfo | undefined, ctx: SenderContext): Promise<Caller | null> {
  if (!sender || sender.id !== ctx.extensionId || typeof sender.url !== 'string') return null;
  const onExtension = (u: string | undefined) => typeof u === 'string' && u.startsWith(ctx.extensionBase);
  if (onExtension(sender.url)) {
    return !sender.tab || onExtension(sender.tab.url) ? 'extension-page' : null;
  }
  if (!sender.tab || !/^https?:\/\//i.test(sender.url)) return null;
  try {
    return (await ctx.coachAllowed(sender.url)) ? 'content-script' : null;
  } catch {
    return null;
  }
}

/** True when the sender may call the handler (the table, then the sender's kind). */
export async function senderAllowed(name: keyof ProtocolMap, sender: SenderInfo | undefined, ctx: SenderContext): Promise<boolean> {
  const allowed = Object.hasOwn(MESSAGE_ACCESS, name) ? MESSAGE_ACCESS[name] : [];
  if (allowed.length === 0) return false;
  const caller = await callerOf(sender, ctx);
  return caller !== null && allowed.includes(caller);
}

/** True when a URL a content script sent is on the page it runs in (same origin). */
export function ownPage(sender: SenderInfo | undefined, url: string): boolean {
  try {
    return !!sender?.url && new URL(url).origin === new URL(sender.url).origin;
  } catch {
    return false;
  }
}

export class RefusedSender extends Error {
  constructor(name: string) {
    super(`refused: ${name} is not available to this sender`);
    this.name = 'RefusedSender';
  }
}
