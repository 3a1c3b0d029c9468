/**
 * What the coach remembers of this tab (docs/architecture.md, "The content script"): the page it
 * is on (navigation key) and the record (nudges are followed per record), the tips shown and
 * closed on this page, what the user dismissed, snoozed or completed here before the background
 * says so, and the nudges' done marks and latest announcement. A pure reducer: each action gives
 * a new session (the same one when nothing changed); the controller records the events.
 */
import type { ItemState } from '@/utils/usage/types';

/** What this tab did to an item, on top of its stored state. */
export interface LocalItem {
  dismissed?: boolean;
  snoozedUntil?: number;
  completed?: boolean;
  /** Shows recorded in this tab: the stored count when the first one was made, and how many since. */
  shownBase?: number;
  shownCount?: number;
}

export interface Session {
  /** The page (navigationKey): a new one starts a new page.view and shows tips again. */
  readonly navKey: string;
  /** The record whose nudges are followed (its key, or `page:<navKey>` without one). */
  readonly recordKey: string;
  readonly local: ReadonlyMap<string, LocalItem>;
  /** Tips shown on this page, with the show count they had before it (the engine does not count this page's show against them). */
  readonly navShown: ReadonlyMap<string, number>;
  /** Tips closed on this page (not shown again on it). */
  readonly closedOnPage: ReadonlySet<string>;
  /** Nudge field keys filled on this record after being seen empty. */
  readonly nudgeDone: ReadonlySet<string>;
  /** The latest confirmation for a filled field (announced politely). */
  readonly announcement: string;
}

export type SessionAction =
  /** An update read this page and record. */
  | { type: 'page'; navKey: string; recordKey: string }
  /** Tips the user can now see (new on this page; see unseen()); `stored`: the background's item states. */
  | { type: 'shown'; keys: readonly string[]; stored: Readonly<Record<string, ItemState>> }
  /** Got it (no `until`) or Not now (snoozed until `until`). */
  | { type: 'dismissed'; key: string; until?: number }
  | { type: 'completed'; key: string }
  /** The nudge tracker's done marks; `announcement` when a field was just filled. */
  | { type: 'nudges'; done: ReadonlySet<string>; announcement?: string };

const NONE: ReadonlySet<string> = new Set();

export const EMPTY_SESSION: Session = {
  navKey: '',
  recordKey: '',
  local: new Map(),
  navShown: new Map(),
  closedOnPage: NONE,
  nudgeDone: NONE,
  announcement: '',
};

/**
 * What makes a new page for the coach (a page.view, tips shown again per page): the URL without
 * its hash, plus the record. SuiteCRM's ajaxUI moves between records by the hash only, and its
 * reader keys each record (docs/adapters.md); an in-page anchor (#section) is not a new page.
 */
export function navigationKey(url: URL, recordKey: string | null): string {
  // Asked on every batch with the same URL object (the content script parses the URL again only
  // when it changed, and never changes a URL object): the last answer is kept.
  if (url !== lastNav.url || recordKey !== lastNav.recordKey) {
    lastNav = { url, recordKey, key: `${url.origin}${url.pathname}${url.search}|${recordKey ?? ''}` };
  }
  return lastNav.key;
}
let lastNav: { url: URL | null; recordKey: string | null; key: string } = { url: null, recordKey: null, key: '' };

const storedItem = (stored: Readonly<Record<string, ItemState>>, key: string): ItemState => stored[key] ?? { key, shown: 0, dismissed: false, completed: false };

/** How often a tip has been shown: stored, or what this tab recorded when more. */
function shownNow(local: Session['local'], stored: Readonly<Record<string, ItemState>>, key: string): number {
  const before = storedItem(stored, key).shown;
  const l = local.get(key);
  return l?.shownBase !== undefined ? Math.max(before, l.shownBase + (l.shownCount ?? 0)) : before;
}

/** The tab's state of an item, changed. */
const withLocal = (local: Session['local'], key: string, change: LocalItem) => new Map(local).set(key, { ...local.get(key), ...change });

export function reduceSession(s: Session, a: SessionAction): Session {
  switch (a.type) {
    case 'page': {
      const samePage = a.navKey === s.navKey;
      const sameRecord = a.recordKey === s.recordKey;
      if (samePage && sameRecord) return s;
      return {
        ...s,
        navKey: a.navKey,
        recordKey: a.recordKey,
        navShown: samePage ? s.navShown : new Map(),
        closedOnPage: samePage ? s.closedOnPage : NONE,
        announcement: sameRecord ? s.announcement : '',
      };
    }
    case 'shown': {
      const navShown = new Map(s.navShown);
      const local = new Map(s.local);
      for (const key of a.keys) {
        if (navShown.has(key)) continue;
        navShown.set(key, shownNow(local, a.stored, key));
        const l = local.get(key);
        local.set(key, { ...l, shownBase: l?.shownBase ?? storedItem(a.stored, key).shown, shownCount: (l?.shownCount ?? 0) + 1 });
      }
      return navShown.size === s.navShown.size ? s : { ...s, navShown, local };
    }
    case 'dismissed':
      return { ...s, local: withLocal(s.local, a.key, a.until === undefined ? { dismissed: true } : { snoozedUntil: a.until }), closedOnPage: new Set(s.closedOnPage).add(a.key) };
    case 'completed':
      return { ...s, local: withLocal(s.local, a.key, { completed: true }) };
    case 'nudges':
      return { ...s, nudgeDone: a.done, announcement: a.announcement ?? s.announcement };
  }
}

/** Tips not yet shown on this page, each once. */
export function unseen<T extends { key: string }>(s: Session, tips: readonly T[]): T[] {
  const keys = new Set<string>();
  return tips.filter((tp) => !s.navShown.has(tp.key) && !keys.has(tp.key) && !!keys.add(tp.key));
}

/** Item states for the engine and the view: stored state, plus what this tab did, with shows of this page left out. */
export function itemsForEngine(s: Session, stored: Readonly<Record<string, ItemState>>): Record<string, ItemState> {
  const out: Record<string, ItemState> = { ...stored };
  for (const [key, l] of s.local) {
    const st = storedItem(stored, key);
    out[key] = {
      ...st,
      shown: shownNow(s.local, stored, key),
      dismissed: st.dismissed || !!l.dismissed,
      snoozedUntil: Math.max(st.snoozedUntil ?? 0, l.snoozedUntil ?? 0) || undefined,
      completed: st.completed || !!l.completed,
    };
  }
  for (const [key, before] of s.navShown) out[key] = { ...(out[key] ?? storedItem(stored, key)), shown: before };
  return out;
}

/** The tab's session as it is now, changed only through the reducer. */
export interface SessionStore {
  readonly current: Session;
  apply(a: SessionAction): void;
}

export function createSessionStore(): SessionStore {
  let current = EMPTY_SESSION;
  return {
    get current() {
      return current;
    },
    apply(a) {
      current = reduceSession(current, a);
    },
  };
}
