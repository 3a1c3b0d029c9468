// The launcher, plain DOM (components/overlay/launcher.ts): on every CRM page without React.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen } from '@testing-library/react';
import { clampLauncher, createLauncher, launcherMoveByKey, type LauncherState } from '@/components/overlay/launcher';

afterEach(() => {
  document.body.replaceChildren();
});

const STATE: LauncherState = { position: { right: 20, bottom: 20 }, expanded: false, paused: false, count: 3, title: 'Drag to move' };

function launcher(state: Partial<LauncherState> = {}) {
  const onOpen = vi.fn();
  const onMove = vi.fn();
  const l = createLauncher(document, { onOpen, onMove });
  document.body.append(l.wrap);
  l.render({ ...STATE, ...state });
  return { ...l, onOpen, onMove };
}

describe('launcher', () => {
  it('is a keyboard-reachable button named exactly CRM Coach that opens the panel and moves with Alt+arrows', () => {
    const { wrap, onOpen, onMove } = launcher();
    const btn = screen.getByRole('button', { name: 'CRM Coach' });
    expect(btn.getAttribute('aria-expanded')).toBe('false');
    expect(btn.getAttribute('aria-haspopup')).toBe('dialog');
    expect(btn.hasAttribute('data-coach-launcher')).toBe(true);
    expect(btn.title).toBe('Drag to move');
    expect(btn.tabIndex).toBe(0);
    expect(wrap.querySelector('[data-coach-count]')?.textContent).toBe('3');
    expect(wrap.style.right).toBe('20px');
    fireEvent.click(btn);
    expect(onOpen).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(btn, { key: 'ArrowUp', altKey: true });
    expect(onMove).toHaveBeenCalledWith({ right: 20, bottom: 44 });
    fireEvent.keyDown(btn, { key: 'ArrowUp' });
    expect(onMove).toHaveBeenCalledTimes(1);
  });

  it('shows what the view says: expanded, paused (no badge), 9+', () => {
    const l = launcher({ count: 12 });
    expect(l.wrap.querySelector('[data-coach-count]')?.textContent).toBe('9+');
    l.render({ ...STATE, expanded: true, paused: true, position: { right: 60, bottom: 80 } });
    expect(l.button.getAttribute('aria-expanded')).toBe('true');
    expect(l.button.className).toBe('cc-launcher cc-paused');
    expect(l.wrap.querySelector('[data-coach-count]')).toBeNull();
    expect([l.wrap.style.right, l.wrap.style.bottom]).toEqual(['60px', '80px']);
    l.render({ ...STATE, count: 0 });
    expect(l.button.className).toBe('cc-launcher');
    expect(l.wrap.querySelector('[data-coach-count]')).toBeNull();
  });

  it('is dragged without opening the panel, and the new place is saved', () => {
    const { button, wrap, onOpen, onMove } = launcher({ count: 0 });
    fireEvent.pointerDown(button, { button: 0, clientX: 500, clientY: 500, pointerId: 1 });
    fireEvent.pointerMove(button, { clientX: 400, clientY: 300, pointerId: 1 });
    expect([wrap.style.right, wrap.style.bottom]).toEqual(['120px', '220px']);
    fireEvent.pointerUp(button, { clientX: 400, clientY: 300, pointerId: 1 });
    fireEvent.click(button);
    expect(onOpen).not.toHaveBeenCalled();
    expect(onMove).toHaveBeenCalledWith({ right: 120, bottom: 220 });
    // Until the saved place comes back in the view, the button is where the view says.
    expect(wrap.style.right).toBe('20px');
    fireEvent.click(button);
    expect(onOpen).toHaveBeenCalledTimes(1);
  });

  it('keeps the launcher on screen', () => {
    expect(clampLauncher({ right: -50, bottom: 5000 }, 1000, 800)).toEqual({ right: 4, bottom: 752 });
    expect(launcherMoveByKey('ArrowLeft', { right: 990, bottom: 20 }, 1000, 800)).toEqual({ right: 952, bottom: 20 });
    expect(launcherMoveByKey('Enter', { right: 20, bottom: 20 }, 1000, 800)).toBeNull();
  });
});
