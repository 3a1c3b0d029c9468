// What the coach remembers of this tab (entrypoints/content/session.ts): pages and records, tips
// shown and closed on this page, local dismissals, snoozes and completions, nudge marks.
import { describe, expect, it } from 'vitest';
import { EMPTY_SESSION, itemsForEngine, navigationKey, reduceSession, unseen, type Session, type SessionAction } from '@/entrypoints/content/session';
import type { ItemState } from '@/utils/usage/types';

const run = (actions: SessionAction[], from: Session = EMPTY_SESSION) => actions.reduce(reduceSession, from);
const page = (navKey: string, recordKey = navKey): SessionAction => ({ type: 'page', navKey, recordKey });
const stored: Record<string, ItemState> = { 'acme/a': { key: 'acme/a', shown: 2, dismissed: false, completed: false } };

describe('session', () => {
  it('a navigation key is the URL without its hash, plus the record', () => {
    const u = (s: string) => new URL(s);
    expect(navigationKey(u('https://crm.example/index.php?module=A#details'), null)).toBe(navigationKey(u('https://crm.example/index.php?module=A'), null));
    expect(navigationKey(u('https://crm.example/index.php#ajaxUILoc=1'), 'r1')).not.toBe(navigationKey(u('https://crm.example/index.php#ajaxUILoc=2'), 'r2'));
    expect(navigationKey(u('https://crm.example/a?x=1'), null)).not.toBe(navigationKey(u('https://crm.example/a?x=2'), null));
  });

  it('counts a tip shown once per page, not against itself on that page, and again on the next page', () => {
    let s = run([page('p1')]);
    s = reduceSession(s, { type: 'shown', keys: ['acme/a', 'acme/b'], stored });
    // The engine sees the count from before this page; the tab remembers one more show.
    expect(itemsForEngine(s, stored)['acme/a'].shown).toBe(2);
    expect(itemsForEngine(s, stored)['acme/b'].shown).toBe(0);
    const same = reduceSession(s, { type: 'shown', keys: ['acme/a'], stored });
    expect(same).toBe(s);
    expect(unseen(s, [{ key: 'acme/a' }, { key: 'acme/c' }, { key: 'acme/c' }])).toEqual([{ key: 'acme/c' }]);

    // A new page: the shows of the last one now count, and the tip can be shown (and counted) again.
    s = reduceSession(s, page('p2'));
    expect(itemsForEngine(s, stored)['acme/a'].shown).toBe(3);
    expect(unseen(s, [{ key: 'acme/a' }])).toHaveLength(1);
    s = reduceSession(s, { type: 'shown', keys: ['acme/a'], stored });
    s = reduceSession(s, page('p3'));
    expect(itemsForEngine(s, stored)['acme/a'].shown).toBe(4);
    // The background caught up (stored count higher): the higher count wins.
    expect(itemsForEngine(s, { 'acme/a': { ...stored['acme/a'], shown: 9 } })['acme/a'].shown).toBe(9);
  });

  it('a dismissed or snoozed tip stays closed across pages; closed-on-page is per page', () => {
    let s = run([page('p1'), { type: 'dismissed', key: 'acme/a' }, { type: 'dismissed', key: 'acme/b', until: 1000 }]);
    expect([...s.closedOnPage]).toEqual(['acme/a', 'acme/b']);
    s = reduceSession(s, page('p2'));
    expect(s.closedOnPage.size).toBe(0);
    const items = itemsForEngine(s, stored);
    expect(items['acme/a']).toMatchObject({ dismissed: true, shown: 2 });
    expect(items['acme/b']).toMatchObject({ dismissed: false, snoozedUntil: 1000 });
    // A later stored snooze wins over the local one.
    expect(itemsForEngine(s, { 'acme/b': { key: 'acme/b', shown: 0, dismissed: false, completed: false, snoozedUntil: 5000 } })['acme/b'].snoozedUntil).toBe(5000);
  });

  it('a completed item is completed until the stored state says so too', () => {
    const s = run([page('p1'), { type: 'completed', key: 'acme/s' }]);
    expect(itemsForEngine(s, {})['acme/s']).toMatchObject({ completed: true, dismissed: false, shown: 0 });
    expect(itemsForEngine(EMPTY_SESSION, stored)).toEqual(stored);
  });

  it('a new record forgets the announcement; the same page and record change nothing', () => {
    let s = run([page('p1', 'r1'), { type: 'nudges', done: new Set(['acme/n|Amount']), announcement: 'Amount filled' }]);
    expect(s.announcement).toBe('Amount filled');
    expect(reduceSession(s, page('p1', 'r1'))).toBe(s);
    // Nudges seen again without a new fill keep the announcement.
    s = reduceSession(s, { type: 'nudges', done: new Set(['acme/n|Amount']) });
    expect(s.announcement).toBe('Amount filled');
    s = reduceSession(s, page('p1', 'r2'));
    expect(s.announcement).toBe('');
    expect(s.recordKey).toBe('r2');
  });

  it('never changes the session it is given', () => {
    const s = run([page('p1'), { type: 'shown', keys: ['acme/a'], stored }]);
    const copy = { local: new Map(s.local), navShown: new Map(s.navShown), closed: new Set(s.closedOnPage) };
    run([{ type: 'dismissed', key: 'acme/a' }, { type: 'completed', key: 'acme/a' }, { type: 'shown', keys: ['acme/x'], stored }, page('p2')], s);
    expect(new Map(s.local)).toEqual(copy.local);
    expect(new Map(s.navShown)).toEqual(copy.navShown);
    expect(new Set(s.closedOnPage)).toEqual(copy.closed);
  });
});
