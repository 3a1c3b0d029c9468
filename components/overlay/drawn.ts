/**
 * What a view puts on screen, as pure functions of the view. Shared by the every-page stage
 * (which loads the React overlay only when one of them says there is something to draw, see
 * docs/architecture.md, "Budgets") and the overlay itself (which draws it): one rule, two users.
 */
import type { NudgePlan } from '@/utils/coach/types';
import { nudgeFieldKey } from '@/utils/coach/nudge-tracker';
import type { OverlayView } from './types';
import type { CoachState } from '@/utils/messaging';

/** Nudge cards to show: those with an empty field, or one filled on this page after being seen empty. */
export function visibleNudges(view: OverlayView): NudgePlan[] {
  if (view.paused) return [];
  return view.plan.nudges.filter((n) => n.missing.length > 0 || n.fields.some((f) => view.nudgeDone.has(nudgeFieldKey(n.key, f.field.label))));
}

/** Items waiting in the panel: the launcher's badge (none while paused). */
export function waitingCount(view: OverlayView): number {
  if (view.paused) return 0;
  const { plan } = view;
  return plan.panelTips.length + plan.snippets.length + plan.tours.filter((x) => !x.completed).length;
}

/**
 * True when the view draws more than the launcher without the user asking: an anchored tip, a
 * nudge card, or a snippet the popup asked for. (Tours and the panel start from the launcher.)
 */
export function drawsBeyondLauncher(view: OverlayView): boolean {
  if (view.request) return true;
  return !view.paused && (view.plan.tips.length > 0 || visibleNudges(view).length > 0);
}

/**
 * True when the coach state alone says the overlay will probably be needed: coaching is not
 * paused and an enabled pack has a tip or a nudge. The content script then asks for the overlay as
 * soon as the state arrives, in parallel with reading the page, so the first tip does not wait for
 * the script to be injected after the page model is ready (docs/architecture.md, "Budgets").
 */
export function mayDraw(state: Pick<CoachState, 'paused' | 'packs'>): boolean {
  return !state.paused && state.packs.some((p) => (p.tips?.length ?? 0) > 0 || (p.nudges?.length ?? 0) > 0);
}
