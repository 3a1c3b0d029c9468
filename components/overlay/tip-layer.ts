/**
 * The anchored tips, drawn by the every-page part of the overlay (components/overlay/stage.ts) in
 * plain DOM: a page's first tip is on screen in the same task that makes the page model ready,
 * with no wait for the React overlay (docs/architecture.md, "Budgets"). One card per tip of the
 * plan whose target is on the page; none while coaching is paused, the panel is open (the panel
 * lists them, and would cover half a card) or a tour runs (one thing at a time).
 */
import { t } from '@/utils/i18n';
import { localize } from '@/utils/packs/text';
import { resolveSnippetRef } from '@/utils/packs/refs';
import type { TipPlan } from '@/utils/coach/types';
import type { Target } from '@/utils/packs/types';
import type { OverlayView } from './types';
import { createTipCard, learnMoreOf, type TipCardElement } from './tip-card';

/** What the tip layer asks of the coach. */
export interface TipLayerSource {
  actions: {
    dismissTip(tip: TipPlan, snooze: boolean): void;
    markHelpful(tip: TipPlan, helpful: boolean): void;
    resolveTarget(target: Target): Element | null;
  };
  /** Opens a snippet in the overlay (a tip's "Learn more"). */
  openSnippet(packId: string, snippetId: string): boolean;
  /** A tip is on screen (benchmark mark). */
  tipRendered(): void;
}

export interface TipLayer {
  /** Draws the tips `view` anchors, or none; returns how many are on screen. */
  render(view: OverlayView | null, hidden: boolean): number;
  dispose(): void;
}

interface Drawn {
  card: TipCardElement;
  anchor: Element;
  /**
   * The plan and view the card's buttons act on, the latest ones (same tip, same language: a card
   * is drawn anew otherwise). A card lives on across re-renders of its field; handlers bound to the
   * plan it was drawn with kept that plan's field element, and with it the whole record page the
   * CRM had since removed (tests/e2e/memory.test.mjs).
   */
  now: { tp: TipPlan; view: OverlayView };
}

/** The element a tip is anchored to: its field, else its target; null for page-wide tips. */
export function tipAnchor(tp: TipPlan, resolve: (target: Target) => Element | null): Element | null {
  if (tp.field) return tp.field.element;
  return 'page' in tp.tip.target ? null : resolve(tp.tip.target);
}

export function createTipLayer(doc: Document, container: HTMLElement, live: HTMLElement, source: TipLayerSource): TipLayer {
  const drawn = new Map<string, Drawn>();
  let announced = '';
  // The anchors are looked up again only when the plan, the page tick or the language changes.
  let lastPlan: OverlayView['plan'] | null = null;
  let lastTick = -1;
  let lastLang = '';
  let lastHidden = true;

  function clear(): void {
    for (const d of drawn.values()) d.card.dispose();
    drawn.clear();
  }

  function draw(tp: TipPlan, anchor: Element, view: OverlayView): Drawn {
    const now = { tp, view };
    const card = createTipCard(doc, {
      plan: tp,
      lang: view.lang,
      anchor,
      learnMore: learnMoreOf(tp, view.packs, view.lang),
      onDismiss: () => source.actions.dismissTip(now.tp, false),
      onSnooze: () => source.actions.dismissTip(now.tp, true),
      onHelpful: (helpful) => source.actions.markHelpful(now.tp, helpful),
      onLearnMore: () => {
        const lm = now.tp.tip.learnMore;
        const ref = lm && 'snippet' in lm ? resolveSnippetRef(lm.snippet, now.tp.packId, now.view.packs) : null;
        if (ref) source.openSnippet(ref.packId, ref.snippet.id);
      },
    });
    card.attach(container);
    return { card, anchor, now };
  }

  return {
    render(view, hidden) {
      const tips = view && !view.paused && !hidden ? view.plan.tips : [];
      if (!view || tips.length === 0) {
        clear();
        lastPlan = null;
        if (!view || view.paused || view.plan.tips.length === 0) announced = '';
        return 0;
      }
      if (view.plan === lastPlan && view.tick === lastTick && view.lang === lastLang && hidden === lastHidden) return drawn.size;
      lastPlan = view.plan;
      lastTick = view.tick;
      lastLang = view.lang;
      lastHidden = hidden;

      const keep = new Set<string>();
      for (const tp of tips) {
        const anchor = tipAnchor(tp, source.actions.resolveTarget);
        if (!anchor) continue;
        keep.add(tp.key);
        const old = drawn.get(tp.key);
        if (old && old.now.tp.tip === tp.tip && old.now.view.lang === view.lang) {
          // The same card follows the field the page re-rendered.
          old.now.tp = tp;
          old.now.view = view;
          if (old.anchor !== anchor) {
            old.card.moveTo(anchor);
            old.anchor = anchor;
          }
          continue;
        }
        old?.card.dispose();
        drawn.set(tp.key, draw(tp, anchor, view));
      }
      for (const [key, d] of drawn) {
        if (keep.has(key)) continue;
        d.card.dispose();
        drawn.delete(key);
      }

      // Announced politely once per set of tips; the first drawn one is a page's first tip.
      const keys = tips.map((tp) => tp.key).join(' ');
      if (keys !== announced) {
        announced = keys;
        live.textContent = t('coach_new_tip', localize(tips[0].tip.title, view.lang));
        if (drawn.size > 0) source.tipRendered();
      }
      return drawn.size;
    },
    dispose() {
      clear();
    },
  };
}
