/** `show`, `maxShows`, dismissal and snooze rules of a tip. */
import type { Tip } from '../packs/types';
import type { ItemState } from '../usage/types';
import type { Reason } from './types';

export const DEFAULT_PRIORITY = 50;

/**
 * Why a tip may not be shown given its history (empty when it may). `state` is the item state as
 * it was when the page was opened, so a tip shown on this page stays up until the page changes.
 * `show: always` ignores an earlier dismissal (but not one on this page, nor a snooze).
 */
export function tipShowFailures(
  tip: Tip,
  state: ItemState | undefined,
  now: number,
  closedOnPage: boolean,
): Reason[] {
  const show = tip.show ?? 'until-dismissed';
  const out: Reason[] = [];
  if (state?.snoozedUntil !== undefined && state.snoozedUntil > now) {
    out.push({ code: 'snoozed', actual: new Date(state.snoozedUntil).toISOString() });
  }
  if (closedOnPage || (show !== 'always' && state?.dismissed)) out.push({ code: 'dismissed' });
  const shown = state?.shown ?? 0;
  if (show === 'once' && shown >= 1) out.push({ code: 'once', actual: String(shown) });
  if (tip.maxShows !== undefined && shown >= tip.maxShows) {
    out.push({ code: 'maxShows', expected: String(tip.maxShows), actual: String(shown) });
  }
  return out;
}

/** "Not now" snoozes until the end of the local day: the one rule is in utils/day.ts. */
export { endOfLocalDay } from '../day';
