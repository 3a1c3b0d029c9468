// The content side's events (entrypoints/content/events.ts): each kind built in one place, the
// page context added, and an update's events held until its view is out.
import { describe, expect, it, vi } from 'vitest';
import * as events from '@/entrypoints/content/events';
import type { PageModel } from '@/utils/crm/types';
import type { TipPlan } from '@/utils/coach/types';
import type { OutboxInput } from '@/utils/usage/outbox';
import { EVENT_KINDS } from '@/utils/usage/types';

const tp = { key: 'acme/t', packId: 'acme', tip: { id: 't', target: { page: true }, title: 'T' } } as TipPlan;
const tour = { key: 'acme/tour', packId: 'acme', tour: { id: 'tour', points: 20 } };
const model = { crm: 'salesforce', object: { label: 'Opportunity', apiName: 'Opportunity' }, page: 'record', recordKey: 'rk', url: 'https://x.example/', fields: [] } as PageModel;

describe('content events', () => {
  it('builds every kind the content side records, with ids and labels only', () => {
    const built = [
      events.pageView(),
      events.tipShown(tp),
      events.tipDismissed(tp, false),
      events.tipHelpful(tp, true),
      events.nudgeShown({ packId: 'acme', itemId: 'n', field: 'Amount' }, 'rk'),
      events.nudgeResolved({ packId: 'acme', itemId: 'n', field: 'Amount', points: 5 }, null),
      events.snippetOpened('acme', 's'),
      events.snippetCompleted('acme', { id: 's', points: 10 }),
      events.tourStarted(tour),
      events.tourCompleted(tour),
    ];
    // milestone.done is the background's (it counts what the content side sent).
    expect(new Set(built.map((e) => e.kind))).toEqual(new Set(EVENT_KINDS.filter((k) => k !== 'milestone.done')));
    expect(events.tipDismissed(tp, false)).toEqual({ kind: 'tip.dismissed', packId: 'acme', itemId: 't' });
    expect(events.tipDismissed(tp, true)).toEqual({ kind: 'tip.dismissed', packId: 'acme', itemId: 't', snooze: true });
    expect(events.nudgeShown({ packId: 'acme', itemId: 'n', field: 'Amount' }, 'rk')).toEqual({ kind: 'nudge.shown', packId: 'acme', itemId: 'n', field: 'Amount', recordKey: 'rk' });
    expect(events.nudgeResolved({ packId: 'acme', itemId: 'n', field: 'Amount', points: 5 }, null)).toMatchObject({ points: 5, recordKey: undefined });
    expect(events.tourCompleted(tour)).toEqual({ kind: 'tour.completed', packId: 'acme', itemId: 'tour', points: 20 });
    expect(events.snippetCompleted('acme', { id: 's', points: 10 })).toEqual({ kind: 'snippet.completed', packId: 'acme', itemId: 's', points: 10 });
  });

  it('adds the page context of the moment the event is recorded', () => {
    const sent: OutboxInput[] = [];
    let page: PageModel | null = null;
    const r = events.createEventRecorder({ record: (e) => sent.push(e) }, () => page);
    r.record(events.pageView());
    page = model;
    r.record(events.tipShown(tp));
    expect(sent).toEqual([
      { kind: 'page.view', crm: undefined, object: undefined, page: undefined },
      { kind: 'tip.shown', packId: 'acme', itemId: 't', crm: 'salesforce', object: 'Opportunity', page: 'record' },
    ]);
  });

  it('holds the events of an update until it ends, even when it throws', () => {
    const sent: string[] = [];
    const r = events.createEventRecorder({ record: (e) => sent.push(e.kind) }, () => model);
    r.held(() => {
      r.record(events.pageView());
      r.record(events.tipShown(tp));
      expect(sent).toEqual([]);
    });
    expect(sent).toEqual(['page.view', 'tip.shown']);
    expect(() =>
      r.held(() => {
        r.record(events.tipHelpful(tp, false));
        throw new Error('update failed');
      }),
    ).toThrow('update failed');
    expect(sent).toEqual(['page.view', 'tip.shown', 'tip.helpful']);
    // Not held any more: sent at once.
    r.record(events.pageView());
    expect(sent).toHaveLength(4);
  });

  it('an outbox that throws loses the event, not the page', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const r = events.createEventRecorder({ record: () => { throw new Error('full'); } }, () => model);
    expect(() => r.record(events.pageView())).not.toThrow();
    expect(() => r.held(() => r.record(events.pageView()))).not.toThrow();
    warn.mockRestore();
  });
});
