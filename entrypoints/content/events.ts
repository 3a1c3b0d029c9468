/**
 * Every usage event the content side records, built here and nowhere else (docs/architecture.md,
 * "Event kinds"; the overlay calls the coach's intents, never builds an event). The recorder adds
 * the page context (CRM, object, page kind) and holds the events of an update until its view is
 * out, so the overlay renders first. No field value, record name or id is ever put in an event:
 * only kinds, pack and item ids, field labels and the reader's salted record key.
 */
import type { PageModel } from '@/utils/crm/types';
import type { NudgeFieldEvent } from '@/utils/coach/nudge-tracker';
import type { TipPlan, TourPlan } from '@/utils/coach/types';
import type { Snippet, Tour } from '@/utils/packs/types';
import type { OutboxInput } from '@/utils/usage/outbox';
import { logOnce } from '@/utils/crm/log';

/** Event input without the page context; the recorder adds crm, object and page. */
export type CoachEventInput = Omit<OutboxInput, 'crm' | 'object' | 'page'>;

type TourRef = Pick<TourPlan, 'packId'> & { tour: Pick<Tour, 'id' | 'points'> };

export const pageView = (): CoachEventInput => ({ kind: 'page.view' });

export const tipShown = (tp: TipPlan): CoachEventInput => ({ kind: 'tip.shown', packId: tp.packId, itemId: tp.tip.id });

/** Got it (dismissed for good) or Not now (snoozed for the day). */
export const tipDismissed = (tp: TipPlan, snooze: boolean): CoachEventInput => ({
  kind: 'tip.dismissed',
  packId: tp.packId,
  itemId: tp.tip.id,
  ...(snooze ? { snooze: true } : {}),
});

export const tipHelpful = (tp: TipPlan, helpful: boolean): CoachEventInput => ({ kind: 'tip.helpful', packId: tp.packId, itemId: tp.tip.id, helpful });

export const nudgeShown = (e: NudgeFieldEvent, recordKey: string | null): CoachEventInput => ({
  kind: 'nudge.shown',
  packId: e.packId,
  itemId: e.itemId,
  field: e.field,
  recordKey: recordKey ?? undefined,
});

export const nudgeResolved = (e: NudgeFieldEvent, recordKey: string | null): CoachEventInput => ({
  kind: 'nudge.resolved',
  packId: e.packId,
  itemId: e.itemId,
  field: e.field,
  points: e.points,
  recordKey: recordKey ?? undefined,
});

export const snippetOpened = (packId: string, snippetId: string): CoachEventInput => ({ kind: 'snippet.opened', packId, itemId: snippetId });

export const snippetCompleted = (packId: string, snippet: Pick<Snippet, 'id' | 'points'>): CoachEventInput => ({
  kind: 'snippet.completed',
  packId,
  itemId: snippet.id,
  points: snippet.points,
});

export const tourStarted = (plan: TourRef): CoachEventInput => ({ kind: 'tour.started', packId: plan.packId, itemId: plan.tour.id });

export const tourCompleted = (plan: TourRef): CoachEventInput => ({ kind: 'tour.completed', packId: plan.packId, itemId: plan.tour.id, points: plan.tour.points });

export interface EventRecorder {
  /** Records one event with the page context of now (sent at once, or when the running update ends). */
  record(e: CoachEventInput): void;
  /** Runs `work` with the events it records held; they are sent after it, even when it throws. */
  held(work: () => void): void;
}

export function createEventRecorder(outbox: { record(e: OutboxInput): void }, page: () => PageModel | null): EventRecorder {
  let held: OutboxInput[] | null = null;
  const send = (event: OutboxInput) => {
    try {
      outbox.record(event);
    } catch (err) {
      logOnce('could not record an event', err);
    }
  };
  return {
    record(e) {
      const model = page();
      const event = { ...e, crm: model?.crm, object: model?.object?.label, page: model?.page };
      if (held) held.push(event);
      else send(event);
    },
    held(work) {
      held = [];
      try {
        work();
      } finally {
        const events = held;
        held = null;
        for (const e of events) send(e);
      }
    },
  };
}
