/** What the content script's coach is given (its dependencies, injected) and what it offers (the view store, intents, start and refresh). */
import type { PageModel } from '@/utils/crm/types';
import type { Target } from '@/utils/packs/types';
import type { OutboxInput } from '@/utils/usage/outbox';
import type { TourProgress } from '@/utils/coach/tour';
import type { OverlayActions, OverlayView } from '@/components/overlay/types';
import type { ShadowRootOf } from '@/components/overlay/dom';
import type { PageChanges } from '@/utils/crm/selector-changes';
import type { LivePage } from '@/utils/crm/live-page';
import type { LiveIndex } from '@/utils/crm/live-index';
import type { CoachStateDeps } from './coach-state';

export interface ControllerDeps extends CoachStateDeps {
  doc: Document;
  url(): URL;
  resolveTarget(target: Target, model: PageModel, doc: Document, shadowRootOf?: ShadowRootOf): Element | null;
  /**
   * Presence checks of selector targets for one batch, sharing one walk of the page
   * (utils/crm/targets.ts createSelectorScope); without it each check resolves its target.
   */
  selectorScope?(doc: Document, shadowRootOf?: ShadowRootOf): (target: Extract<Target, { selector: string }>) => boolean;
  watchPage(opts: {
    doc: Document;
    onChange(reason: string, observerMs?: number, changes?: PageChanges): void;
    signal: AbortSignal;
    shadowRootOf?: ShadowRootOf;
    index?: LiveIndex;
    everyChange?: () => boolean;
    onQuiet?: (observerMs: number) => void;
  }): void;
  outbox: { record(e: OutboxInput): void };
  loadTourProgress(): Promise<TourProgress>;
  saveTourProgress(progress: TourProgress): Promise<void>;
  now(): number;
  /** Benchmark build: performance marks and measures around the work (compiled in only when MODE is 'bench'). */
  bench?: boolean;
  /**
   * The page model, kept up to date incrementally (utils/crm/live-page.ts): fed by watchPage
   * through its index, read in slices so no task runs long.
   */
  live: LivePage;
}

export interface CoachController {
  getSnapshot(): OverlayView | null;
  subscribe(listener: () => void): () => void;
  actions: OverlayActions;
  start(): Promise<void>;
  /**
   * Packs, settings or the policy changed (the background's coachChanged signal): ask for the
   * state again and re-plan; a coach that could not start starts now.
   */
  refresh(): void;
  /** The popup's journey asks for a snippet: true when it is installed and will open. */
  openSnippet(packId: string, snippetId: string): boolean;
  /** The overlay put a tip on screen. */
  tipRendered(): void;
  /** Fetches the coach state again (author mode saved to the draft pack). */
  reload(): void;
  /** True while the coach reads a changed page (an update runs): what it publishes next may move the overlay. */
  reading(): boolean;
}
