/** What the content script hands the overlay: a view of the page and the actions it can take. */
import type { CoachPlan, TipPlan, TourPlan } from '@/utils/coach/types';
import type { TourProgress } from '@/utils/coach/tour';
import type { PageModel } from '@/utils/crm/types';
import type { Pack, Snippet, Target } from '@/utils/packs/types';
import type { ItemState } from '@/utils/usage/types';
import type { ShadowRootOf } from './dom';
import type { LauncherPosition } from './launcher';

export interface OpenSnippetRequest {
  packId: string;
  snippetId: string;
  /** Increases with every request, so the same snippet can be asked for twice. */
  seq: number;
}

export interface OverlayView {
  /** UI language for pack text (BCP 47). */
  lang: string;
  model: PageModel;
  plan: CoachPlan;
  packs: Pack[];
  /** Item state as the coach knows it now (completion marks in the panel). */
  items: Record<string, ItemState>;
  paused: boolean;
  host: string;
  launcher: LauncherPosition;
  tourProgress: TourProgress;
  /** Nudge field keys filled on this page after being seen empty. */
  nudgeDone: ReadonlySet<string>;
  /** The latest confirmation for a filled field (announced politely). */
  announcement: string;
  /** Increases on every page change while something follows page elements (tours). */
  tick: number;
  request: OpenSnippetRequest | null;
}

/**
 * What the overlay can ask of the coach: the user's intents. The coach records the events they
 * make (entrypoints/content/events.ts); the overlay never builds an event itself.
 */
export interface OverlayActions {
  /** Tips the user can now see in the panel (tip.shown, once per page). */
  tipsSeen(tips: TipPlan[]): void;
  /** Got it (false) or Not now (true): the tip goes, for good or for the day. */
  dismissTip(tip: TipPlan, snooze: boolean): void;
  /** The user answered "Was this helpful?". */
  markHelpful(tip: TipPlan, helpful: boolean): void;
  /** A snippet was opened (the overlay shows it). */
  openSnippet(packId: string, snippetId: string): void;
  /** The user finished a snippet: recorded, and completed here until the next state refresh. */
  completeSnippet(packId: string, snippet: Pick<Snippet, 'id' | 'points'>): void;
  /** A tour starts from its first step (a resumed tour is not started again). */
  startTour(plan: Pick<TourPlan, 'packId' | 'tour'>): void;
  /** The user finished a tour: recorded, its progress cleared, completed here until the next state refresh. */
  completeTour(plan: Pick<TourPlan, 'key' | 'packId' | 'tour'>): void;
  setPaused(paused: boolean): void;
  moveLauncher(pos: LauncherPosition): void;
  /** The step a running tour is on (saved, so the tour resumes there). */
  setTourProgress(key: string, step: number): void;
  resolveTarget(target: Target): Element | null;
  /** While true the view's `tick` moves on every page change (a tour follows its targets). */
  followPage(active: boolean): void;
  /**
   * A watcher starts (true) or stops (false) wanting every change of the page model in the view
   * (the coach panel, author mode): counted, so each watcher calls it once on and once off. Optional.
   */
  watchModel?(active: boolean): void;
  shadowRootOf?: ShadowRootOf;
  /** Starts author mode (docs/authoring.md); absent where it is not offered. */
  startAuthor?(): void;
}

/** What the overlay reads the coach through: the controller's view store and its actions. */
export interface OverlaySource {
  getSnapshot(): OverlayView | null;
  subscribe(listener: () => void): () => void;
  actions: OverlayActions;
  /** Opens a snippet in the overlay (the popup's journey, a tip's "Learn more"); false when unknown. */
  openSnippet(packId: string, snippetId: string): boolean;
  /** A tip is on screen (benchmark mark). */
  tipRendered(): void;
}
