/**
 * The content script's coach loop: read the page, fetch the coach state once per page and
 * record, plan with the engine, record events, and hand the overlay a view. Work per mutation
 * batch stays tiny: a page model whose signature did not change costs no planning and no render.
 * Every dependency is injected so the loop is tested without a browser.
 */
import type { AdapterContext, PageModel } from '@/utils/crm/types';
import type { Pack, SiteDefinition, Target } from '@/utils/packs/types';
import type { CoachState } from '@/utils/messaging';
import type { OutboxInput } from '@/utils/usage/outbox';
import { planCoach } from '@/utils/coach/engine';
import { dependencySignature, elementId, fieldNamesUsed, planSignature as planSignatureOf } from '@/utils/coach/signature';
import { createNudgeTracker } from '@/utils/coach/nudge-tracker';
import { endOfLocalDay } from '@/utils/coach/show-rules';
import { withStep, type TourProgress } from '@/utils/coach/tour';
import type { CoachPlan, TipPlan } from '@/utils/coach/types';
import { registerCatalog, resolveUiLanguage, setUiLanguage, t, type UiLanguage } from '@/utils/i18n';
import type { OverlayActions, OverlayView } from '@/components/overlay/types';
import { itemKey } from '@/utils/packs/refs';
import * as events from './events';
import { createRetry, createScheduler } from './scheduler';
import { buildView } from './view';
import { EMPTY_SESSION, itemsForEngine, navigationKey, reduceSession, unseen, type Session } from './session';
import type { ShadowRootOf } from '@/components/overlay/dom';
import { setMarkdownTrees } from '@/components/overlay/markdown-trees';
import { logOnce } from '@/utils/crm/log';
import { packEmptyTexts } from '@/utils/crm/empty-texts';
import { createSelectorAnswers } from '@/utils/crm/selector-answers';
import { EVERYTHING, type PageChanges } from '@/utils/crm/selector-changes';
import type { LivePage } from '@/utils/crm/live-page';
import type { LiveIndex } from '@/utils/crm/live-index';

export interface ControllerDeps {
  doc: Document;
  url(): URL;
  resolveTarget(target: Target, model: PageModel, doc: Document, shadowRootOf?: ShadowRootOf): Element | null;
  /**
   * Presence checks of selector targets for one batch, sharing one walk of the page
   * (utils/crm/targets.ts createSelectorScope); without it each check resolves its target.
   */
  selectorScope?(doc: Document, shadowRootOf?: ShadowRootOf): (target: Extract<Target, { selector: string }>) => boolean;
  watchPage(opts: { doc: Document; onChange(reason: string, observerMs?: number, changes?: PageChanges): void; signal: AbortSignal; shadowRootOf?: ShadowRootOf; index?: LiveIndex }): void;
  getCoachState(url: string, recordKey: string | null): Promise<CoachState>;
  /** The pause switch of this page's host, or the launcher position (the background takes the host from the sender). */
  setPagePrefs(prefs: { paused?: boolean; launcher?: { crm: string; right: number; bottom: number } }): Promise<unknown>;
  outbox: { record(e: OutboxInput): void };
  loadTourProgress(): Promise<TourProgress>;
  saveTourProgress(progress: TourProgress): Promise<void>;
  now(): number;
  /** Browser UI language tag (for 'auto'). */
  browserLanguage: string;
  shadowRootOf?: ShadowRootOf;
  /** Benchmark build: performance marks and measures around the work (compiled in only when MODE is 'bench'). */
  bench?: boolean;
  /**
   * The page model, kept up to date incrementally (utils/crm/live-page.ts): fed by watchPage
   * through its index, read in slices so no task runs long.
   */
  live: LivePage;
  /** The coach state arrived (first or again): the content script starts loading the overlay early when it may draw. */
  onState?(state: CoachState): void;
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
}

/** Bench marks are compiled out of every other build. */
const BENCH_BUILD = import.meta.env.MODE === 'bench';


/** The plan while coaching is paused on this host: nothing planned. */
const PAUSED_PLAN: CoachPlan = { tips: [], panelTips: [], nudges: [], snippets: [], tours: [], explanations: [] };


export function createCoachController(deps: ControllerDeps, signal: AbortSignal): CoachController {
  const bench = BENCH_BUILD && !!deps.bench;
  const listeners = new Set<() => void>();
  let view: OverlayView | null = null;

  let state: CoachState | null = null;
  let stateFor = ''; // `${navKey}|${recordKey}` the state was fetched for
  let fetching = '';
  let lang = 'en';
  let tourProgress: TourProgress = {};
  let session: Session = EMPTY_SESSION;

  let model: PageModel | null = null;
  let plan: CoachPlan | null = null;
  let lastSig = '';
  let lastPlanSig = '';
  let followPage = false;
  let tick = 0;
  let request: OverlayView['request'] = null;
  let requestSeq = 0;
  let modelReadyMarked = false;
  let firstTipMarked = false;
  const tracker = createNudgeTracker();
  const live = deps.live;
  /** Fields the packs may look up (the live model's signature reads only those, the live page reads only those in full). */
  let depNames: string[] = [];
  let depPacks: Pack[] | null = null;
  const fieldNames = (): string[] => {
    const packs = state?.packs ?? [];
    if (depPacks !== packs) {
      depPacks = packs;
      depNames = fieldNamesUsed(packs);
    }
    return depNames;
  };
  /**
   * How many watchers want every change of the model (the coach panel, author mode's live count):
   * each turns it on and off for itself, so closing the panel never stops author mode's updates.
   */
  let watchers = 0;

  const publish = (next: OverlayView | null) => {
    view = next;
    for (const l of listeners) l();
  };

  const stored = () => state?.items ?? {};
  const itemsNow = () => itemsForEngine(session, stored());

  // ------------------------------------------------------------ events

  /** Events of an update wait until its view is published, so the overlay renders first. */
  const recorder = events.createEventRecorder(deps.outbox, () => model);
  const record = recorder.record;

  /** Tips the user can see now: tip.shown once per page. */
  const markShown = (tips: readonly TipPlan[]) => {
    const fresh = unseen(session, tips);
    if (!fresh.length) return;
    session = reduceSession(session, { type: 'shown', keys: fresh.map((tp) => tp.key), stored: stored() });
    for (const tp of fresh) record(events.tipShown(tp));
  };

  // ------------------------------------------------------------ state

  const applyLanguage = (s: CoachState) => {
    const choice = s.settings.language;
    for (const [code, catalog] of Object.entries(s.strings ?? {})) {
      if (catalog) registerCatalog(code as UiLanguage, catalog);
    }
    setMarkdownTrees(s.bodies);
    setUiLanguage(resolveUiLanguage(choice, deps.browserLanguage));
    lang = !choice || choice === 'auto' ? deps.browserLanguage : choice;
  };

  /** Each ask has a number: only the latest one's answer is taken (an older one may predate a change). */
  let fetchSeq = 0;
  const fetchState = async (key: string, url: string, recordKey: string | null, again = false) => {
    if (fetching === key && !again) return;
    fetching = key;
    const seq = ++fetchSeq;
    try {
      const s = await deps.getCoachState(url, recordKey);
      if (signal.aborted || fetching !== key || seq !== fetchSeq) return;
      state = s;
      stateFor = key;
      deps.onState?.(s);
      applyLanguage(s);
      update('state', true);
    } catch (err) {
      logOnce('could not get the coach state', err);
    } finally {
      if (fetching === key && seq === fetchSeq) fetching = '';
    }
  };

  const sites = (): SiteDefinition[] => (state?.packs ?? []).flatMap((p: Pack) => p.sites ?? []);

  /** The packs' placeholder lists for the readers (`crms`), worked out again only when the packs change. */
  let emptyTextsFor: Pack[] | null = null;
  let emptyTexts: AdapterContext['emptyTexts'];
  const readerContext = (s: CoachState): AdapterContext => {
    if (emptyTextsFor !== s.packs) {
      emptyTextsFor = s.packs;
      emptyTexts = packEmptyTexts(s.packs);
    }
    return { salt: s.salt, shadowRootOf: deps.shadowRootOf, emptyTexts };
  };

  // ------------------------------------------------------------ planning

  /**
   * Selector targets' answers (utils/crm/selector-answers.ts): kept until a batch of page changes
   * could have changed them, checked again within a budget, a slow selector suspended for the
   * page. Planning every tip again on every batch is what stalled a page with 2,000 selector tips
   * (profiled), so the plan is made again only when an answer changed.
   */
  const selectors = createSelectorAnswers({
    now: () => performance.now(),
    scope: () => (deps.selectorScope ? deps.selectorScope(deps.doc, deps.shadowRootOf) : (target) => !!model && deps.resolveTarget(target, model, deps.doc, deps.shadowRootOf) !== null),
    shadowRootOf: deps.shadowRootOf,
  });

  /** Selector targets can appear without the model changing: keep planning while any is in play. */
  const followsSelectors = (p: CoachPlan | null) =>
    !!p &&
    (p.tips.some((tp) => 'selector' in tp.tip.target) ||
      p.explanations.some((e) => e.kind === 'tip' && e.reasons.some((r) => r.code === 'target' && r.actual === undefined && !fieldTargeted(e.packId, e.itemId))));

  /** Keys of field-targeted tips, per packs list: a lookup per explanation, not a scan of every pack. */
  let fieldTips: { packs: Pack[]; keys: Set<string> } | null = null;
  const fieldTargeted = (packId: string, tipId: string) => {
    const packs = state?.packs ?? [];
    if (fieldTips?.packs !== packs) {
      const keys = new Set<string>();
      for (const p of packs) for (const x of p.tips ?? []) if ('field' in x.target) keys.add(`${p.id}\u0000${x.id}`);
      fieldTips = { packs, keys };
    }
    return fieldTips.keys.has(`${packId}\u0000${tipId}`);
  };

  // Every plan list is in the signature: utils/coach/signature.ts types it over CoachPlan.
  const planSignature = (p: CoachPlan, anchors: string) => `${planSignatureOf(p)}|${anchors}`;

  /**
   * A batch of page changes (or a state change): brings the model up to date, then plans and
   * renders when what the coach reads changed. The live page is read in slices; a batch arriving
   * meanwhile joins the running one (./scheduler.ts).
   */
  const scheduler = createScheduler({
    signal,
    bench,
    slice(j, deadline) {
      if (!state) return true;
      const url = deps.url();
      const ctx = readerContext(state);
      // Fields no pack names are read in full only while the panel shows them (docs/adapters.md).
      live.focus(watchers > 0 ? null : fieldNames());
      const next = live.step(url, ctx, sites(), deadline);
      if (next === undefined) return false;
      recorder.held(() => apply(url, next, j.force));
      return true;
    },
    pending: () => live.index.pending,
    behind: () => selectors.takeBehind(),
  });
  const update = scheduler.update;

  function apply(url: URL, next: PageModel | null, force: boolean): void {
    if (!state) return;
    if (!next) {
      model = null;
      plan = null;
      lastSig = '';
      if (view) publish(null);
      return;
    }
    const key = navigationKey(url, next.recordKey);
    const navChanged = key !== session.navKey;
    const sig = dependencySignature(next, fieldNames());
    if (!navChanged && !force && sig === lastSig && !followPage && (!followsSelectors(plan) || !selectors.refresh())) {
      // Nothing the engine reads changed; the coach panel, when open, still shows the new model.
      model = next;
      if (watchers > 0 && view) publishView();
      return;
    }

    model = next;
    lastSig = sig;
    const before = session;
    session = reduceSession(session, { type: 'page', navKey: key, recordKey: next.recordKey ?? `page:${key}` });
    if (navChanged) {
      selectors.reset();
      modelReadyMarked = false;
      firstTipMarked = false;
      record(events.pageView());
    }
    if (bench && !modelReadyMarked) {
      modelReadyMarked = true;
      performance.mark('crm-coach:model-ready');
    }
    if (session.recordKey !== before.recordKey) tracker.reset();
    const wanted = `${key}|${next.recordKey ?? ''}`;
    // Asked after this update's view is out (a microtask), so the first tip does not wait for the message.
    if (stateFor !== wanted && fetching !== wanted) queueMicrotask(() => void fetchState(wanted, url.href, next.recordKey));

    // Paused: no planning at all (no pack condition, selector or regex runs); the launcher stays.
    selectors.beginPlan();
    plan = state.paused ? PAUSED_PLAN : planCoach({
      model: next,
      packs: state.packs,
      user: { role: state.settings.role, startDate: state.settings.startDate },
      items: itemsNow(),
      now: deps.now(),
      selectorPresent: selectors.present,
      selectorSuspended: selectors.suspendedWhy,
      closedOnPage: session.closedOnPage,
    });
    selectors.endPlan();

    // Nudges: each empty field once per record; a filled one rewarded once per record, nudge and field.
    if (!state.paused) {
      const seen = tracker.observe(plan.nudges, new Set(stateFor === wanted ? state.resolved : []));
      for (const e of seen.shown) record(events.nudgeShown(e, next.recordKey));
      let announcement: string | undefined;
      for (const e of seen.resolved) {
        record(events.nudgeResolved(e, next.recordKey));
        announcement = `${t('coach_nudge_filled', e.field)} ${t('coach_nudge_points', e.points ?? 1)}`;
      }
      session = reduceSession(session, { type: 'nudges', done: seen.done, announcement });
      markShown(plan.tips);
    }

    const anchors = plan.tips.map((tp) => (tp.field ? elementId(tp.field.element) : '')).join(',');
    const planSig = `${sig}|${planSignature(plan, anchors)}|${state.paused}|${session.announcement}`;
    if (followPage) tick++;
    if (!force && !navChanged && planSig === lastPlanSig && !followPage && view) {
      if (watchers > 0) publishView();
      return;
    }
    lastPlanSig = planSig;
    publishView();
  }

  function publishView(): void {
    if (model && plan && state) publish(buildView({ lang, model, plan, state, session, host: deps.url().hostname, tourProgress, tick, request }));
  }

  // ------------------------------------------------------------ actions

  const saveTourStep = (key: string, step: number | null) => {
    tourProgress = withStep(tourProgress, key, step);
    deps.saveTourProgress(tourProgress).catch((err) => logOnce('could not save tour progress', err));
    publishView();
  };

  /** A snippet or tour finished: completed here until the next state refresh. */
  const complete = (key: string) => {
    session = reduceSession(session, { type: 'completed', key });
    update('complete', true);
  };

  const actions: OverlayActions = {
    tipsSeen: (tips) => markShown(tips),
    dismissTip(tp, snooze) {
      session = reduceSession(session, { type: 'dismissed', key: tp.key, until: snooze ? endOfLocalDay(deps.now()) : undefined });
      record(events.tipDismissed(tp, snooze));
      update('dismiss', true);
    },
    setPaused(paused) {
      if (!state) return;
      const host = deps.url().hostname;
      const sitesNow = state.settings.pausedSites.filter((h) => h !== host);
      const pausedSites = paused ? [...sitesNow, host] : sitesNow;
      state = { ...state, paused, settings: { ...state.settings, pausedSites } };
      deps.setPagePrefs({ paused }).catch((err) => logOnce('could not save the pause switch', err));
      update('pause', true);
    },
    moveLauncher(pos) {
      if (!state || !model) return;
      const launcher = { ...(state.settings.launcher ?? {}), [model.crm]: pos };
      state = { ...state, settings: { ...state.settings, launcher } };
      deps.setPagePrefs({ launcher: { crm: model.crm, ...pos } }).catch((err) => logOnce('could not save the launcher position', err));
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
    setTourProgress: (key, step) => saveTourStep(key, step),
    resolveTarget: (target) => (model ? deps.resolveTarget(target, model, deps.doc, deps.shadowRootOf) : null),
    followPage(active) {
      followPage = active;
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
    if (starting || state || signal.aborted) return;
    starting = true;
    retry.cancel();
    try {
      const first = deps.url();
      const [s, progress] = await Promise.all([
        deps.getCoachState(first.href, null),
        deps.loadTourProgress().catch(() => ({}) as TourProgress),
      ]);
      if (signal.aborted) return;
      state = s;
      stateFor = `${first.origin}${first.pathname}${first.search}|`;
      deps.onState?.(s);
      tourProgress = progress;
      applyLanguage(s);
      const watch = () =>
        deps.watchPage({
          doc: deps.doc,
          onChange: (reason, observerMs, changes) => {
            // A watcher that does not say what changed: anything may have.
            selectors.note(changes ?? EVERYTHING);
            update(reason, false, observerMs ?? 0);
          },
          signal,
          shadowRootOf: deps.shadowRootOf,
          index: live.index,
        });
      // The live index learns of shadow roots through the watcher: it watches from the start.
      watch();
      update('start', true);
    } catch (err) {
      logOnce('the coach could not start', err);
      retry.later(() => void start());
    } finally {
      starting = false;
    }
    if (refreshAfterStart && state) {
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
      if (!state) {
        void start();
        return;
      }
      // Ask again for this page (packs, settings or the policy changed); the answer re-plans it.
      const url = deps.url();
      const key = `${url.origin}${url.pathname}${url.search}`;
      const recordKey = model && session.navKey === navigationKey(url, model.recordKey) ? model.recordKey : null;
      void fetchState(`${key}|${recordKey ?? ''}`, url.href, recordKey, true);
    },
    openSnippet(packId, snippetId) {
      const exists = !!state?.packs.find((p) => p.id === packId)?.snippets?.some((s) => s.id === snippetId);
      if (!exists || !model) return false;
      request = { packId, snippetId, seq: ++requestSeq };
      publishView();
      return true;
    },
    reload() {
      stateFor = '';
      update('reload', true);
    },
    tipRendered() {
      if (bench && !firstTipMarked) {
        firstTipMarked = true;
        performance.mark('crm-coach:first-tip');
      }
    },
  };
  return api;
}
