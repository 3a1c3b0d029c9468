import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, within } from '@testing-library/react';
import { REPORT_PRESETS, makeReport, SALES_PACK_ID } from '../../fixtures/reports';
import { renderView, textOfEl } from './render';

afterEach(cleanup);

const journey = (q: (s: string) => HTMLElement | null) => q('[data-coach-section="journey"]')!;

describe('Journey', () => {
  it('day 45: every milestone of the enabled packs appears with its status, grouped by week', () => {
    const report = REPORT_PRESETS.day45();
    const { q, qa } = renderView(report);
    for (const m of report.milestones) {
      const row = q(`[data-coach-milestone="${m.packId}/${m.milestone.id}"]`);
      expect(row, m.milestone.id).not.toBeNull();
      expect(row!.getAttribute('data-status')).toBe(m.status);
      expect(row!.textContent).toContain({ done: 'Done', due: 'Due', late: 'Late', upcoming: 'Upcoming' }[m.status]);
    }
    // Day 45 is in week 7 (days 42–48): it is the open, current week.
    const current = q('[data-coach-week="7"]')!;
    expect(current.className).toContain('is-current');
    expect(current.querySelector('details')!.open).toBe(true);
    expect((q('[data-coach-week="1"] details') as HTMLDetailsElement).open).toBe(false);
    // The milestone due by day 7 sits in week 1, the week it closes.
    expect(q('[data-coach-week="1"] [data-coach-milestone="record-hygiene/week-1-hygiene"]')).not.toBeNull();
    // The undated milestone is an ongoing goal.
    expect(qa(`[data-coach-milestone="${SALES_PACK_ID}/weekly-pipeline"]`)).toHaveLength(1);
    const done = report.milestones.filter((m) => m.status === 'done').length;
    expect(journey(q).textContent).toContain(`${done} of ${report.milestones.length} milestones done`);
  });

  it('lists the snippets scheduled per day with their date, and opens one on click', () => {
    const report = REPORT_PRESETS.day3();
    const { q, onOpenSnippet } = renderView(report);
    const week1 = q('[data-coach-week="1"]')!;
    const day2 = within(week1).getByText('Day 2', { exact: false });
    // Start date is 2025-03-09 (day 3 is 2025-03-12), so day 2 is Mar 11.
    expect(day2.textContent).toContain('Mar 11');
    const item = q('[data-coach-journey-snippet="acme-sales-onboarding/log-a-call"]')!;
    fireEvent.click(within(item).getByRole('button'));
    expect(onOpenSnippet).toHaveBeenCalledWith(report.snippets.find((s) => s.snippet.id === 'log-a-call'));
  });

  it('marks completed snippets for screen readers too', () => {
    const report = REPORT_PRESETS.day45();
    const completed = report.snippets.find((s) => s.completed)!;
    const { q } = renderView(report);
    const item = q(`[data-coach-journey-snippet="${completed.packId}/${completed.snippet.id}"]`)!;
    expect(item.getAttribute('data-completed')).toBe('true');
    expect(item.textContent).toContain('(completed)');
  });

  it('shows the inline preview of the snippet whose key is set', () => {
    const report = REPORT_PRESETS.day3();
    const { q, onClosePreview } = renderView(report, { previewKey: 'acme-sales-onboarding/log-a-call' });
    const preview = q('[data-coach-snippet-preview="acme-sales-onboarding/log-a-call"]')!;
    expect(preview).not.toBeNull();
    expect([...preview.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'Open the record',
      'Click Log a Call',
      'Write one line: outcome and next step',
    ]);
    expect(document.activeElement).toBe(preview);
    fireEvent.click(within(preview).getByRole('button', { name: 'Close' }));
    expect(onClosePreview).toHaveBeenCalled();
  });

  it('day 120: graduated, with the summary, the ongoing goals and the past journey folded away', () => {
    const report = REPORT_PRESETS.day120();
    const { q } = renderView(report);
    const section = journey(q);
    const done = report.milestones.filter((m) => m.status === 'done').length;
    expect(section.textContent).toContain(`You finished your first 90 days: ${done} of ${report.milestones.length} milestones`);
    expect(section.textContent).toContain('Ongoing goals');
    expect(section.textContent).toContain('Keep record hygiene at 80% or more');
    expect((section.querySelector('details.past-journey') as HTMLDetailsElement).open).toBe(false);
    for (const m of report.milestones.filter((x) => x.status !== 'done')) {
      expect(section.querySelector(`.goals [data-coach-milestone="${m.packId}/${m.milestone.id}"]`), m.milestone.id).not.toBeNull();
    }
  });

  it('no packs enabled: says so and offers to manage packs', () => {
    const { q, onOpenOptions } = renderView(REPORT_PRESETS.noPacks());
    const empty = q('[data-coach-no-packs]')!;
    expect(empty.textContent).toContain('No training packs are enabled');
    expect(q('[data-coach-milestone]')).toBeNull();
    fireEvent.click(within(empty).getByRole('button', { name: 'Manage packs' }));
    expect(onOpenOptions).toHaveBeenCalled();
  });

  it('only the packs enabled appear', () => {
    const { qa } = renderView(makeReport({ journeyDay: 20, packs: 1 }));
    const ids = qa('[data-coach-milestone]').map((el) => el.getAttribute('data-coach-milestone')!);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => id.startsWith(`${SALES_PACK_ID}/`))).toBe(true);
  });

  it('first run: no journey, one start button and a link to options', () => {
    const { q, getByRole, onStartToday, onOpenOptions } = renderView(REPORT_PRESETS.firstRun());
    expect(q('[data-coach-section="journey"]')).toBeNull();
    expect(textOfEl(q('[data-coach-day]'))).toBe('Not started yet');
    fireEvent.click(getByRole('button', { name: 'Start my 90 days today' }));
    expect(onStartToday).toHaveBeenCalledTimes(1);
    fireEvent.click(getByRole('button', { name: 'Choose another start date in options' }));
    expect(onOpenOptions).toHaveBeenCalledTimes(1);
    expect(textOfEl(q('[data-coach-events]'))).toBe('0');
  });

  it('first run: reports a failed start', () => {
    const { getByRole } = renderView(REPORT_PRESETS.firstRun(), { startError: true });
    expect(getByRole('alert').textContent).toContain("Couldn't save the start date");
  });
});
