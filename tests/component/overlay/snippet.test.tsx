import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { SnippetPlayer } from '@/components/overlay/SnippetPlayer';
import type { Snippet } from '@/utils/packs/types';
import { expectInert, HOSTILE, withBodies } from './fixtures';

afterEach(cleanup);

const snippet: Snippet = {
  id: 'log-a-call',
  title: 'Log a call in 30 seconds',
  minutes: 2,
  body: 'Open the **Activity** tab.',
  steps: ['Open the record', 'Click Log a Call'],
  quiz: { question: 'When do you log a call?', choices: ['At month end', 'Right after it'], answer: 1 },
  points: 10,
};

function renderPlayer(s: Snippet = snippet, takeFocus = true) {
  const onClose = vi.fn();
  const onComplete = vi.fn();
  const utils = render(<SnippetPlayer packId="acme" snippet={s} lang="en" completed={false} takeFocus={takeFocus} onClose={onClose} onComplete={onComplete} />);
  return { ...utils, onClose, onComplete };
}

describe('SnippetPlayer', () => {
  it('is a named dialog with its marker, body and steps, and takes focus when opened by the user', () => {
    withBodies('Open the **Activity** tab.');
    const { container } = renderPlayer();
    const dialog = screen.getByRole('dialog', { name: 'Log a call in 30 seconds' });
    expect(dialog.getAttribute('data-coach-snippet')).toBe('acme/log-a-call');
    expect(document.activeElement).toBe(dialog);
    expect(container.querySelector('strong')?.textContent).toBe('Activity');
    expect(container.textContent).toContain('2 min');
    const boxes = screen.getAllByRole('checkbox');
    expect(boxes).toHaveLength(2);
    fireEvent.click(boxes[0]);
    expect((boxes[0] as HTMLInputElement).checked).toBe(true);
  });

  it('does not take focus when not asked to', () => {
    const outside = document.createElement('input');
    document.body.append(outside);
    outside.focus();
    renderPlayer(snippet, false);
    expect(document.activeElement).toBe(outside);
    outside.remove();
  });

  it('gives quiz feedback and completes only after a correct answer', () => {
    const { onComplete } = renderPlayer();
    const finish = screen.getByRole('button', { name: 'Finish' });
    expect((finish as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('radio', { name: 'At month end' }));
    fireEvent.click(screen.getByRole('button', { name: 'Check answer' }));
    expect(screen.getByText('Not quite. Try again.')).toBeTruthy();
    expect((finish as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('radio', { name: 'Right after it' }));
    fireEvent.click(screen.getByRole('button', { name: 'Check answer' }));
    expect(screen.getByText('Correct!')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Finish' }));
    expect(onComplete).toHaveBeenCalledTimes(1);
    expect(screen.getByText('Snippet complete. Well done!')).toBeTruthy();
  });

  it('completes at once without a quiz; Esc and × close', () => {
    const { onComplete, onClose } = renderPlayer({ id: 's', title: 'Short' });
    fireEvent.click(screen.getByRole('button', { name: 'Finish' }));
    expect(onComplete).toHaveBeenCalled();
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it('renders hostile text in every field inert', () => {
    withBodies(HOSTILE);
    const { container } = renderPlayer({
      id: 'x',
      title: HOSTILE,
      body: HOSTILE,
      steps: [HOSTILE],
      quiz: { question: HOSTILE, choices: [HOSTILE, HOSTILE], answer: 0 },
    });
    expectInert(container);
    expect(container.textContent?.split('<script>').length).toBeGreaterThan(4);
  });
});
