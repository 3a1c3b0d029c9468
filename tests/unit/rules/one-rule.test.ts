/**
 * One implementation per rule (docs/architecture.md, "One place for each rule"): days, item
 * references, audience roles, logging. Each block checks the rule and that the places that used
 * to carry their own copy now give the same answer as the one implementation.
 */
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { addDays, dayNumber, daysBetween, endOfLocalDay, fromDayNumber, localDay, tenureDay } from '@/utils/day';
import { endOfLocalDay as snoozeEnd } from '@/utils/coach/show-rules';
import { audienceFailures } from '@/utils/coach/audience';
import { roleAllowed, tenureAllowed } from '@/utils/packs/audience';
import { itemKey, refKey, resolveSnippetRef, splitRef } from '@/utils/packs/refs';
import { crossCheckPack } from '@/utils/packs/cross-checks';
import { logOnce } from '@/utils/log';
import { packMilestones, milestoneItemKeys } from '@/utils/usage/milestones';
import { addToItem, emptyItem, itemKeyOf } from '@/utils/usage/rollup';
import { dayOfJourney } from '@/utils/usage/progress';
import type { Pack } from '@/utils/packs/types';

const pack = (extra: Partial<Pack> = {}): Pack => ({ format: 'crm-coach/pack@1', id: 'p1', version: '1.0.0', title: 'P', ...extra });
const user = (role: string | null, startDate: string | null = null) => ({ role, startDate });

describe('calendar days', () => {
  it('localDay reads a timestamp and a Date the same way', () => {
    const at = new Date(2026, 2, 10, 23, 59, 59, 999);
    expect(localDay(at)).toBe('2026-03-10');
    expect(localDay(at.getTime())).toBe('2026-03-10');
    expect(localDay(new Date(99, 0, 1).setFullYear(99))).toBe('0099-01-01');
  });

  it('endOfLocalDay is the last millisecond of the same local day, and the snooze uses it', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }), (at) => {
        const end = endOfLocalDay(at);
        return end >= at && localDay(end) === localDay(at) && localDay(end + 1) !== localDay(at);
      }),
    );
    const at = new Date(2026, 2, 10, 12).getTime();
    expect(snoozeEnd(at)).toBe(endOfLocalDay(at));
  });

  it('daysBetween, dayOfJourney and tenureDay are one count', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60000 }), fc.integer({ min: -500, max: 500 }), (base, n) => {
        const start = fromDayNumber(base);
        const today = addDays(start, n);
        return daysBetween(start, today) === n && dayOfJourney(start, today) === n && tenureDay(start, today) === n;
      }),
    );
    expect(Number.isNaN(daysBetween('bad', '2026-03-01'))).toBe(true);
    expect(tenureDay('bad', '2026-03-01')).toBeNull();
    expect(tenureDay(null, '2026-03-01')).toBeNull();
    expect(dayNumber('1970-01-02')).toBe(1);
  });
});

describe('item references', () => {
  it('builds and splits `<packId>/<itemId>`', () => {
    expect(itemKey('acme-pack', 'next-step')).toBe('acme-pack/next-step');
    expect(refKey('p1', 'log-a-call')).toBe('p1/log-a-call');
    expect(refKey('p1', 'other/log-a-call')).toBe('other/log-a-call');
    expect(splitRef('p1', 'other/x.y')).toEqual({ packId: 'other', itemId: 'x.y' });
    expect(splitRef('p1', 'x.y')).toEqual({ packId: 'p1', itemId: 'x.y' });
  });

  it('events, milestones and snippet references use the same key', () => {
    expect(itemKeyOf({ packId: 'p1', itemId: 't' })).toBe(itemKey('p1', 't'));
    const p = pack({
      snippets: [{ id: 's', title: 'S' }],
      milestones: [
        { id: 'm1', title: 'M', done: { snippet: 's' } },
        { id: 'm2', title: 'M', done: { tour: 'other/t' } },
      ],
    });
    const ms = packMilestones([p]);
    expect(milestoneItemKeys(ms).sort()).toEqual(['other/t', 'p1/m1', 'p1/m2', 'p1/s']);
    expect(resolveSnippetRef('s', 'p1', [p])?.snippet.id).toBe('s');
    expect(resolveSnippetRef('p1/s', 'zz', [p])?.snippet.id).toBe('s');
  });

  it('the validator resolves a bare reference the way the runtime does', () => {
    const p = pack({ snippets: [{ id: 's', title: 'S' }], tips: [{ id: 't', target: { page: true }, title: 'T', learnMore: { snippet: 'p1/nope' } }] });
    expect(crossCheckPack(p).map((i) => i.path.join('.'))).toEqual(['tips.0.learnMore.snippet']);
    expect(crossCheckPack({ ...p, tips: [{ ...p.tips![0], learnMore: { snippet: 'p1/s' } }] })).toEqual([]);
    expect(crossCheckPack({ ...p, tips: [{ ...p.tips![0], learnMore: { snippet: 'other/s' } }] })).toEqual([]);
  });
});

describe('audience roles', () => {
  it('unset means everyone; a set condition needs a chosen role that is listed, exactly', () => {
    expect(roleAllowed(undefined, null)).toBe(true);
    expect(roleAllowed([], 'sales')).toBe(true);
    expect(roleAllowed(['sales'], 'sales')).toBe(true);
    expect(roleAllowed(['sales'], null)).toBe(false);
    expect(roleAllowed(['sales'], 'support')).toBe(false);
    expect(roleAllowed(['sales'], 'Sales')).toBe(false);
    expect(tenureAllowed([0, 30], 30)).toBe(true);
    expect(tenureAllowed([0, 30], 31)).toBe(false);
    expect(tenureAllowed([0, 30], null)).toBe(false);
    expect(tenureAllowed(undefined, null)).toBe(true);
  });

  it('the coach and the journey agree for every role', () => {
    const roles = [null, 'sales', 'support', 'sales-manager'];
    const audiences = [undefined, { roles: ['sales'] }, { roles: ['support', 'sales-manager'] }];
    for (const audience of audiences) {
      const p = pack({ milestones: [{ id: 'm', title: 'M', done: { event: 'page.view', count: 1 }, ...(audience ? { audience } : {}) }] });
      for (const role of roles) {
        const coachShows = audienceFailures(audience, user(role), 0).length === 0;
        const journeyShows = packMilestones([p], role).length === 1;
        expect([role, audience, journeyShows]).toEqual([role, audience, coachShows]);
      }
    }
  });
});

describe('logging', () => {
  it('logs a failure once per what, tagged, and carries on', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const what = `test: ${Math.random()}`;
    logOnce(what, new Error('a'));
    logOnce(what, new Error('b'));
    logOnce(`${what} other`, new Error('c'));
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn.mock.calls[0][0]).toBe(`[crm-coach] ${what}`);
  });
});

describe('the snooze, in the page and in the background', () => {
  it('ends at the same millisecond in the stored item state as in the page', () => {
    const at = new Date(2026, 2, 10, 9).getTime();
    const stored = addToItem(emptyItem(itemKey('p1', 't')), { id: 'e1', at, kind: 'tip.dismissed', packId: 'p1', itemId: 't', snooze: true });
    expect(stored.snoozedUntil).toBe(snoozeEnd(at));
    expect(stored.dismissed).toBe(false);
  });
});
