/**
 * One update's planning (docs/architecture.md, "The content script"): given the page model the
 * live page read, decide whether anything the engine reads changed (the one change-detection
 * path: the dependency signature of the packs' field names, selector answers, a new page), and
 * only then plan with the engine, follow the nudges, count tips shown, and say whether the view
 * changed. A batch that changes nothing the coach reads costs a signature and nothing more.
 */
import type { PageModel } from '@/utils/crm/types';
import type { CoachPlan, TipPlan } from '@/utils/coach/types';
import { planCoach } from '@/utils/coach/engine';
import { dependencySignature, elementId, planSignature } from '@/utils/coach/signature';
import { createNudgeTracker } from '@/utils/coach/nudge-tracker';
import { createSelectorAnswers, type SelectorAnswers, type SelectorAnswersDeps } from '@/utils/crm/selector-answers';
import { t } from '@/utils/i18n';
import type { CoachStateSource } from './coach-state';
import * as events from './events';
import { itemsForEngine, navigationKey, unseen, type SessionStore } from './session';

/** Bench marks are compiled out of every other build. */
const BENCH_BUILD = import.meta.env.MODE === 'bench';

/** The plan while coaching is paused on this host: nothing planned. */
const PAUSED_PLAN: CoachPlan = { tips: [], panelTips: [], nudges: [], snippets: [], tours: [], explanations: [] };

export interface PlannerDeps extends Pick<SelectorAnswersDeps, 'scope' | 'shadowRootOf'> {
  states: CoachStateSource;
  session: SessionStore;
  record(e: events.CoachEventInput): void;
  now(): number;
  bench?: boolean;
}

/** What an update did to the view: cleared it (no reader for the page), changed it, or left it as it was. */
export type Outcome = 'cleared' | 'changed' | 'same';

export interface Planner {
  readonly model: PageModel | null;
  readonly plan: CoachPlan | null;
  /** Increases on every update while something follows the page (a tour). */
  readonly tick: number;
  /**
   * Selector targets' answers (utils/crm/selector-answers.ts): kept until a batch of page changes
   * could have changed them, checked again within a budget, a slow selector suspended for the
   * page. Planning every tip again on every batch is what stalled a page with 2,000 selector
   * tips (profiled), so the plan is made again only when an answer changed.
   */
  readonly selectors: SelectorAnswers;
  /**
   * `unchanged`: the caller knows nothing the engine reads of `next` can have changed since the
   * last apply (the same model object, no visibility forgotten): the signature is not computed again.
   */
  apply(url: URL, next: PageModel | null, force: boolean, hasView: boolean, unchanged?: boolean): Outcome;
  /** Tips the user can see now: tip.shown once per page. */
  markShown(tips: readonly TipPlan[]): void;
  /** While true, every update plans and moves `tick` (a tour follows its targets). */
  follow(active: boolean): void;
  /**
   * True while any page change may matter, also one only to fields no pack names (the page
   * watcher then makes a batch of it): selector targets are in play, or a tour follows the page.
   */
  everyChange(): boolean;
  /** The overlay put a tip on screen (bench mark). */
  tipRendered(): void;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function createPlanner(deps: PlannerDeps): Planner {
  const { states, session, record } = deps;
  const bench = BENCH_BUILD && !!deps.bench;
  const selectors = createSelectorAnswers({ now: () => performance.now(), scope: deps.scope, shadowRootOf: deps.shadowRootOf });
  const tracker = createNudgeTracker();
  let lastSig = '';
  let lastPlanSig = '';
  let followPage = false;
  let modelReadyMarked = false;
  let firstTipMarked = false;
  /** followsSelectors of the current plan (asked on every page change: computed once per plan). */
  let planFollows = false;

  /** Selector targets can appear without the model changing: keep planning while any is in play. */
  const followsSelectors = (p: CoachPlan | null) =>
    !!p &&
    (p.tips.some((tp) => 'selector' in tp.tip.target) ||
      p.explanations.some((e) => e.kind === 'tip' && e.reasons.some((r) => r.code === 'target' && r.actual === undefined && !states.fieldTargeted(e.packId, e.itemId))));

  const markShown = (tips: readonly TipPlan[]) => {
    const fresh = unseen(session.current, tips);
    if (!fresh.length) return;
    session.apply({ type: 'shown', keys: fresh.map((tp) => tp.key), stored: states.current?.items ?? {} });
    for (const tp of fresh) record(events.tipShown(tp));
  };

  function apply(url: URL, next: PageModel | null, force: boolean, hasView: boolean, unchanged = false): Outcome {
    const state = states.current;
    if (!state) return 'same';
    if (!next) {
      planner.model = planner.plan = null;
      planFollows = false;
      lastSig = '';
      return 'cleared';
    }
    const key = navigationKey(url, next.recordKey);
    const navChanged = key !== session.current.navKey;
    const sig = unchanged && !force && lastSig && next === planner.model ? lastSig : dependencySignature(next, states.fieldNames());
    planner.model = next;
    // Nothing the engine reads changed (the coach panel, when open, still shows the new model).
    if (!navChanged && !force && sig === lastSig && !followPage && (!planFollows || !selectors.refresh())) return 'same';

    lastSig = sig;
    const before = session.current;
    session.apply({ type: 'page', navKey: key, recordKey: next.recordKey ?? `page:${key}` });
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
    if (session.current.recordKey !== before.recordKey) tracker.reset();
    // The state is asked for per navigation key (URL and record key, as start and refresh ask):
    // a page without a record key keeps the state fetched at start; a record page asks once more,
    // with its record key (the nudges already resolved on that record).
    const wanted = key;
    // Asked after this update's view is out (a microtask), so the first tip does not wait for the message.
    if (!states.wants(wanted)) queueMicrotask(() => void states.fetch(wanted, url.href, next.recordKey));

    // Paused: no planning at all (no pack condition, selector or regex runs); the launcher stays.
    selectors.beginPlan();
    const p = state.paused
      ? PAUSED_PLAN
      : planCoach({
          model: next,
          packs: state.packs,
          user: { role: state.settings.role, startDate: state.settings.startDate },
          items: itemsForEngine(session.current, state.items),
          now: deps.now(),
          selectorPresent: selectors.present,
          selectorSuspended: selectors.suspendedWhy,
          closedOnPage: session.current.closedOnPage,
        });
    planner.plan = p;
    planFollows = followsSelectors(p);
    selectors.endPlan();

    // Nudges: each empty field once per record; a filled one rewarded once per record, nudge and field.
    if (!state.paused) {
      const seen = tracker.observe(p.nudges, new Set(states.isFor(wanted) ? state.resolved : []));
      for (const e of seen.shown) record(events.nudgeShown(e, next.recordKey));
      let announcement: string | undefined;
      for (const e of seen.resolved) {
        record(events.nudgeResolved(e, next.recordKey));
        announcement = `${t('coach_nudge_filled', e.field)} ${t('coach_nudge_points', e.points ?? 1)}`;
      }
      session.apply({ type: 'nudges', done: seen.done, announcement });
      markShown(p.tips);
    }

    // Every plan list is in the signature (utils/coach/signature.ts types it over CoachPlan), and where each tip is anchored.
    const anchors = p.tips.map((tp) => (tp.field ? elementId(tp.field.element) : '')).join(',');
    const planSig = `${sig}|${planSignature(p)}|${anchors}|${state.paused}|${session.current.announcement}`;
    if (followPage) planner.tick++;
    if (!force && !navChanged && planSig === lastPlanSig && !followPage && hasView) return 'same';
    lastPlanSig = planSig;
    return 'changed';
  }

  const planner: Mutable<Planner> = {
    model: null,
    plan: null,
    tick: 0,
    selectors,
    apply,
    markShown,
    follow(active) {
      followPage = active;
    },
    everyChange: () => followPage || planFollows,
    tipRendered() {
      if (bench && !firstTipMarked) {
        firstTipMarked = true;
        performance.mark('crm-coach:first-tip');
      }
    },
  };
  return planner;
}
