import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { TourRunner } from '@/components/overlay/TourRunner';
import type { Target, Tour } from '@/utils/packs/types';
import { stepToShow } from '@/utils/coach/tour';

afterEach(() => {
  cleanup();
  document.body.replaceChildren();
});

function el(id: string, tag = 'input'): HTMLElement {
  const e = document.createElement(tag);
  e.id = id;
  document.body.append(e);
  return e;
}

/** Targets are `{ selector: '#id' }` resolved against the live document. */
const resolve = (target: Target) => ('selector' in target ? document.querySelector(target.selector) : null);

const tour: Tour = {
  id: 'first-opp',
  title: 'Create your first opportunity',
  steps: [
    { target: { selector: '#name' }, body: 'Name it.', advanceOn: 'input' },
    { target: { selector: '#date' }, body: 'Pick a date.' },
    { target: { selector: '#save' }, body: 'Save it.', advanceOn: 'click' },
  ],
  points: 20,
};

function Harness(props: { start?: number; onExit?: () => void; onComplete?: () => void; tick?: number }) {
  const [step, setStep] = useState(props.start ?? 0);
  return (
    <TourRunner
      tourKey="acme/first-opp"
      tour={tour}
      lang="en"
      step={step}
      tick={props.tick ?? 0}
      takeFocus={false}
      resolve={resolve}
      onStep={setStep}
      onExit={props.onExit ?? (() => {})}
      onComplete={props.onComplete ?? (() => {})}
    />
  );
}

const stepShown = () => document.querySelector('[data-coach-tour="acme/first-opp"] [data-coach-tour-step]')?.getAttribute('data-coach-tour-step');

describe('TourRunner', () => {
  it('advances on input, next and click, then completes', async () => {
    const name = el('name') as HTMLInputElement;
    el('date');
    const save = el('save', 'button');
    const onComplete = vi.fn();
    render(<Harness onComplete={onComplete} />);
    expect(stepShown()).toBe('1');
    expect(screen.getByText('Fill in the highlighted field to continue.')).toBeTruthy();

    // Typing nothing does not advance; a value does.
    act(() => {
      name.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(stepShown()).toBe('1');
    act(() => {
      name.value = 'Acme renewal';
      name.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(stepShown()).toBe('2');

    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(stepShown()).toBe('3');

    const clicked = new MouseEvent('click', { bubbles: true, cancelable: true });
    act(() => {
      save.dispatchEvent(clicked);
    });
    expect(clicked.defaultPrevented).toBe(false);
    expect(onComplete).toHaveBeenCalledTimes(1);
  });

  it('skips a missing step once a later target is present, and waits when none is', () => {
    el('date');
    const { rerender } = render(<Harness />);
    expect(stepShown()).toBe('2');
    cleanup();
    document.body.replaceChildren();
    render(<Harness />);
    expect(stepShown()).toBe('1');
    expect(screen.getByText(/Waiting for this part of the page/)).toBeTruthy();
    void rerender;
  });

  it('follows a target that appears late (re-resolved on page change)', () => {
    const { rerender } = render(<Harness tick={0} />);
    expect(screen.getByText(/Waiting/)).toBeTruthy();
    el('name');
    rerender(<Harness tick={1} />);
    expect(screen.queryByText(/Waiting/)).toBeNull();
    expect(document.querySelector('[data-coach-tour-target]')).not.toBeNull();
  });

  it('Esc anywhere exits; the user can skip a step', () => {
    el('name');
    el('date');
    const onExit = vi.fn();
    render(<Harness onExit={onExit} />);
    fireEvent.click(screen.getByRole('button', { name: 'Skip step' }));
    expect(stepShown()).toBe('2');
    act(() => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    });
    expect(onExit).toHaveBeenCalledTimes(1);
  });

  it('stepToShow keeps the current step, skips forward to a present one, or waits', () => {
    expect(stepToShow(3, 0, (i) => i === 0)).toBe(0);
    expect(stepToShow(3, 0, (i) => i === 2)).toBe(2);
    expect(stepToShow(3, 1, () => false)).toBe(1);
    expect(stepToShow(3, 1, (i) => i === 0)).toBe(1);
  });
});
