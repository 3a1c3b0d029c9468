import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { AuthorCard, type AuthorCardProps } from '@/components/author/AuthorCard';
import { formForPage } from '@/utils/author/form';
import type { TargetCandidate } from '@/utils/author/target';
import { setUiLanguage } from '@/utils/i18n';

afterEach(() => {
  cleanup();
  setUiLanguage('en');
});

const FIELD: TargetCandidate = { target: { field: 'Amount' }, matches: 1, strength: 'strong', reasons: [{ code: 'api-name', detail: 'data-target-selection-name' }, { code: 'unique' }] };
const BUTTON: TargetCandidate = { target: { selector: 'button[name="Edit"]' }, matches: 1, strength: 'strong', reasons: [{ code: 'stable-attr', detail: 'name' }, { code: 'unique' }, { code: 'hidden-copies', detail: '2' }] };
const WEAK: TargetCandidate = { target: { selector: 'span' }, matches: 3, strength: 'weak', reasons: [{ code: 'tag-only' }, { code: 'many', detail: '3' }] };
const MODEL = { crm: 'salesforce', object: { label: 'Opportunity', apiName: 'Opportunity' }, page: 'record' as const };

function renderCard(extra: Partial<AuthorCardProps> = {}) {
  const handlers = { onChoose: vi.fn(), onForm: vi.fn(), onSave: vi.fn(), onAddStep: vi.fn(), onPickAgain: vi.fn(), onClose: vi.fn() };
  const props: AuthorCardProps = {
    candidates: [FIELD, BUTTON],
    chosen: 0,
    matches: 1,
    strength: 'strong',
    form: formForPage(MODEL),
    steps: [],
    problem: null,
    status: null,
    side: 'left',
    ...handlers,
    ...extra,
  };
  const utils = render(<AuthorCard {...props} />);
  return { ...utils, ...handlers };
}

describe('AuthorCard', () => {
  it('shows the target as JSON, the live match count and the strength with its reasons', () => {
    const { container } = renderCard();
    const card = container.querySelector('[data-coach-author]')!;
    expect(card).not.toBeNull();
    expect(JSON.parse(card.querySelector('[data-coach-author-target]')!.textContent!)).toEqual({ field: 'Amount' });
    expect(card.querySelector('[data-coach-author-matches]')!.textContent).toBe('1');
    expect(card.querySelector('[data-coach-author-strength]')!.getAttribute('data-coach-author-strength')).toBe('strong');
    expect(card.querySelector('[data-coach-author-reasons]')!.textContent).toMatch(/API name the CRM exposes \(data-target-selection-name\)/);
  });

  it('says when the page changed since the pick (live count differs)', () => {
    const { container } = renderCard({ matches: 0, strength: 'weak' });
    expect(container.querySelector('[data-coach-author-matches]')!.textContent).toBe('0');
    expect(container.querySelector('[data-coach-author-reasons]')!.textContent).toMatch(/When picked it matched 1/);
  });

  it('names its controls Title, Body and Save to draft, prefilled with the page’s when', () => {
    const { onForm, onSave } = renderCard();
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Hello' } });
    expect(onForm).toHaveBeenCalledWith({ title: 'Hello' });
    fireEvent.change(screen.getByLabelText('Body'), { target: { value: '**Hi**' } });
    expect(onForm).toHaveBeenCalledWith({ body: '**Hi**' });
    expect((screen.getByLabelText('CRM') as HTMLInputElement).value).toBe('salesforce');
    expect((screen.getByLabelText('Object') as HTMLInputElement).value).toBe('Opportunity');
    expect((screen.getByLabelText('Page') as HTMLInputElement).value).toBe('record');
    fireEvent.click(screen.getByRole('button', { name: 'Save to draft' }));
    expect(onSave).toHaveBeenCalledTimes(1);
  });

  it('lists the other candidates and lets the trainer choose one', () => {
    const { onChoose } = renderCard();
    const radios = screen.getAllByRole('radio');
    expect(radios).toHaveLength(2);
    fireEvent.click(radios[1]);
    expect(onChoose).toHaveBeenCalledWith(1);
  });

  it('a weak target asks for an explicit confirmation', () => {
    const { onForm } = renderCard({ candidates: [WEAK], matches: 3, strength: 'weak' });
    const confirm = screen.getByRole('checkbox', { name: /Use this weak target anyway/ });
    expect((confirm as HTMLInputElement).checked).toBe(false);
    fireEvent.click(confirm);
    expect(onForm).toHaveBeenCalledWith({ confirmWeak: true });
  });

  it('no confirmation for a strong target; "field added to a nudge" only for field targets', () => {
    renderCard({ candidates: [BUTTON], chosen: 0 });
    expect(screen.queryByRole('checkbox', { name: /weak/ })).toBeNull();
    const nudge = screen.getByRole('option', { name: 'Field added to a nudge' }) as HTMLOptionElement;
    expect(nudge.disabled).toBe(true);
    cleanup();
    renderCard();
    expect((screen.getByRole('option', { name: 'Field added to a nudge' }) as HTMLOptionElement).disabled).toBe(false);
  });

  it('a tour step has a tour title, "Add step" and the steps recorded so far', () => {
    const form = { ...formForPage(MODEL, 'tour-step'), tourTitle: 'Edit' };
    const { container, onAddStep } = renderCard({ form, steps: [{ target: { field: 'Amount' }, title: '', body: 'Type it', advanceOn: 'input' }] });
    expect((screen.getByLabelText('Tour title') as HTMLInputElement).value).toBe('Edit');
    expect(container.querySelector('[data-coach-author-steps]')!.getAttribute('data-coach-author-steps')).toBe('1');
    fireEvent.click(screen.getByRole('button', { name: 'Add step' }));
    expect(onAddStep).toHaveBeenCalled();
  });

  it('shows a problem as an alert, and Escape closes', () => {
    const { onClose } = renderCard({ problem: 'weak' });
    expect(screen.getByRole('alert').textContent).toMatch(/This target is weak/);
    fireEvent.keyDown(screen.getByLabelText('Title'), { key: 'Escape' });
    expect(onClose).toHaveBeenCalled();
  });

  it('reads in Chinese', () => {
    setUiLanguage('zh-CN');
    renderCard();
    expect(screen.getByRole('button', { name: '保存到草稿' })).toBeTruthy();
    expect(screen.getByLabelText('标题')).toBeTruthy();
  });

  it('renders target text as text (a hostile selector stays inert)', () => {
    const hostile: TargetCandidate = { ...BUTTON, target: { selector: '<img src=x onerror=alert(1)>' } };
    const { container } = renderCard({ candidates: [hostile] });
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('[data-coach-author-target]')!.textContent).toContain('<img');
  });
});
