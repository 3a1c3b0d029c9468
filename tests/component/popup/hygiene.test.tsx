import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from '@testing-library/react';
import { buildProgress } from '@/utils/usage/progress';
import { REPORT_PRESETS, makeReport, rollup, settingsFor, totalsOf } from '../../fixtures/reports';
import type { ProgressReport } from '@/utils/usage/report';
import { renderView, textOfEl } from './render';

afterEach(cleanup);

function reportWith(days: ProgressReport['days']): ProgressReport {
  return { ...makeReport({ journeyDay: 40, historyDays: 0 }), days, totals: totalsOf(days), settings: settingsFor({ startDate: '2025-01-31' }) };
}

describe('Record hygiene', () => {
  it('shows the share per object and overall, with the trend', () => {
    const days = [
      rollup('2025-02-01', {}, { nudgeShown: { Opportunity: 10 }, nudgeResolved: { Opportunity: 5 } }),
      rollup('2025-03-10', { 'nudge.resolved': 9 }, { nudgeShown: { Opportunity: 10, Contact: 4 }, nudgeResolved: { Opportunity: 8, Contact: 1 } }),
    ];
    const { q } = renderView(reportWith(days));
    const overall = q('[data-coach-hygiene=""]')!;
    expect(textOfEl(overall.querySelector('[data-coach-hygiene-share]'))).toBe('64%');
    expect(overall.textContent).toContain('9 of 14 fields filled');
    const opp = q('[data-coach-hygiene="Opportunity"]')!;
    expect(textOfEl(opp.querySelector('[data-coach-hygiene-share]'))).toBe('80%');
    expect(opp.querySelector('[data-trend]')!.getAttribute('data-trend')).toBe('up');
    expect(opp.textContent).toContain('Up 30 points on the 30 days before');
    const contact = q('[data-coach-hygiene="Contact"]')!;
    expect(textOfEl(contact.querySelector('[data-coach-hygiene-share]'))).toBe('25%');
    // Nothing to compare with: no trend.
    expect(contact.querySelector('[data-trend]')).toBeNull();
  });

  it('lists the fields most often left empty', () => {
    const days = [rollup('2025-03-11', {}, { emptyFields: { 'Opportunity · Next Step': 7, 'Lead · Lead Source': 2 } })];
    const { q } = renderView(reportWith(days));
    const items = [...q('[data-coach-section="hygiene"] .empty-fields')!.querySelectorAll('li')].map((li) => li.textContent);
    expect(items).toEqual(['Opportunity · Next Step7 times', 'Lead · Lead Source2 times']);
  });

  it('says when nothing was nudged', () => {
    const { q } = renderView(REPORT_PRESETS.empty());
    expect(q('[data-coach-section="hygiene"]')!.textContent).toContain('No missing-field nudges in the last 30 days.');
    expect(q('[data-coach-hygiene-share]')).toBeNull();
  });

  it('day 45 matches the maths for every object', () => {
    const report = REPORT_PRESETS.day45();
    const h = buildProgress(report).hygiene;
    const { q } = renderView(report);
    expect(h.objects.length).toBeGreaterThan(1);
    for (const o of h.objects) {
      const row = q(`[data-coach-hygiene="${o.object}"]`)!;
      expect(textOfEl(row.querySelector('[data-coach-hygiene-share]'))).toBe(`${Math.round((o.share ?? 0) * 100)}%`);
    }
  });
});
