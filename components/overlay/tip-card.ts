/**
 * A tip card in plain DOM: anchored next to its target on the page, or inline in the coach panel.
 * Plain DOM, not React, so the every-page part of the overlay draws a page's first tip as soon as
 * the page model is ready, without waiting for the React overlay to load (docs/architecture.md,
 * "Budgets"); the panel's React code mounts the same card through <TipCard>.
 */
import { t } from '@/utils/i18n';
import { localize } from '@/utils/packs/text';
import { resolveSnippetRef } from '@/utils/packs/refs';
import { safeHref } from '@/utils/markdown-tree';
import type { TipPlan } from '@/utils/coach/types';
import type { Pack } from '@/utils/packs/types';
import { coachMarkElement } from './coach-mark';
import { linkHostNode, markdownElement } from './markdown-dom';
import { anchorTo } from './anchor';

export type LearnMoreLink = { kind: 'snippet'; title: string } | { kind: 'url'; href: string } | null;

export interface TipCardHandlers {
  onDismiss(): void;
  onSnooze(): void;
  onHelpful(helpful: boolean): void;
  onLearnMore(): void;
}

export interface TipCardOptions extends TipCardHandlers {
  plan: TipPlan;
  lang: string;
  /** The page element to anchor to; null draws the tip inline (coach panel). */
  anchor: Element | null;
  learnMore: LearnMoreLink;
}

export interface TipCardElement {
  el: HTMLElement;
  /** Puts the card into `parent` and, when anchored, keeps it beside its anchor from then on. */
  attach(parent: Element): void;
  /**
   * Follows another element from now on (the page re-rendered the field): the card stays the same
   * node, so neither its state (a focused button, an answered "helpful") nor its entry animation
   * starts over. Only for a card made with an anchor.
   */
  moveTo(anchor: Element): void;
  /** Stops following the anchor and takes the card out of the document. */
  dispose(): void;
}

/** What a tip's "Learn more" leads to: a safe URL, a snippet the packs have, or nothing. */
export function learnMoreOf(tp: TipPlan, packs: readonly Pack[], lang: string): LearnMoreLink {
  const lm = tp.tip.learnMore;
  if (!lm) return null;
  if ('url' in lm) {
    const href = safeHref(lm.url);
    return href ? { kind: 'url', href } : null;
  }
  const ref = resolveSnippetRef(lm.snippet, tp.packId, packs);
  return ref ? { kind: 'snippet', title: localize(ref.snippet.title, lang) } : null;
}

let nextId = 0;

function button(doc: Document, className: string, text: string, onClick: () => void): HTMLButtonElement {
  const b = doc.createElement('button');
  b.type = 'button';
  b.className = className;
  b.textContent = text;
  b.addEventListener('click', onClick);
  return b;
}

function spacer(doc: Document): HTMLElement {
  const s = doc.createElement('span');
  s.className = 'cc-spacer';
  return s;
}

export function createTipCard(doc: Document, opts: TipCardOptions): TipCardElement {
  // Nothing below keeps `opts`: the card lives on across re-renders of its field (moveTo), and
  // the plan holds the field's element of the page it was made on.
  const { plan, lang, learnMore, onHelpful } = opts;
  let anchor = opts.anchor;
  const id = `cc-tip-${++nextId}`;
  const title = localize(plan.tip.title, lang);
  const body = localize(plan.tip.body, lang);

  const card = doc.createElement('div');
  card.className = anchor ? 'cc-card cc-tip' : 'cc-card cc-tip cc-inline';
  card.setAttribute('data-coach-tip', plan.key);
  card.setAttribute('role', anchor ? 'dialog' : 'group');
  card.setAttribute('aria-labelledby', `${id}-t`);
  if (anchor) card.append(coachMarkElement(doc, t('coach_tip_label')));

  const head = doc.createElement('div');
  head.className = 'cc-card-head';
  const h = doc.createElement('h3');
  h.className = 'cc-card-title';
  h.id = `${id}-t`;
  h.textContent = title;
  head.append(h);
  card.append(head);

  const md = markdownElement(doc, body, undefined, `${id}-b`);
  if (md) {
    card.setAttribute('aria-describedby', `${id}-b`);
    card.append(md);
  }

  const actions = doc.createElement('div');
  actions.className = 'cc-actions';
  actions.append(
    button(doc, 'cc-btn cc-btn-primary', t('coach_tip_got_it'), opts.onDismiss),
    button(doc, 'cc-btn cc-btn-ghost', t('coach_tip_not_now'), opts.onSnooze),
    spacer(doc),
  );
  if (learnMore?.kind === 'url') {
    const a = doc.createElement('a');
    a.className = 'cc-link';
    a.href = learnMore.href;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    a.textContent = t('coach_learn_more');
    const host = linkHostNode(doc, learnMore.href);
    if (host) a.append(host);
    actions.append(a);
  } else if (learnMore?.kind === 'snippet') {
    const b = button(doc, 'cc-btn cc-btn-ghost cc-btn-small', `${t('coach_learn_more')} →`, opts.onLearnMore);
    b.setAttribute('aria-label', `${t('coach_learn_more')}: ${learnMore.title}`);
    actions.append(b);
  }
  card.append(actions);

  const helpful = doc.createElement('div');
  helpful.className = 'cc-helpful';
  helpful.setAttribute('role', 'group');
  helpful.setAttribute('aria-label', t('coach_tip_helpful'));
  const question = doc.createElement('span');
  question.textContent = t('coach_tip_helpful');
  const answer = (yes: boolean) => {
    const thanks = doc.createElement('span');
    thanks.setAttribute('role', 'status');
    thanks.textContent = t('coach_tip_thanks');
    helpful.replaceChildren(thanks);
    onHelpful(yes);
  };
  helpful.append(
    question,
    spacer(doc),
    button(doc, 'cc-btn cc-btn-small', t('coach_yes'), () => answer(true)),
    button(doc, 'cc-btn cc-btn-small', t('coach_no'), () => answer(false)),
  );
  card.append(helpful);

  let stop: (() => void) | null = null;
  return {
    el: card,
    attach(parent) {
      parent.append(card);
      if (anchor) stop ??= anchorTo(anchor, card, 'bottom-start');
    },
    moveTo(next) {
      if (!anchor || next === anchor) return;
      anchor = next;
      if (!stop) return;
      stop();
      stop = anchorTo(next, card, 'bottom-start', undefined, { retarget: true });
    },
    dispose() {
      stop?.();
      stop = null;
      card.remove();
    },
  };
}
