import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  activitySeries,
  addDays,
  badges,
  buildProgress,
  currentStreak,
  dayNumber,
  dayOfJourney,
  fromDayNumber,
  hygiene,
  isWeekend,
  journeyPlan,
  journeyStatus,
  levelFor,
  levelThreshold,
  localDay,
  longestStreak,
  nextBestStep,
  popupData,
  pointsInLast,
  relevantSnippets,
  splitEmptyFieldKey,
  totalEvents,
} from '@/utils/usage/progress';
import type { DayRollup, JourneyMilestone, JourneySnippet } from '@/utils/usage/report';
import { REPORT_PRESETS, makeReport, rollup, shiftDay } from '../../fixtures/reports';

const ZONES = ['UTC', 'America/New_York', 'Europe/Berlin', 'Pacific/Auckland', 'Asia/Kolkata', 'America/Los_Angeles'];
const originalTz = process.env.TZ;
afterEach(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

/** Runs fn once per time zone and returns the results. */
function inZones<T>(fn: () => T): T[] {
  return ZONES.map((tz) => {
    process.env.TZ = tz;
    return fn();
  });
}

const active = (...days: string[]) => days.map((d) => rollup(d, { 'page.view': 1 }));

describe('calendar days', () => {
  it('round-trips day numbers and adds days across months, years and leap days', () => {
    expect(fromDayNumber(dayNumber('2024-02-28'))).toBe('2024-02-28');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(dayNumber('1970-01-02')).toBe(1);
  });

  it('rejects strings that are not dates', () => {
    expect(() => dayNumber('12/03/2025')).toThrow(RangeError);
  });

  it('knows weekends', () => {
    expect(isWeekend('2025-03-08')).toBe(true); // Saturday
    expect(isWeekend('2025-03-09')).toBe(true); // Sunday
    expect(isWeekend('2025-03-10')).toBe(false); // Monday
    expect(isWeekend('2025-03-14')).toBe(false); // Friday
  });

  it('adding n days then counting gives n back (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60000 }), fc.integer({ min: -2000, max: 2000 }), (base, n) => {
        const start = fromDayNumber(base);
        return dayOfJourney(start, addDays(start, n)) === n;
      }),
    );
  });

  it('reads a local Date as its calendar day in every time zone', () => {
    const days = inZones(() => localDay(new Date(2024, 2, 10, 23, 30)));
    expect(new Set(days)).toEqual(new Set(['2024-03-10']));
  });
});

describe('dayOfJourney', () => {
  it('is 0 on the start date and counts calendar days', () => {
    expect(dayOfJourney('2025-03-12', '2025-03-12')).toBe(0);
    expect(dayOfJourney('2025-03-12', '2025-03-15')).toBe(3);
    expect(dayOfJourney('2025-03-12', '2025-03-10')).toBe(-2);
  });

  it('is not shifted by DST changes, in any time zone', () => {
    // US spring forward 2024-03-10, EU 2024-03-31, EU fall back 2024-10-27, NZ 2024-04-07.
    const cases: Array<[string, string, number]> = [
      ['2024-03-09', '2024-03-11', 2],
      ['2024-03-30', '2024-04-01', 2],
      ['2024-10-26', '2024-10-28', 2],
      ['2024-04-06', '2024-04-08', 2],
      ['2024-01-01', '2024-12-31', 365],
    ];
    for (const [start, today, expected] of cases) {
      const results = inZones(() => dayOfJourney(start, today));
      expect(results).toEqual(ZONES.map(() => expected));
    }
  });
});

describe('journeyStatus', () => {
  it('covers first run, a future start, the journey and graduation', () => {
    expect(journeyStatus(null, '2025-03-12')).toEqual({ kind: 'not-started' });
    expect(journeyStatus('2025-03-15', '2025-03-12')).toEqual({ kind: 'upcoming', daysUntil: 3 });
    expect(journeyStatus('2025-03-12', '2025-03-12')).toMatchObject({ kind: 'journey', day: 0, total: 90 });
    expect(journeyStatus(addDays('2025-03-12', -45), '2025-03-12')).toMatchObject({ kind: 'journey', day: 45, fraction: 0.5 });
    expect(journeyStatus(addDays('2025-03-12', -90), '2025-03-12')).toMatchObject({ kind: 'journey', day: 90 });
    expect(journeyStatus(addDays('2025-03-12', -91), '2025-03-12')).toEqual({ kind: 'graduated', day: 91 });
  });
});

describe('levels', () => {
  it('follows the documented thresholds 0, 50, 150, 300, 500, 750, 1050', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(levelThreshold)).toEqual([0, 50, 150, 300, 500, 750, 1050]);
    expect(levelFor(0).level).toBe(1);
    expect(levelFor(49).level).toBe(1);
    expect(levelFor(50).level).toBe(2);
    expect(levelFor(149).level).toBe(2);
    expect(levelFor(150).level).toBe(3);
    expect(levelFor(1050).level).toBe(7);
  });

  it('reports the way to the next level', () => {
    expect(levelFor(100)).toEqual({ level: 2, floor: 50, next: 150, toNext: 50, fraction: 0.5 });
    expect(levelFor(-5).level).toBe(1);
  });

  it('places every point total between its level floor and the next (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (p) => {
        const l = levelFor(p);
        return l.floor <= p && p < l.next && l.fraction >= 0 && l.fraction < 1;
      }),
    );
  });
});

describe('points', () => {
  it('sums the points of the last n days only', () => {
    const days = [rollup('2025-03-01', {}, { points: 100 }), rollup('2025-03-06', {}, { points: 7 }), rollup('2025-03-12', {}, { points: 3 })];
    expect(pointsInLast(days, '2025-03-12', 7)).toBe(10);
    expect(pointsInLast(days, '2025-03-12', 30)).toBe(110);
  });

  it('counts all events', () => {
    expect(totalEvents({ 'page.view': 3, 'tip.shown': 2 })).toBe(5);
  });
});

describe('streaks', () => {
  // 2024-06-03 is a Monday; 06-08/09 are Saturday/Sunday.
  const week = ['2024-06-03', '2024-06-04', '2024-06-05', '2024-06-06', '2024-06-07'];

  it('counts active work days up to today', () => {
    expect(currentStreak(active(...week), '2024-06-07')).toBe(5);
  });

  it('does not break over a weekend without activity', () => {
    expect(currentStreak(active(...week, '2024-06-10'), '2024-06-10')).toBe(6);
  });

  it('does not count weekend activity', () => {
    expect(currentStreak(active(...week, '2024-06-08', '2024-06-09', '2024-06-10'), '2024-06-10')).toBe(6);
  });

  it('does not break because today has no activity yet', () => {
    expect(currentStreak(active(...week), '2024-06-10')).toBe(5);
  });

  it('breaks on a missed work day', () => {
    expect(currentStreak(active('2024-06-03', '2024-06-04', '2024-06-06', '2024-06-07'), '2024-06-07')).toBe(2);
    expect(currentStreak(active(...week), '2024-06-11')).toBe(0);
  });

  it('on a weekend counts back from Friday', () => {
    expect(currentStreak(active('2024-06-06', '2024-06-07'), '2024-06-09')).toBe(2);
  });

  it('ignores days with a rollup but nothing in it', () => {
    const days = [...active('2024-06-03', '2024-06-04'), rollup('2024-06-05'), ...active('2024-06-06')];
    expect(currentStreak(days, '2024-06-06')).toBe(1);
  });

  it('is zero without history', () => {
    expect(currentStreak([], '2024-06-06')).toBe(0);
    expect(longestStreak([])).toBe(0);
  });

  it('finds the longest run ever, across weekends', () => {
    const days = active('2024-05-27', '2024-05-30', '2024-05-31', ...week, '2024-06-10', '2024-06-12', '2024-06-13');
    expect(longestStreak(days)).toBe(8);
    expect(currentStreak(days, '2024-06-13')).toBe(2);
  });

  it('gives the same streaks in every time zone', () => {
    const days = active(...week, '2024-06-10');
    const results = inZones(() => [currentStreak(days, '2024-06-10'), longestStreak(days)]);
    expect(results).toEqual(ZONES.map(() => [6, 6]));
  });

  it('agrees with a day-by-day count on random histories (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 60 }), (flags) => {
        const today = '2024-06-28'; // Friday
        const days = flags.flatMap((on, i) => (on ? active(addDays(today, -i)) : []));
        // Reference: walk back, skipping weekends, allowing today to be empty.
        let expected = 0;
        for (let i = 0; i < flags.length; i++) {
          const d = addDays(today, -i);
          if (isWeekend(d)) continue;
          if (flags[i]) expected++;
          else if (i > 0) break;
        }
        return currentStreak(days, today) === expected && longestStreak(days) >= expected;
      }),
    );
  });
});

describe('hygiene', () => {
  const today = '2025-03-12';
  const h = (day: string, shown: Record<string, number>, resolved: Record<string, number>, emptyFields: Record<string, number> = {}) =>
    rollup(day, {}, { nudgeShown: shown, nudgeResolved: resolved, emptyFields });

  it('is resolved / shown over the last 30 days per object, with the trend against the 30 before', () => {
    const days = [
      h(shiftDay(today, -45), { Opportunity: 10, Contact: 4 }, { Opportunity: 4, Contact: 3 }),
      h(shiftDay(today, -29), { Opportunity: 6 }, { Opportunity: 3 }),
      h(today, { Opportunity: 4, Contact: 2 }, { Opportunity: 5, Contact: 1 }),
    ];
    const result = hygiene(days, today);
    const opp = result.objects.find((o) => o.object === 'Opportunity')!;
    expect(opp).toMatchObject({ shown: 10, resolved: 8, share: 0.8, previousShare: 0.4, trend: 'up' });
    expect(opp.delta).toBeCloseTo(0.4);
    const contact = result.objects.find((o) => o.object === 'Contact')!;
    expect(contact).toMatchObject({ shown: 2, resolved: 1, share: 0.5, previousShare: 0.75, trend: 'down' });
    expect(result.overall).toMatchObject({ shown: 12, resolved: 9, share: 0.75 });
    expect(result.overall.previousShare).toBeCloseTo(7 / 14);
    expect(result.objects.map((o) => o.object)).toEqual(['Opportunity', 'Contact']);
  });

  it('leaves out days older than 60 or after today, caps the share at 1 and knows "no data"', () => {
    const days = [
      h(shiftDay(today, -60), { Lead: 100 }, { Lead: 0 }),
      h(shiftDay(today, -1), { Lead: 2 }, { Lead: 3 }),
      h(shiftDay(today, 1), { Lead: 50 }, { Lead: 0 }),
    ];
    const result = hygiene(days, today);
    expect(result.objects).toEqual([
      { object: 'Lead', shown: 2, resolved: 3, share: 1, previousShare: null, delta: null, trend: null },
    ]);
    expect(hygiene([], today).overall.share).toBeNull();
  });

  it('calls a small change flat', () => {
    const days = [h(shiftDay(today, -40), { A: 1000 }, { A: 500 }), h(today, { A: 1000 }, { A: 505 })];
    expect(hygiene(days, today).objects[0].trend).toBe('flat');
  });

  it('lists the fields most often left empty in the last 30 days', () => {
    const days = [
      h(shiftDay(today, -40), {}, {}, { 'Lead · Lead Source': 99 }),
      h(shiftDay(today, -3), {}, {}, { 'Opportunity · Next Step': 3, 'Contact · Phone': 1 }),
      h(today, {}, {}, { 'Opportunity · Next Step': 2, 'Opportunity · Amount': 4 }),
    ];
    expect(hygiene(days, today).emptyFields).toEqual([
      { object: 'Opportunity', field: 'Next Step', count: 5 },
      { object: 'Opportunity', field: 'Amount', count: 4 },
      { object: 'Contact', field: 'Phone', count: 1 },
    ]);
    expect(hygiene(days, today, 1).emptyFields).toHaveLength(1);
  });

  it('splits empty-field keys on the first separator', () => {
    expect(splitEmptyFieldKey('Deal · Amount · EUR')).toEqual({ object: 'Deal', field: 'Amount · EUR' });
    expect(splitEmptyFieldKey('Amount')).toEqual({ object: '', field: 'Amount' });
  });
});

describe('activitySeries', () => {
  it('has one entry per day of the last 30, oldest first, zeros filled in', () => {
    const today = '2025-03-12';
    const days = [
      rollup(shiftDay(today, -30), { 'page.view': 99 }),
      rollup(shiftDay(today, -29), { 'page.view': 4, 'tip.shown': 2 }),
      rollup(today, { 'nudge.resolved': 3, 'snippet.completed': 1, 'page.view': 7 }),
    ];
    const series = activitySeries(days, today);
    expect(series).toHaveLength(30);
    expect(series[0]).toEqual({ day: shiftDay(today, -29), pages: 4, tips: 2, fields: 0, snippets: 0 });
    expect(series[29]).toEqual({ day: today, pages: 7, tips: 0, fields: 3, snippets: 1 });
    expect(series.slice(1, 29).every((d) => d.pages + d.tips + d.fields + d.snippets === 0)).toBe(true);
  });
});

const milestone = (id: string, day: number | undefined, status: JourneyMilestone['status'], done: JourneyMilestone['milestone']['done'] = { event: 'nudge.resolved', count: 1 }): JourneyMilestone => ({
  packId: 'p',
  milestone: { id, title: id, day, done },
  status,
});
const snippet = (id: string, day: number | undefined, completed = false): JourneySnippet => ({
  packId: 'p',
  snippet: { id, title: id, day },
  completed,
});

describe('journeyPlan', () => {
  it('groups milestones (by the day they are due) and scheduled snippets by week; day 90 is in week 13; undated ones are ongoing', () => {
    const plan = journeyPlan(
      {
        milestones: [milestone('a', 6, 'done'), milestone('b', 7, 'late'), milestone('c', 90, 'upcoming'), milestone('d', undefined, 'due'), milestone('e', 120, 'upcoming')],
        snippets: [snippet('s1', 0, true), snippet('s2', 0), snippet('s3', 8), snippet('s4', undefined)],
      },
      8,
    );
    expect(plan.weeks).toHaveLength(13);
    // Due by day 7 is a week-1 milestone (the "week-1-hygiene" example of docs/pack-format.md).
    expect(plan.weeks[0]).toMatchObject({ week: 1, fromDay: 0, toDay: 6, done: 1, late: 1, past: true, current: false });
    expect(plan.weeks[0].milestones.map((m) => m.milestone.id)).toEqual(['a', 'b']);
    expect(plan.weeks[0].days).toEqual([{ day: 0, snippets: [snippet('s1', 0, true), snippet('s2', 0)] }]);
    expect(plan.weeks[1]).toMatchObject({ week: 2, late: 0, current: true, past: false, milestones: [] });
    expect(plan.weeks[1].days.map((d) => d.day)).toEqual([8]);
    expect(plan.weeks[12]).toMatchObject({ fromDay: 84, toDay: 90 });
    expect(plan.weeks[12].milestones.map((m) => m.milestone.id)).toEqual(['c']);
    expect(plan.ongoing.map((m) => m.milestone.id)).toEqual(['d', 'e']);
    expect(plan).toMatchObject({ milestonesDone: 1, milestonesTotal: 5, snippetsDone: 1, snippetsTotal: 3 });
  });
});

describe('relevantSnippets', () => {
  const forCrm = (id: string, crm: string[] | undefined, completed = false): JourneySnippet => ({
    packId: 'p',
    snippet: { id, title: id, day: 2, ...(crm ? { when: { crm } } : {}) },
    completed,
  });
  const list = [forCrm('any', undefined), forCrm('sf', ['salesforce']), forCrm('zoho', ['zoho']), forCrm('d365', ['dynamics'], true), forCrm('both', ['zoho', 'HubSpot'])];

  it('leaves out lessons for CRMs the user does not work in, keeps general and completed ones', () => {
    const days = [rollup('2025-03-10', { 'page.view': 3 }, { crms: { salesforce: 2, hubspot: 1 } })];
    expect(relevantSnippets(list, days).map((s) => s.snippet.id)).toEqual(['any', 'sf', 'd365', 'both']);
  });

  it('keeps every lesson while no CRM use is recorded', () => {
    expect(relevantSnippets(list, [])).toHaveLength(list.length);
    expect(relevantSnippets(list, [rollup('2025-03-10', {}, { crms: { zoho: 0 } })])).toHaveLength(list.length);
  });

  it('drives the journey and the next best step', () => {
    const base = makeReport({ journeyDay: 3 });
    const report = {
      ...base,
      days: [rollup(base.today, { 'page.view': 4 }, { crms: { salesforce: 4 } })],
      milestones: [],
      snippets: [forCrm('zoho', ['zoho']), forCrm('sf', ['salesforce'])],
    };
    const progress = buildProgress(report);
    expect(progress.plan.weeks[0].days.flatMap((d) => d.snippets.map((s) => s.snippet.id))).toEqual(['sf']);
    expect(progress.next).toMatchObject({ kind: 'snippet', item: { snippet: { id: 'sf' } } });
  });
});

describe('badges', () => {
  it('earns streak badges from the best streak, graduation, and one per done milestone, earned first', () => {
    const list = badges([milestone('a', 1, 'done'), milestone('b', 2, 'late')], 30, false);
    const earned = list.filter((b) => b.earned).map((b) => b.id);
    expect(earned).toEqual(['streak-7', 'streak-30', 'milestone:p/a']);
    expect(list.filter((b) => !b.earned).map((b) => b.id)).toEqual(['streak-90', 'graduate', 'milestone:p/b']);
    expect(badges([], 6, true).filter((b) => b.earned).map((b) => b.id)).toEqual(['graduate']);
  });
});

describe('nextBestStep', () => {
  const base = { today: '2025-03-12', days: [] as DayRollup[] };

  it('is nothing before the journey starts', () => {
    expect(nextBestStep({ ...base, milestones: [milestone('a', 1, 'late')], snippets: [] }, null)).toEqual({ kind: 'none' });
  });

  it('prefers the most overdue late milestone', () => {
    const step = nextBestStep({ ...base, milestones: [milestone('b', 7, 'late'), milestone('a', 3, 'late'), milestone('c', 10, 'due')], snippets: [snippet('s', 1)] }, 10);
    expect(step).toMatchObject({ kind: 'milestone', late: true, item: { milestone: { id: 'a' } } });
  });

  it('points at the snippet that completes a late milestone', () => {
    const step = nextBestStep({ ...base, milestones: [milestone('a', 3, 'late', { snippet: 'log-a-call' })], snippets: [snippet('log-a-call', 2)] }, 10);
    expect(step).toMatchObject({ kind: 'snippet', late: true, day: 2, item: { snippet: { id: 'log-a-call' } } });
  });

  it('then the earliest snippet due by today, then a due milestone', () => {
    const report = { ...base, milestones: [milestone('m', 12, 'due')], snippets: [snippet('today', 10), snippet('old', 4), snippet('done', 2, true)] };
    expect(nextBestStep(report, 10)).toMatchObject({ kind: 'snippet', late: true, item: { snippet: { id: 'old' } } });
    expect(nextBestStep({ ...report, snippets: [snippet('today', 10)] }, 10)).toMatchObject({ kind: 'snippet', late: false, upcoming: false });
    expect(nextBestStep({ ...report, snippets: [] }, 10)).toMatchObject({ kind: 'milestone', late: false, item: { milestone: { id: 'm' } } });
  });

  it('then an open nudge on an object seen in the last 7 days', () => {
    const days = [
      rollup('2025-03-01', {}, { nudgeShown: { Lead: 50 }, nudgeResolved: {} }),
      rollup('2025-03-10', {}, { nudgeShown: { Opportunity: 5, Contact: 2 }, nudgeResolved: { Opportunity: 2, Contact: 2 } }),
    ];
    expect(nextBestStep({ ...base, days, milestones: [], snippets: [snippet('later', 20)] }, 10)).toEqual({ kind: 'nudge', object: 'Opportunity', open: 3 });
  });

  it('then the next snippet coming up, else nothing', () => {
    expect(nextBestStep({ ...base, milestones: [], snippets: [snippet('later', 20), snippet('soon', 12)] }, 10)).toMatchObject({
      kind: 'snippet',
      upcoming: true,
      day: 12,
    });
    expect(nextBestStep({ ...base, milestones: [milestone('x', 1, 'done')], snippets: [] }, 10)).toEqual({ kind: 'none' });
  });
});

describe('popupData', () => {
  it('carries the progress and the few report fields the popup reads, never the daily rollups', () => {
    const report = REPORT_PRESETS.year();
    const data = popupData(report);
    expect(data.progress).toEqual(buildProgress(report));
    expect(data).toMatchObject({ today: report.today, settings: report.settings, packsEnabled: report.packsEnabled });
    expect(Object.keys(data).sort()).toEqual(['packsEnabled', 'progress', 'settings', 'today']);
    expect(JSON.stringify(data).length).toBeLessThan(JSON.stringify(report).length / 4);
  });
});

describe('buildProgress on seeded reports', () => {
  it('derives day 45 consistently', () => {
    const report = REPORT_PRESETS.day45();
    const p = buildProgress(report);
    expect(p.status).toMatchObject({ kind: 'journey', day: 45 });
    expect(p.points).toBe(report.days.reduce((a, d) => a + d.points, 0));
    expect(p.level.level).toBe(levelFor(p.points).level);
    expect(p.streak).toBe(12);
    expect(p.activity).toHaveLength(30);
    expect(p.plan.weeks.find((w) => w.current)?.week).toBe(7);
  });

  it('graduates on day 120 and earns the graduate badge', () => {
    const p = buildProgress(REPORT_PRESETS.day120());
    expect(p.status).toEqual({ kind: 'graduated', day: 120 });
    expect(p.badges.find((b) => b.id === 'graduate')?.earned).toBe(true);
    expect(p.streak).toBe(31);
    expect(p.badges.find((b) => b.id === 'streak-30')?.earned).toBe(true);
  });

  it('handles a year of history: 365 rollups, about 73,000 events', () => {
    const report = REPORT_PRESETS.year();
    expect(report.days).toHaveLength(365);
    const p = buildProgress(report);
    expect(p.totalEvents).toBeGreaterThan(65_000);
    expect(p.totalEvents).toBeLessThan(80_000);
    expect(p.bestStreak).toBeGreaterThanOrEqual(90);
    expect(p.badges.find((b) => b.id === 'streak-90')?.earned).toBe(true);
  });

  it('has no journey day and no step on first run', () => {
    const p = buildProgress(makeReport({ journeyDay: null }));
    expect(p.status.kind).toBe('not-started');
    expect(p.journeyDay).toBeNull();
    expect(p.next).toEqual({ kind: 'none' });
    expect(p.totalEvents).toBe(0);
  });
});
