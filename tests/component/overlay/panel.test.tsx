import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { Panel, searchSnippets } from '@/components/overlay/Panel';
import { planCoach } from '@/utils/coach/engine';
import { domField, makePack, pageModel } from './fixtures';

afterEach(() => {
  cleanup();
  document.body.replaceChildren();
});

const packs = [
  makePack({
    tips: [{ id: 'welcome', target: { page: true }, title: 'Welcome to opportunities' }],
    nudges: [{ id: 'hyg', fields: ['Amount', 'Close Date'], message: 'Fill these' }],
    snippets: [
      { id: 'log-a-call', title: 'Log a call', body: 'Use the **Activity** tab', when: { object: ['Opportunity'] } },
      { id: 'forecast', title: 'Forecast categories', body: 'Commit vs best case' },
    ],
    tours: [{ id: 'tour', title: 'Opportunity basics', steps: [{ target: { field: 'Amount' }, body: 'x' }, { target: { field: 'Close Date' }, body: 'y' }] }],
  }),
];

function renderPanel(extra: Partial<Parameters<typeof Panel>[0]> = {}) {
  const amount = domField('Amount');
  const model = pageModel([amount, domField('Close Date', 'secret-value-2026')]);
  const plan = planCoach({ model, packs, user: { role: null, startDate: null }, items: {}, now: Date.now() });
  const handlers = { onClose: vi.fn(), onOpenSnippet: vi.fn(), onStartTour: vi.fn(), onFocusField: vi.fn(), onPause: vi.fn() };
  const utils = render(
    <Panel
      lang="en"
      model={model}
      plan={plan}
      packs={packs}
      items={{}}
      paused={false}
      host="acme.lightning.force.com"
      launcher={{ right: 20, bottom: 20 }}
      tourProgress={{}}
      renderTip={(tp) => <div key={tp.key} data-coach-tip={tp.key}>{String(tp.tip.title)}</div>}
      {...handlers}
      {...extra}
    />,
  );
  return { ...utils, ...handlers, amount };
}

describe('Panel', () => {
  it('is a named dialog that takes focus and lists what applies to this page', () => {
    const { onOpenSnippet, onStartTour, onFocusField, amount } = renderPanel();
    const dialog = screen.getByRole('dialog', { name: 'CRM Coach' });
    expect(dialog.contains(document.activeElement)).toBe(true);
    expect(dialog.querySelector('[data-coach-tip="acme/welcome"]')).not.toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Amount' }));
    expect(onFocusField).toHaveBeenCalledWith(amount);
    fireEvent.click(screen.getByRole('button', { name: 'Open: Log a call' }));
    expect(onOpenSnippet).toHaveBeenCalledWith('acme', 'log-a-call');
    expect(screen.queryByRole('button', { name: 'Open: Forecast categories' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Start' }));
    expect(onStartTour.mock.calls[0][0].key).toBe('acme/tour');
  });

  it('offers to resume a tour where it was left', () => {
    renderPanel({ tourProgress: { 'acme/tour': 1 } });
    expect(screen.getByRole('button', { name: 'Resume at step 2' })).toBeTruthy();
  });

  it('searches every installed snippet', () => {
    const { onOpenSnippet } = renderPanel();
    fireEvent.click(screen.getByRole('tab', { name: 'Snippets' }));
    const search = screen.getByRole('searchbox', { name: 'Search snippets' });
    fireEvent.change(search, { target: { value: 'best CASE' } });
    expect(screen.queryByText('Log a call')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Open: Forecast categories' }));
    expect(onOpenSnippet).toHaveBeenCalledWith('acme', 'forecast');
    fireEvent.change(search, { target: { value: 'nothing like this' } });
    expect(screen.getByText('No snippet matches.')).toBeTruthy();
    expect(searchSnippets(packs, 'activity', 'en').map((r) => r.snippet.id)).toEqual(['log-a-call']);
  });

  it('shows what the coach sees, never field values, and why items fired', () => {
    const { container } = renderPanel();
    fireEvent.click(screen.getByRole('tab', { name: 'What the coach sees' }));
    const sees = container.querySelector('[data-coach-sees]')!;
    expect(sees.textContent).toContain('salesforce');
    expect(sees.textContent).toContain('Opportunity');
    expect(sees.querySelector('[data-coach-seen-field="Close Date"]')).not.toBeNull();
    expect(sees.textContent).not.toContain('secret-value-2026');
    expect(sees.querySelector('[data-coach-why="acme/forecast"]')?.textContent).toContain('No page conditions');
    expect(sees.querySelector('[data-coach-why="acme/welcome"]')?.getAttribute('data-coach-why-status')).toBe('panel');
  });

  it('has a pause switch and closes on Esc', () => {
    const { onPause, onClose } = renderPanel();
    const sw = screen.getByRole('switch', { name: 'Pause coaching on this site' });
    expect(sw.getAttribute('aria-checked')).toBe('false');
    fireEvent.click(sw);
    expect(onPause).toHaveBeenCalledWith(true);
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(onClose).toHaveBeenCalled();
  });

  it('says when coaching is paused and hides page items', () => {
    const { container } = renderPanel({ paused: true });
    expect(screen.getByRole('switch').getAttribute('aria-checked')).toBe('true');
    expect(container.textContent).toContain('Coaching is paused on acme.lightning.force.com.');
    expect(container.querySelector('[data-coach-tip]')).toBeNull();
  });

  it('moves between tabs with the arrow keys', () => {
    renderPanel();
    const first = screen.getByRole('tab', { name: 'This page' });
    fireEvent.keyDown(first, { key: 'ArrowRight' });
    expect(screen.getByRole('tab', { name: 'Snippets' }).getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Snippets' }));
  });
});
