/**
 * The overlay's view (components/overlay/types.ts OverlayView), made from the page model, the
 * plan, the coach state and this tab's session: pure, so what the overlay is handed is decided
 * in one place (docs/architecture.md, "The content script").
 */
import type { PageModel } from '@/utils/crm/types';
import type { CoachPlan } from '@/utils/coach/types';
import type { TourProgress } from '@/utils/coach/tour';
import type { CoachState } from '@/utils/messaging';
import type { OpenSnippetRequest, OverlayView } from '@/components/overlay/types';
import { DEFAULT_LAUNCHER } from '@/components/overlay/launcher';
import { itemsForEngine, type Session } from './session';

export interface ViewInput {
  /** UI language for pack text (BCP 47). */
  lang: string;
  model: PageModel;
  plan: CoachPlan;
  state: CoachState;
  session: Session;
  /** This page's host (the panel's pause switch names it). */
  host: string;
  tourProgress: TourProgress;
  /** Moves on every page change while a tour follows the page. */
  tick: number;
  /** A snippet the popup asked for. */
  request: OpenSnippetRequest | null;
}

export function buildView({ lang, model, plan, state, session, host, tourProgress, tick, request }: ViewInput): OverlayView {
  return {
    lang,
    model,
    plan,
    packs: state.packs,
    items: itemsForEngine(session, state.items),
    paused: state.paused,
    host,
    launcher: state.settings.launcher?.[model.crm] || DEFAULT_LAUNCHER,
    tourProgress,
    nudgeDone: session.nudgeDone,
    announcement: session.announcement,
    tick,
    request,
  };
}
