import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, fireEvent } from '@testing-library/react';
import { TipCard } from '@/components/overlay/TipCard';
import { NudgeCard } from '@/components/overlay/NudgeCard';
import type { NudgePlan, TipPlan } from '@/utils/coach/types';
import { domField, expectInert, HOSTILE, withBodies } from './fixtures';

afterEach(() => {
  cleanup();
  document.body.replaceChildren();
});

function tipPlan(extra: Partial<TipPlan['tip']> = {}): TipPlan {
  return {
    key: 'acme/next-step',
    packId: 'acme',
    tip: { id: 'next-step', target: { field: 'Next Step' }, title: { en: 'Keep Next Step current', 'zh-CN': '保持下一步最新' }, body: 'Update it **after every call**.', ...extra },
  };
}

function renderTip(plan = tipPlan(), anchor: Element | null = null, learnMore: Parameters<typeof TipCard>[0]['learnMore'] = null) {
  const handlers = { onDismiss: vi.fn(), onSnooze: vi.fn(), onHelpful: vi.fn(), onLearnMore: vi.fn() };
  const utils = render(<TipCard plan={plan} lang="en" anchor={anchor} learnMore={learnMore} {...handlers} />);
  return { ...utils, ...handlers };
}

describe('TipCard', () => {
  it('shows title and Markdown body under its data-coach-tip marker', () => {
    withBodies('Update it **after every call**.');
    const { container } = renderTip();
    const card = container.querySelector('[data-coach-tip="acme/next-step"]')!;
    expect(card).not.toBeNull();
    expect(card.textContent).toContain('Keep Next Step current');
    expect(card.querySelector('strong')?.textContent).toBe('after every call');
  });

  it('is a named dialog when anchored to a page element and positions next to it', async () => {
    const field = domField('Next Step');
    renderTip(tipPlan(), field.element);
    const dialog = await screen.findByRole('dialog', { name: 'Keep Next Step current' });
    expect(dialog.getAttribute('data-coach-tip')).toBe('acme/next-step');
    await vi.waitFor(() => expect(dialog.style.top).toMatch(/px$/));
  });

  it('Got it dismisses, Not now snoozes', () => {
    const { onDismiss, onSnooze } = renderTip();
    fireEvent.click(screen.getByRole('button', { name: 'Got it' }));
    expect(onDismiss).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole('button', { name: 'Not now' }));
    expect(onSnooze).toHaveBeenCalledTimes(1);
  });

  it('records a helpful answer once and thanks the user', () => {
    const { onHelpful } = renderTip();
    fireEvent.click(screen.getByRole('button', { name: 'No' }));
    expect(onHelpful).toHaveBeenCalledWith(false);
    expect(screen.getByRole('status').textContent).toMatch(/thanks/i);
    expect(screen.queryByRole('button', { name: 'Yes' })).toBeNull();
  });

  it('offers learn more as a safe external link or a snippet button', () => {
    const url = renderTip(tipPlan(), null, { kind: 'url', href: 'https://help.example.com/x' });
    // The destination is part of the link's words (docs/packs.md, "Links").
    const link = screen.getByRole('link', { name: 'Learn more (help.example.com)' });
    expect(link.getAttribute('href')).toBe('https://help.example.com/x');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    url.unmount();
    const snip = renderTip(tipPlan(), null, { kind: 'snippet', title: 'Log a call' });
    fireEvent.click(screen.getByRole('button', { name: /Learn more: Log a call/ }));
    expect(snip.onLearnMore).toHaveBeenCalledTimes(1);
  });

  it('renders hostile text inert', () => {
    withBodies(HOSTILE);
    const { container } = renderTip(tipPlan({ title: HOSTILE, body: HOSTILE }));
    expectInert(container);
    expect(container.textContent).toContain('<script>');
  });
});

function nudgePlan(fields: ReturnType<typeof domField>[], severity: 'info' | 'warn' = 'warn'): NudgePlan {
  const plans = fields.map((f) => ({ name: f.label, field: f, empty: f.empty }));
  return {
    key: 'acme/hyg',
    packId: 'acme',
    nudge: { id: 'hyg', fields: fields.map((f) => f.label), message: "If it isn't in the CRM, it didn't happen.", severity, points: 5 },
    fields: plans,
    missing: plans.filter((p) => p.empty),
  };
}

describe('NudgeCard', () => {
  it('lists exactly the empty fields, each a button that focuses the field', () => {
    const amount = domField('Amount');
    const close = domField('Close Date', '2026-05-01');
    const next = domField('Next Step');
    const onFocusField = vi.fn();
    const { container } = render(
      <NudgeCard plan={nudgePlan([amount, close, next])} lang="en" done={new Set()} announcement="" collapsed={false} onToggle={() => {}} onFocusField={onFocusField} />,
    );
    const card = container.querySelector('[data-coach-nudge="acme/hyg"]')!;
    expect([...card.querySelectorAll('[data-coach-missing]')].map((e) => e.getAttribute('data-coach-missing'))).toEqual(['Amount', 'Next Step']);
    expect(card.getAttribute('data-coach-severity')).toBe('warn');
    expect(card.textContent).toContain('Important');
    expect(card.textContent).toContain("If it isn't in the CRM");
    fireEvent.click(screen.getByRole('button', { name: 'Next Step' }));
    expect(onFocusField).toHaveBeenCalledWith(next);
  });

  it('marks a filled field done with points and announces it', () => {
    const amount = domField('Amount', '100');
    const next = domField('Next Step');
    const { container } = render(
      <NudgeCard
        plan={nudgePlan([amount, next], 'info')}
        lang="en"
        done={new Set(['acme/hyg|Amount'])}
        announcement="Amount filled. Nice work! +5"
        collapsed={false}
        onToggle={() => {}}
        onFocusField={() => {}}
      />,
    );
    expect(container.querySelector('[data-coach-done="Amount"]')?.textContent).toContain('+5');
    expect(container.querySelector('[data-coach-missing="Amount"]')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('Amount filled. Nice work! +5');
    expect(container.textContent).toContain('Info');
  });

  it('only the card whose field was filled announces it (one live message, not one per card)', () => {
    const { container } = render(
      <>
        <NudgeCard plan={nudgePlan([domField('Amount', '100')])} lang="en" done={new Set(['acme/hyg|Amount'])} announcement="Amount filled. Nice work! +5" collapsed={false} onToggle={() => {}} onFocusField={() => {}} />
        <NudgeCard plan={{ ...nudgePlan([domField('Type')]), key: 'acme/late' }} lang="en" done={new Set(['acme/hyg|Amount'])} announcement="Amount filled. Nice work! +5" collapsed={false} onToggle={() => {}} onFocusField={() => {}} />
      </>,
    );
    expect(screen.getAllByRole('status').map((s) => s.textContent)).toEqual(['Amount filled. Nice work! +5', '']);
    expect(container.querySelector('[data-coach-nudge="acme/late"]')!.textContent).not.toContain('Amount');
  });

  it('collapses to its header', () => {
    const onToggle = vi.fn();
    const { container } = render(
      <NudgeCard plan={nudgePlan([domField('Amount')])} lang="en" done={new Set()} announcement="" collapsed onToggle={onToggle} onFocusField={() => {}} />,
    );
    expect(container.querySelector('[data-coach-missing]')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Show missing fields' }));
    expect(onToggle).toHaveBeenCalled();
  });
});
