import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, fireEvent } from '@testing-library/react';
import { TipCard } from '@/components/overlay/TipCard';
import type { TipPlan } from '@/utils/coach/types';
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
    // happy-dom lays nothing out: the field gets the box a browser would give it (a reference
    // without one is not placed against, see components/overlay/anchor.ts).
    vi.spyOn(field.element, 'getBoundingClientRect').mockReturnValue(new DOMRect(40, 300, 200, 30));
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
