/**
 * Nudge cards and the outlines over their empty fields, drawn by the every-page part of the
 * overlay (components/overlay/stage.ts) in plain DOM, like the anchored tips: a record page with
 * an empty field the packs care about is coached without loading the React overlay (on a real
 * SuiteCRM detail view, compiling it was most of the coach's cost; docs/architecture.md,
 * "Budgets").
 *
 * - The dock (`.cc-dock`, beside the launcher) holds one card per nudge of `visibleNudges`: its
 *   severity, how many fields are missing, one button per empty field (focuses the field), a done
 *   mark with the points for each field filled on this page, and a polite status line.
 * - An outline `[data-coach-highlight]` covers each empty, visible field of a card that is not
 *   collapsed.
 * - A running tour hides both (one thing at a time); the open panel (which lists the nudges) and
 *   an open snippet (which sits where the dock is) hide the dock.
 *
 * Cards are updated in place: the node the user is on (a card's collapse button) stays the same
 * node, so focus is not lost when the page or the plan changes.
 */
import { t } from '@/utils/i18n';
import { localize } from '@/utils/packs/text';
import { nudgeFieldKey } from '@/utils/coach/nudge-tracker';
import type { NudgePlan } from '@/utils/coach/types';
import type { FieldModel } from '@/utils/crm/types';
import { coachMarkElement } from './coach-mark';
import { coverWith } from './anchor';
import { revealAndFocus, type ShadowRootOf } from './dom';
import { DEFAULT_LAUNCHER } from './launcher';
import { visibleNudges } from './drawn';
import type { OverlayView } from './types';
import { setAttr, setText } from './write';

export interface NudgeLayerSource {
  actions: { shadowRootOf?: ShadowRootOf };
}

/** What covers the nudges: a running tour hides cards and outlines, the panel or a snippet the dock. */
export interface NudgeCover {
  touring: boolean;
  dockHidden: boolean;
}

export interface NudgeLayer {
  /** Draws the nudges of `view` (none for null); returns how many cards the dock shows. */
  render(view: OverlayView | null, cover: NudgeCover): number;
  dispose(): void;
}

interface Card {
  el: HTMLElement;
  badge: HTMLElement;
  title: HTMLElement;
  toggle: HTMLButtonElement;
  body: HTMLElement;
  status: HTMLElement;
  /** What the body was last drawn from (rebuilt only when it changes). */
  bodyKey: string;
  plan: NudgePlan;
}

interface Outline {
  box: HTMLElement;
  target: Element;
  stop(): void;
}

let nextId = 0;

/** The fields of `plan` filled on this page after being seen empty. */
function doneFields(plan: NudgePlan, done: ReadonlySet<string>) {
  return plan.fields.filter((f) => !f.empty && done.has(nudgeFieldKey(plan.key, f.field.label)));
}

/** The announcement, when it is about one of the card's `done` fields (each card has a live region; one speaks). */
function ownAnnouncement(done: ReturnType<typeof doneFields>, announcement: string): string {
  if (!announcement) return '';
  return done.some((f) => announcement.startsWith(t('coach_nudge_filled', f.field.label))) ? announcement : '';
}

export function createNudgeLayer(doc: Document, container: HTMLElement, source: NudgeLayerSource): NudgeLayer {
  const outlines = doc.createElement('div');
  const dock = doc.createElement('div');
  dock.className = 'cc-dock';
  container.append(outlines, dock);
  const cards = new Map<string, Card>();
  const drawnOutlines = new Map<string, Outline>();
  const collapsed = new Set<string>();
  let last: { view: OverlayView | null; cover: NudgeCover } = { view: null, cover: { touring: false, dockHidden: false } };

  const focusField = (field: FieldModel) => revealAndFocus(field.element, source.actions.shadowRootOf);

  // The dock scrolls only when its cards do not fit (.cc-dock[data-scroll] in stage.css). Measured
  // in a ResizeObserver callback on the dock and its cards: the browser calls it after its own
  // layout, when a card or the window (the dock's max-height is in vh) changed size, so reading
  // sizes there forces no layout of the CRM page (a read right after drawing did: 3 ms per
  // navigation on a real SuiteCRM page).
  const fit = () => {
    if (!dock.isConnected || dock.hidden) return;
    if (dock.scrollHeight > dock.clientHeight + 1) dock.dataset.scroll = '';
    else delete dock.dataset.scroll;
  };
  const RO = doc.defaultView?.ResizeObserver;
  const sizes = RO ? new RO(fit) : null;
  sizes?.observe(dock);

  function newCard(plan: NudgePlan): Card {
    const id = `cc-nudge-${++nextId}`;
    const el = doc.createElement('section');
    el.setAttribute('data-coach-nudge', plan.key);
    el.setAttribute('aria-labelledby', `${id}-h`);
    const head = doc.createElement('div');
    head.className = 'cc-card-head';
    const badge = doc.createElement('span');
    const title = doc.createElement('h3');
    title.className = 'cc-card-title';
    title.id = `${id}-h`;
    const toggle = doc.createElement('button');
    toggle.type = 'button';
    toggle.className = 'cc-icon-btn';
    // The key only: a closure over the plan would keep the page it was made on (its fields'
    // elements, and through them the whole record page) for as long as the card lives.
    const key = plan.key;
    toggle.addEventListener('click', () => {
      if (collapsed.has(key)) collapsed.delete(key);
      else collapsed.add(key);
      render(last.view, last.cover);
    });
    head.append(badge, title, toggle);
    const body = doc.createElement('div');
    const status = doc.createElement('p');
    status.className = 'cc-status-line';
    status.setAttribute('role', 'status');
    el.append(coachMarkElement(doc), head, body, status);
    return { el, badge, title, toggle, body, status, bodyKey: '', plan };
  }

  /** A missing field's button: focuses the field of that label in the card's latest plan (the page may have re-rendered it). */
  function fieldButton(card: Card, label: string): HTMLElement {
    const li = doc.createElement('li');
    const b = doc.createElement('button');
    b.type = 'button';
    b.className = 'cc-field-btn';
    b.setAttribute('data-coach-missing', label);
    b.textContent = label;
    b.addEventListener('click', () => {
      const f = card.plan.missing.find((m) => m.field.label === label);
      if (f) focusField(f.field);
    });
    li.append(b);
    return li;
  }

  function doneRow(label: string, points: number): HTMLElement {
    const li = doc.createElement('li');
    li.className = 'cc-field-done';
    li.setAttribute('data-coach-done', label);
    const check = doc.createElement('span');
    check.className = 'cc-check';
    check.setAttribute('aria-hidden', 'true');
    check.textContent = '✓';
    const pts = doc.createElement('span');
    pts.className = 'cc-points';
    pts.textContent = t('coach_nudge_points', points);
    li.append(check, label, pts);
    return li;
  }

  function update(card: Card, plan: NudgePlan, view: OverlayView): void {
    card.plan = plan;
    const severity = plan.nudge.severity ?? 'info';
    const isCollapsed = collapsed.has(plan.key);
    const done = doneFields(plan, view.nudgeDone);
    const points = plan.nudge.points ?? 1;
    setAttr(card.el, 'class', `cc-card cc-nudge cc-nudge-${severity}`);
    setAttr(card.el, 'data-coach-severity', severity);
    setAttr(card.badge, 'class', `cc-badge cc-badge-${severity}`);
    setText(card.badge, t(`coach_severity_${severity}`));
    setText(card.title, plan.missing.length ? t('coach_nudge_count', plan.missing.length) : t('coach_nudge_all_done'));
    setAttr(card.toggle, 'aria-expanded', String(!isCollapsed));
    setAttr(card.toggle, 'aria-label', isCollapsed ? t('coach_nudge_expand') : t('coach_nudge_collapse'));
    setText(card.toggle, isCollapsed ? '+' : '−');

    const message = localize(plan.nudge.message, view.lang);
    const bodyKey = JSON.stringify([isCollapsed, message, points, plan.missing.map((f) => f.field.label), done.map((f) => f.field.label)]);
    if (bodyKey !== card.bodyKey) {
      card.bodyKey = bodyKey;
      if (isCollapsed) card.body.replaceChildren();
      else {
        const md = doc.createElement('div');
        md.className = 'cc-md';
        md.textContent = message;
        const list = doc.createElement('ul');
        list.className = 'cc-fields';
        for (const f of plan.missing) list.append(fieldButton(card, f.field.label));
        for (const f of done) list.append(doneRow(f.field.label, points));
        card.body.replaceChildren(md, list);
      }
    }
    setText(card.status, ownAnnouncement(done, view.announcement));
  }

  function drawCards(nudges: readonly NudgePlan[], view: OverlayView | null): void {
    const keep = new Set(nudges.map((n) => n.key));
    for (const [key, card] of cards) {
      if (keep.has(key)) continue;
      sizes?.unobserve(card.el);
      card.el.remove();
      cards.delete(key);
    }
    nudges.forEach((plan, i) => {
      let card = cards.get(plan.key);
      if (!card) {
        card = newCard(plan);
        cards.set(plan.key, card);
        sizes?.observe(card.el);
      }
      if (view) update(card, plan, view);
      // Moved only when out of place: moving a node takes the focus out of it.
      if (dock.children[i] !== card.el) dock.insertBefore(card.el, dock.children[i] ?? null);
    });
  }

  function drawOutlines(want: ReadonlyMap<string, Element>): void {
    for (const [label, o] of drawnOutlines) {
      const target = want.get(label);
      if (target === o.target) continue;
      o.stop();
      if (target) {
        // The page re-rendered the field (or brought the same field of another record): the same
        // outline follows the new element, staying where it is until that one is placed.
        o.target = target;
        o.stop = coverWith(target, o.box, undefined, { retarget: true });
        continue;
      }
      o.box.remove();
      drawnOutlines.delete(label);
    }
    for (const [label, target] of want) {
      if (drawnOutlines.has(label)) continue;
      const box = doc.createElement('div');
      box.className = 'cc-highlight';
      box.setAttribute('data-coach-highlight', label);
      box.setAttribute('aria-hidden', 'true');
      outlines.append(box);
      drawnOutlines.set(label, { box, target, stop: coverWith(target, box) });
    }
  }

  function render(view: OverlayView | null, cover: NudgeCover): number {
    last = { view, cover };
    const active = !view || cover.touring ? [] : visibleNudges(view);
    const want = new Map<string, Element>();
    for (const n of active) {
      if (collapsed.has(n.key)) continue;
      for (const f of n.missing) if (f.field.visible && !want.has(f.field.label)) want.set(f.field.label, f.field.element);
    }
    drawOutlines(want);

    const nudges = cover.dockHidden ? [] : active;
    if (!view || nudges.length === 0) {
      drawCards([], view);
      dock.hidden = true;
      return 0;
    }
    drawCards(nudges, view);
    dock.hidden = false;
    const launcher = view.launcher ?? DEFAULT_LAUNCHER;
    const win = doc.defaultView;
    const bottom = Math.min(launcher.bottom + 56, Math.round((win?.innerHeight ?? 800) / 2));
    dock.style.right = `${launcher.right}px`;
    dock.style.bottom = `${bottom}px`;
    return nudges.length;
  }

  return {
    render,
    dispose() {
      drawOutlines(new Map());
      for (const card of cards.values()) card.el.remove();
      cards.clear();
      sizes?.disconnect();
      outlines.remove();
      dock.remove();
    },
  };
}
