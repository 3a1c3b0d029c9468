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
  return `${url.origin}${url.pathname}${url.search}|${recordKey ?? ''}`;
}

const storedItem = (stored: Readonly<Record<string, ItemState>>, key: string): ItemState => stored[key] ?? { key, shown: 0, dismissed: false, completed: false };

/** How often a tip has been shown: stored, or what this tab recorded when more. */
function shownNow(local: Session['local'], stored: Readonly<Record<string, ItemState>>, key: string): number {
  const before = storedItem(stored, key).shown;
  const l = local.get(key);
  return l?.shownBase !== undefined ? Math.max(before, l.shownBase + (l.shownCount ?? 0)) : before;
}

function withLocal(s: Session, key: string, change: (l: LocalItem) => LocalItem): Map<string, LocalItem> {
  const local = new Map(s.local);
  local.set(key, change(s.local.get(key) ?? {}));
  return local;
}

export function reduceSession(s: Session, a: SessionAction): Session {
  switch (a.type) {
    case 'page': {
      if (a.navKey === s.navKey && a.recordKey === s.recordKey) return s;
      const newPage = a.navKey !== s.navKey;
      const newRecord = a.recordKey !== s.recordKey;
      return {
        ...s,
        navKey: a.navKey,
        recordKey: a.recordKey,
        navShown: newPage ? new Map() : s.navShown,
        closedOnPage: newPage ? NONE : s.closedOnPage,
        announcement: newRecord ? '' : s.announcement,
      };
    }
    case 'shown': {
      const keys = a.keys.filter((k) => !s.navShown.has(k));
      if (!keys.length) return s;
      const navShown = new Map(s.navShown);
      const local = new Map(s.local);
      for (const key of keys) {
        if (navShown.has(key)) continue;
        navShown.set(key, shownNow(local, a.stored, key));
        const l = local.get(key) ?? {};
        local.set(key, { ...l, shownBase: l.shownBase ?? storedItem(a.stored, key).shown, shownCount: (l.shownCount ?? 0) + 1 });
      }
      return { ...s, navShown, local };
    }
    case 'dismissed': {
      const closedOnPage = new Set(s.closedOnPage).add(a.key);
      const local = withLocal(s, a.key, (l) => (a.until !== undefined ? { ...l, snoozedUntil: a.until } : { ...l, dismissed: true }));
      return { ...s, local, closedOnPage };
    }
    case 'completed':
      return { ...s, local: withLocal(s, a.key, (l) => ({ ...l, completed: true })) };
    case 'nudges':
      return { ...s, nudgeDone: a.done, announcement: a.announcement ?? s.announcement };
  }
}

/** Tips not yet shown on this page, each once. */
export function unseen<T extends { key: string }>(s: Session, tips: readonly T[]): T[] {
  let out: T[] | null = null;
  for (const tp of tips) {
    if (s.navShown.has(tp.key) || out?.some((x) => x.key === tp.key)) continue;
    (out ??= []).push(tp);
  }
  return out ?? [];
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
