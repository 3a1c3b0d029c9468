// Nudge cards and field outlines in plain DOM (components/overlay/nudge-layer.ts), drawn by the
// every-page stage without the React overlay.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, getByRole, getAllByRole } from '@testing-library/react';
import { createNudgeLayer, type NudgeCover } from '@/components/overlay/nudge-layer';
import { DEFAULT_LAUNCHER } from '@/components/overlay/launcher';
import type { OverlayView } from '@/components/overlay/types';
import type { NudgePlan } from '@/utils/coach/types';
import { domField, expectInert, HOSTILE, pageModel } from './fixtures';

afterEach(() => {
  document.body.replaceChildren();
});

function nudgePlan(fields: ReturnType<typeof domField>[], severity: 'info' | 'warn' = 'warn', key = 'acme/hyg', message = "If it isn't in the CRM, it didn't happen."): NudgePlan {
  const plans = fields.map((f) => ({ name: f.label, field: f, empty: f.empty }));
  return {
    key,
    packId: 'acme',
    nudge: { id: key.split('/')[1], fields: fields.map((f) => f.label), message, severity, points: 5 },
    fields: plans,
    missing: plans.filter((p) => p.empty),
  };
}

function view(nudges: NudgePlan[], extra: Partial<OverlayView> = {}): OverlayView {
  return {
    lang: 'en',
    model: pageModel(nudges.flatMap((n) => n.fields.map((f) => f.field))),
    plan: { tips: [], panelTips: [], nudges, snippets: [], tours: [], explanations: [] },
    packs: [],
    items: {},
    paused: false,
    host: 'acme.lightning.force.com',
    launcher: DEFAULT_LAUNCHER,
    tourProgress: {},
    nudgeDone: new Set(),
    announcement: '',
    tick: 0,
    request: null,
    ...extra,
  };
}

const OPEN: NudgeCover = { touring: false, dockHidden: false };

function layer() {
  const container = document.createElement('div');
  document.body.append(container);
  const shadowRootOf = vi.fn(() => null);
  const l = createNudgeLayer(document, container, { actions: { shadowRootOf } });
  return { container, layer: l };
}

const labels = (root: ParentNode, attr: string) => [...root.querySelectorAll(`[${attr}]`)].map((e) => e.getAttribute(attr));

describe('nudge layer', () => {
  it('a card lists exactly the empty fields, each a button that focuses its field; outlines cover them', () => {
    const { container, layer: l } = layer();
    const amount = domField('Amount');
    const close = domField('Close Date', '2026-05-01');
    const next = domField('Next Step');
    expect(l.render(view([nudgePlan([amount, close, next])]), OPEN)).toBe(1);
    const card = container.querySelector<HTMLElement>('[data-coach-nudge="acme/hyg"]')!;
    expect(labels(card, 'data-coach-missing')).toEqual(['Amount', 'Next Step']);
    expect(card.getAttribute('data-coach-severity')).toBe('warn');
    expect(card.textContent).toContain('Important');
    expect(card.textContent).toContain('2 to fill');
    expect(card.textContent).toContain("If it isn't in the CRM");
    expect(card.querySelector('[data-coach-brand]')?.textContent).toBe('CRM Coach');
    expect(labels(container, 'data-coach-highlight')).toEqual(['Amount', 'Next Step']);
    fireEvent.click(getByRole(card, 'button', { name: 'Next Step' }));
    expect(document.activeElement).toBe(next.element.querySelector('input'));
  });

  it('marks a filled field done with points and announces it on that card only', () => {
    const { container, layer: l } = layer();
    const done = new Set(['acme/hyg|Amount']);
    const announcement = 'Amount filled. Nice work! +5';
    l.render(view([nudgePlan([domField('Amount', '100'), domField('Next Step')], 'info'), nudgePlan([domField('Type')], 'warn', 'acme/late')], { nudgeDone: done, announcement }), OPEN);
    expect(container.querySelector('[data-coach-done="Amount"]')?.textContent).toContain('+5');
    expect(container.querySelector('[data-coach-missing="Amount"]')).toBeNull();
    expect(getAllByRole(container, 'status').map((s) => s.textContent)).toEqual([announcement, '']);
    expect(container.querySelector('[data-coach-nudge="acme/hyg"]')!.textContent).toContain('Info');
    expect(container.querySelector('[data-coach-nudge="acme/late"]')!.textContent).not.toContain('Amount');
  });

  it('collapses to its header and takes its outlines away; the toggle keeps the focus', () => {
    const { container, layer: l } = layer();
    l.render(view([nudgePlan([domField('Amount')])]), OPEN);
    const toggle = getByRole(container, 'button', { name: 'Minimize' });
    toggle.focus();
    fireEvent.click(toggle);
    expect(container.querySelector('[data-coach-missing]')).toBeNull();
    expect(container.querySelector('[data-coach-highlight]')).toBeNull();
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(toggle.getAttribute('aria-label')).toBe('Show missing fields');
    expect(document.activeElement).toBe(toggle);
    fireEvent.click(toggle);
    expect(labels(container, 'data-coach-missing')).toEqual(['Amount']);
    expect(labels(container, 'data-coach-highlight')).toEqual(['Amount']);
  });

  it('a new view of the same card updates it in place: the focused button stays the same node', () => {
    const { container, layer: l } = layer();
    const amount = domField('Amount');
    const type = domField('Type');
    l.render(view([nudgePlan([amount, type])]), OPEN);
    const card = container.querySelector('[data-coach-nudge]');
    const toggle = getByRole(container, 'button', { name: 'Minimize' });
    toggle.focus();
    // The page re-rendered its fields (new elements, same labels) and Type was filled.
    const amount2 = domField('Amount');
    l.render(view([nudgePlan([amount2, domField('Type', 'New')])]), OPEN);
    expect(container.querySelector('[data-coach-nudge]')).toBe(card);
    expect(document.activeElement).toBe(toggle);
    expect(labels(container, 'data-coach-missing')).toEqual(['Amount']);
    // The button focuses the field the page shows now, and the outline covers it.
    fireEvent.click(getByRole(container, 'button', { name: 'Amount' }));
    expect(document.activeElement).toBe(amount2.element.querySelector('input'));
    expect(container.querySelectorAll('[data-coach-highlight]')).toHaveLength(1);
  });

  it('the dock gives way to the panel or a snippet (outlines stay); a tour hides both; pause hides all', () => {
    const { container, layer: l } = layer();
    const v = view([nudgePlan([domField('Amount')])]);
    expect(l.render(v, { touring: false, dockHidden: true })).toBe(0);
    expect(container.querySelector('[data-coach-nudge]')).toBeNull();
    expect(labels(container, 'data-coach-highlight')).toEqual(['Amount']);
    expect(l.render(v, { touring: true, dockHidden: false })).toBe(0);
    expect(container.querySelector('[data-coach-nudge], [data-coach-highlight]')).toBeNull();
    expect(l.render(v, OPEN)).toBe(1);
    expect(l.render({ ...v, paused: true }, OPEN)).toBe(0);
    expect(container.querySelector('[data-coach-nudge], [data-coach-highlight]')).toBeNull();
    l.render(v, OPEN);
    l.dispose();
    expect(container.children).toHaveLength(0);
  });

  it('sits above the launcher, and renders hostile pack text inert', () => {
    const { container, layer: l } = layer();
    const amount = domField('Amount');
    l.render(view([nudgePlan([amount], 'warn', 'acme/hyg', HOSTILE)], { launcher: { right: 40, bottom: 30 } }), OPEN);
    const dock = container.querySelector<HTMLElement>('.cc-dock')!;
    expect(dock.style.right).toBe('40px');
    expect(dock.style.bottom).toBe('86px');
    expectInert(container);
    expect(container.textContent).toContain('<script>');
  });
});
