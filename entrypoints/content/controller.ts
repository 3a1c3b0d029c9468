/**
 * The content script's coach, composed of single-purpose parts (docs/architecture.md, "The
 * content script"): the coach state (./coach-state.ts), the tab's session (./session.ts), the
 * scheduler of updates (./scheduler.ts), the planning of one update (./planner.ts), the events
 * (./events.ts) and the overlay's view (./view.ts). This file wires them, keeps the view store
 * the overlay subscribes to, and turns the overlay's intents into changes. Every dependency is
 * injected so the coach is tested without a browser.
 */
import type { Target } from '@/utils/packs/types';
import { endOfLocalDay } from '@/utils/coach/show-rules';
import { withStep, type TourProgress } from '@/utils/coach/tour';
import type { OverlayActions, OverlayView } from '@/components/overlay/types';
import { itemKey } from '@/utils/packs/refs';
import { logOnce } from '@/utils/crm/log';
import { EVERYTHING } from '@/utils/crm/selector-changes';
import { createCoachState } from './coach-state';
import * as events from './events';
import { createPlanner } from './planner';
import { afterLayout } from './after-layout';
import { createRetry, createScheduler } from './scheduler';
import { createSessionStore, navigationKey } from './session';
import { buildView } from './view';
import type { CoachController, ControllerDeps } from './types';

export type { CoachController, ControllerDeps } from './types';

export function createCoachController(deps: ControllerDeps, signal: AbortSignal): CoachController {
  const { live } = deps;
  const listeners = new Set<() => void>();
  let view: OverlayView | null = null;
  let tourProgress: TourProgress = {};
  let request: OverlayView['request'] = null;
  let requestSeq = 0;
  /**
   * How many watchers want every change of the model (the coach panel, author mode's live count):
   * each turns it on and off for itself, so closing the panel never stops author mode's updates.
   */
  let watchers = 0;

  const states = createCoachState(deps, signal, () => update('state', true));
  const session = createSessionStore();
  /** Events of an update wait until its view is published, so the overlay renders first. */
  const recorder = events.createEventRecorder(deps.outbox, () => planner.model);
  const { record } = recorder;
  const resolveTarget = (target: Target) => (planner.model ? deps.resolveTarget(target, planner.model, deps.doc, deps.shadowRootOf) : null);
  const planner = createPlanner({
    states,
    session,
    record,
    now: () => deps.now(),
    bench: deps.bench,
    shadowRootOf: deps.shadowRootOf,
    // Without a shared scope (tests), each check resolves its target.
    scope: () => (deps.selectorScope ? deps.selectorScope(deps.doc, deps.shadowRootOf) : (target) => resolveTarget(target) !== null),
  });

  /**
   * Shadow roots holding only fields no pack names go unobserved while nothing needs every page
   * change (utils/crm/live-index.ts `quiet`): a tour that follows the page or a pack that
   * targets selectors turns that off, and every such root is observed at once.
   */
  const quietRoots = () => live.index.quiet(!planner.everyChange());

  /** The model and visibility epoch the planner last saw (so an unchanged page costs no signature). */
  let seenModel: unknown = null;
  let seenEpoch = -1;

  const publish = (next: OverlayView | null) => {
    view = next;
    for (const l of listeners) l();
  };
  const publishView = () => {
    const { model, plan, tick } = planner;
    const state = states.current;
    if (model && plan && state) publish(buildView({ lang: states.lang, model, plan, state, session: session.current, host: deps.url().hostname, tourProgress, tick, request }));
  };

  /**
   * A batch of page changes (or a state change): brings the model up to date in slices, then
   * plans and renders when what the coach reads changed.
   */
  const { update, quiet, busy } = createScheduler({
    signal,
    bench: deps.bench,
    slice(j, deadline) {
      const state = states.current;
      if (!state) return true;
      const url = deps.url();
      // Fields no pack names are read in full only while the panel shows them (docs/adapters.md).
      live.focus(watchers > 0 ? null : states.fieldNames());
      quietRoots();
      const ctx = states.readerContext(state);
      const sites = states.sites();
      if (!live.settle(url, ctx, sites, deadline)) return false;
      // Reading checks what is visible, which needs the page's style. An update of one slice reads
      // at once (it runs in the animation frame, before the frame styles the page anyway); a
      // longer one reads right after the page's next layout, when the style is up to date and
      // the slice is fresh: between the slices the page may have changed, even navigated.
      if (j.slices > 0 && !j.laidOut) return 'layout';
      const next = live.read(url, ctx, sites);
      const epoch = live.index.visibilityEpoch;
      const unchanged = next !== null && next === seenModel && epoch === seenEpoch;
      seenModel = next;
      seenEpoch = epoch;
      recorder.held(() => {
        const outcome = planner.apply(url, next, j.force, view !== null, unchanged);
        quietRoots();
        if (outcome === 'cleared') {
          if (view) publish(null);
        } else if (outcome === 'changed' || (watchers > 0 && view)) publishView();
      });
      return true;
    },
    afterLayout: (fn) => afterLayout(deps.doc, fn),
    pending: () => live.index.pending,
    behind: () => planner.selectors.takeBehind(),
  });

  const saveTourStep = (key: string, step: number | null) => {
    tourProgress = withStep(tourProgress, key, step);
    deps.saveTourProgress(tourProgress).catch((err) => logOnce('could not save tour progress', err));
    publishView();
  };
  /** A snippet or tour finished: completed here until the next state refresh. */
  const complete = (key: string) => {
    session.apply({ type: 'completed', key });
    update('complete', true);
  };

  const actions: OverlayActions = {
    tipsSeen: (tips) => planner.markShown(tips),
    dismissTip(tp, snooze) {
      session.apply({ type: 'dismissed', key: tp.key, until: snooze ? endOfLocalDay(deps.now()) : undefined });
      record(events.tipDismissed(tp, snooze));
      update('dismiss', true);
    },
    setPaused(paused) {
      if (!states.current) return;
      states.setPaused(paused, deps.url().hostname);
      update('pause', true);
    },
    moveLauncher(pos) {
      if (!states.current || !planner.model) return;
      states.moveLauncher(planner.model.crm, pos);
      publishView();
    },
    markHelpful: (tp, helpful) => record(events.tipHelpful(tp, helpful)),
    openSnippet: (packId, snippetId) => record(events.snippetOpened(packId, snippetId)),
    completeSnippet(packId, snippet) {
      record(events.snippetCompleted(packId, snippet));
      complete(itemKey(packId, snippet.id));
    },
    startTour: (plan) => record(events.tourStarted(plan)),
    completeTour(plan) {
      record(events.tourCompleted(plan));
      saveTourStep(plan.key, null);
      complete(plan.key);
    },
    setTourProgress: saveTourStep,
    resolveTarget,
    followPage(active) {
      planner.follow(active);
      quietRoots();
    },
    watchModel(active) {
      const opened = active && watchers === 0;
      watchers = Math.max(0, watchers + (active ? 1 : -1));
      // The panel lists every field: read the ones left out (in slices, like a new page).
      if (opened) update('panel');
    },
    shadowRootOf: deps.shadowRootOf,
  };

  let starting = false;
  let refreshAfterStart = false;
  const retry = createRetry(signal);

  /**
   * Asks for the first state and starts watching the page. A failed ask (the background not up
   * yet) is asked again after a growing pause, a few times; after that a change signal from the
   * background (refresh) starts it.
   */
  async function start(): Promise<void> {
    if (starting || states.current || signal.aborted) return;
    starting = true;
    retry.cancel();
    try {
      const first = deps.url();
      const [s, progress] = await Promise.all([deps.getCoachState(first.href, null), deps.loadTourProgress().catch(() => ({}) as TourProgress)]);
      if (signal.aborted) return;
      tourProgress = progress;
      states.take(s, `${first.origin}${first.pathname}${first.search}|`);
      // The live index learns of shadow roots through the watcher: it watches from the start.
      deps.watchPage({
        doc: deps.doc,
        onChange: (reason, observerMs, changes) => {
          // A watcher that does not say what changed: anything may have.
          planner.selectors.note(changes ?? EVERYTHING);
          update(reason, false, observerMs ?? 0);
        },
        signal,
        shadowRootOf: deps.shadowRootOf,
        index: live.index,
        everyChange: planner.everyChange,
        onQuiet: quiet,
      });
      update('start', true);
    } catch (err) {
      logOnce('the coach could not start', err);
      retry.later(() => void start());
    } finally {
      starting = false;
    }
    if (refreshAfterStart && states.current) {
      refreshAfterStart = false;
      api.refresh();
    }
  }

  const api: CoachController = {
    getSnapshot: () => view,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    actions,
    start,
    refresh() {
      if (signal.aborted) return;
      if (starting) {
        // The state being fetched may predate the change: ask again once it is in.
        refreshAfterStart = true;
        return;
      }
      if (!states.current) {
        void start();
        return;
      }
      // Ask again for this page (packs, settings or the policy changed); the answer re-plans it.
      const url = deps.url();
      const { model } = planner;
      const recordKey = model && session.current.navKey === navigationKey(url, model.recordKey) ? model.recordKey : null;
      void states.fetch(`${url.origin}${url.pathname}${url.search}|${recordKey ?? ''}`, url.href, recordKey, true);
    },
    openSnippet(packId, snippetId) {
      const exists = !!states.current?.packs.find((p) => p.id === packId)?.snippets?.some((s) => s.id === snippetId);
      if (!exists || !planner.model) return false;
      request = { packId, snippetId, seq: ++requestSeq };
      publishView();
      return true;
    },
    reload() {
      states.forget();
      update('reload', true);
    },
    tipRendered: () => planner.tipRendered(),
    reading: busy,
  };
  return api;
}
