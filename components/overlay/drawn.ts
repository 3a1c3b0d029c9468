/**
 * What a view puts on screen, as pure functions of the view, for the every-page stage (which
 * draws the launcher, anchored tips and nudges itself and loads the React overlay only when
 * `needsOverlay` says so, see docs/architecture.md, "Budgets").
 */
import type { NudgePlan } from '@/utils/coach/types';
import { nudgeFieldKey } from '@/utils/coach/nudge-tracker';
import type { OverlayView } from './types';

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
 * True when the view needs the React overlay without the user asking: a snippet the popup (or a
 * tip's "Learn more") asked for. Anchored tips, nudge cards, their outlines and the launcher are
 * drawn by the every-page stage itself; tours and the panel start from the launcher.
 */
export function needsOverlay(view: OverlayView): boolean {
  return view.request !== null;
}
