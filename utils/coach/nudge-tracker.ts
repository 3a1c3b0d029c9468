/**
 * Follows nudged fields on one record across page-model updates: which empty fields to report
 * as shown, which became filled (resolved, rewarded once per record, nudge and field), and which
 * to show as done. Keys are `<packId>/<nudgeId>|<field label>` like CoachState.resolved.
 */
import type { NudgePlan } from './types';

export interface NudgeFieldEvent {
  packId: string;
  itemId: string;
  /** Field label as the page shows it (schema, never a value). */
  field: string;
  points?: number;
}

export interface NudgeObservation {
  shown: NudgeFieldEvent[];
  resolved: NudgeFieldEvent[];
  /** Keys of fields filled on this page after being seen empty (shown as done). */
  done: ReadonlySet<string>;
}

export function nudgeFieldKey(nudgeKey: string, label: string): string {
  return `${nudgeKey}|${label}`;
}

export interface NudgeTracker {
  /** Forget everything: a new record or page. */
  reset(): void;
  observe(nudges: readonly NudgePlan[], alreadyRewarded: ReadonlySet<string>): NudgeObservation;
}

export function createNudgeTracker(): NudgeTracker {
  let seenEmpty = new Set<string>();
  let shownRecorded = new Set<string>();
  let rewarded = new Set<string>();
  let done = new Set<string>();
  return {
    reset() {
      seenEmpty = new Set();
      shownRecorded = new Set();
      rewarded = new Set();
      done = new Set();
    },
    observe(nudges, alreadyRewarded) {
      const shown: NudgeFieldEvent[] = [];
      const resolved: NudgeFieldEvent[] = [];
      for (const n of nudges) {
        for (const f of n.fields) {
          const key = nudgeFieldKey(n.key, f.field.label);
          const event = { packId: n.packId, itemId: n.nudge.id, field: f.field.label };
          if (f.empty) {
            seenEmpty.add(key);
            done.delete(key);
            if (!shownRecorded.has(key)) {
              shownRecorded.add(key);
              shown.push(event);
            }
          } else if (seenEmpty.has(key)) {
            done.add(key);
            if (!rewarded.has(key) && !alreadyRewarded.has(key)) {
              rewarded.add(key);
              resolved.push({ ...event, points: n.nudge.points ?? 1 });
            }
          }
        }
      }
      return { shown, resolved, done: new Set(done) };
    },
  };
}
