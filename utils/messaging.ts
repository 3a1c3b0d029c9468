/**
 * The one protocol between content scripts, the background worker and the extension pages.
 * Every message is typed here; nothing else sends runtime messages. Who may send each one is
 * the table in utils/message-access.ts.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { PackFailure } from './packs/messages';
import type { InstalledPack, Pack } from './packs/types';
import type { EffectiveSettings, Settings } from './settings';
import type { Catalog, UiLanguage } from './i18n';
import type { ItemState, UsageEvent } from './usage/types';
import type { PopupData } from './usage/progress';
import type { MdBlock } from './markdown-tree';
import type { DraftItem } from './author/draft';
import type { Recording } from './author/recording';
import type { TourProgress } from './coach/tour';

/** Everything the in-page coach needs for one page. */
export interface CoachState {
  packs: Pack[];
  settings: EffectiveSettings;
  /** Item state keyed `<packId>/<itemId>`. */
  items: Record<string, ItemState>;
  /** Nudge fields already rewarded on this record: `<packId>/<nudgeId>|<field label>`. */
  resolved: string[];
  /** Per-install salt for record hashes. */
  salt: string;
  /** Coaching paused on this host. */
  paused: boolean;
  /** The overlay's UI strings (`coach_` keys) per UI language; keeps catalogs out of the content bundle. */
  strings?: Partial<Record<UiLanguage, Catalog>>;
  /**
   * Every Markdown body of `packs` (tip, snippet and tour step bodies, each language's text)
   * parsed into its safe tree, keyed by the Markdown text itself; keeps the parser out of the
   * content bundle. Read with Object.hasOwn (keys are pack text).
   */
  bodies?: Record<string, MdBlock[]>;
  /**
   * Names the part of this state that is the same for every page (packs, settings, salt, and what
   * comes from them): a page that holds it asks for the next record's part only (getRecordState).
   */
  stamp?: string;
}

/** The part of the coach state that changes from one record to the next (getRecordState). */
export type RecordState = Pick<CoachState, 'items' | 'resolved' | 'paused'> & { stamp: string };

export type PackResult =
  | { ok: true; pack: InstalledPack; needsHosts?: string[] }
  /** errors in English, problems as data the options page words in the user's language. */
  | PackFailure;

export interface ProtocolMap {
  /** Durable ingestion: the background answers with the ids it has stored (or already had). */
  recordEvents(events: UsageEvent[]): { acked: string[] };
  getCoachState(data: { url: string; recordKey: string | null }): CoachState;
  /**
   * A page that holds the state stamped `stamp`, on another record: that record's part, or null
   * when the rest changed since (packs, settings): then it asks getCoachState.
   */
  getRecordState(data: { url: string; recordKey: string | null; stamp: string }): RecordState | null;
  /** From the coach in a tab: pause its own host, or move its launcher (the host comes from the sender). */
  setPagePrefs(data: { paused?: boolean; launcher?: { crm: string; right: number; bottom: number } }): void;
  /** Guided tours' resume points (storage.local is for trusted contexts only). */
  getTourProgress(): TourProgress;
  saveTourProgress(data: TourProgress): void;
  /** The popup's first screen: progress computed from the daily rollups (never raw events). */
  getPopupData(): PopupData;
  /** From the popup: coach a tab that shows a pack site (activeTab grant from the toolbar click). */
  coachTab(data: { tabId: number; url: string }): { coached: boolean; site?: string; error?: string };

  listPacks(): InstalledPack[];
  installPackText(data: { text: string; fileName?: string }): PackResult;
  addPackUrl(data: { url: string }): PackResult;
  setPackEnabled(data: { id: string; enabled: boolean }): InstalledPack[];
  removePack(data: { id: string }): InstalledPack[];
  refreshPacks(): InstalledPack[];

  getSettings(): EffectiveSettings;
  setSettings(data: Partial<Settings>): EffectiveSettings;

  exportData(): string;
  exportRollupsCsv(): string;
  exportSummary(): string;
  importData(data: { json: string }): { ok: true; events: number } | { ok: false; error: string };
  deleteData(): { ok: true };

  /** Popup -> content script of a CRM tab (sent with the tab id): open this snippet in the page. */
  openSnippet(data: { packId: string; snippetId: string }): boolean;
  /**
   * Background -> content scripts of open tabs: packs, settings or the policy changed; the coach
   * asks for its state again and re-plans without a reload (utils/coach-changes.ts).
   */
  coachChanged(): void;

  /**
   * Content script -> background: load the overlay's React UI into the sender's own tab and
   * frame (docs/architecture.md, "Budgets").
   */
  loadOverlay(): { ok: true } | { ok: false; error: string };

  // Author mode (docs/authoring.md).
  /** Content script -> background: load the author mode's script into the sender's tab and frame. */
  startAuthor(): { ok: true } | { ok: false; error: string };
  /** Author mode -> background: add one item to the draft pack (validated like any pack). */
  saveDraftItem(data: DraftItem): PackResult & { key?: string };
  /** The draft pack, or null. */
  getDraftPack(): Pack | null;
  /** Author mode -> background: the tour being recorded in this tab, kept across page loads (null ends it). */
  setAuthorRecording(data: Recording | null): boolean;
  /** The tour being recorded in the sender's tab on this origin, or null. */
  getAuthorRecording(): Recording | null;
  /** Options page: replace the draft pack with edited JSON or YAML text. */
  saveDraftPack(data: { text: string; fileName?: string }): PackResult;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
