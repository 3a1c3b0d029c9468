import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, within } from '@testing-library/react';
import { activitySeries } from '@/utils/usage/progress';
import { REPORT_PRESETS } from '../../fixtures/reports';
import { renderView, textOfEl } from './render';

afterEach(cleanup);

describe('Activity', () => {
  it('draws 30 days of page views as an accessible SVG with a matching hidden table', () => {
    const report = REPORT_PRESETS.day45();
    const series = activitySeries(report.days, report.today);
    const { q } = renderView(report);
    const section = q('[data-coach-section="activity"]')!;
    const svg = section.querySelector('svg[role="img"]')!;
    expect(svg.getAttribute('data-coach-chart')).toBe('pages');
    const title = svg.querySelector('title')!;
    expect(svg.getAttribute('aria-labelledby')).toBe(title.id);
    const total = series.reduce((a, d) => a + d.pages, 0);
    const max = Math.max(...series.map((d) => d.pages));
    expect(title.textContent).toBe(`Pages per day over the last 30 days: ${total} in all, at most ${max} on one day.`);
    expect(svg.querySelectorAll('rect.bar').length).toBe(series.filter((d) => d.pages > 0).length);
    expect(svg.querySelectorAll('rect.bar, rect.bar-zero').length).toBe(30);
    const rows = section.querySelectorAll('table tbody tr');
    expect(rows).toHaveLength(30);
    expect(rows[29].querySelectorAll('td')[2].textContent).toBe(String(series[29].fields));
  });

  it('switches the metric with buttons that say which is pressed', () => {
    const report = REPORT_PRESETS.day45();
    const series = activitySeries(report.days, report.today);
    const { q } = renderView(report);
    const section = q('[data-coach-section="activity"]')!;
    const fields = within(section).getByRole('button', { name: /Fields filled/ });
    expect(fields.getAttribute('aria-pressed')).toBe('false');
    expect(textOfEl(fields.querySelector('.seg-value'))).toBe(String(series.reduce((a, d) => a + d.fields, 0)));
    fireEvent.click(fields);
    expect(fields.getAttribute('aria-pressed')).toBe('true');
    expect(section.querySelector('svg')!.getAttribute('data-coach-chart')).toBe('fields');
    expect(section.querySelector('svg title')!.textContent).toMatch(/^Fields filled per day/);
  });

  it('counts every recorded event in [data-coach-events] as a plain number', () => {
    const report = REPORT_PRESETS.day3();
    const total = Object.values(report.totals.counts).reduce((a, b) => a + (b ?? 0), 0);
    const { q } = renderView(report);
    expect(total).toBeGreaterThan(0);
    expect(Number(textOfEl(q('[data-coach-events]')))).toBe(total);
  });

  it('an empty history draws only the zero line', () => {
    const { q } = renderView(REPORT_PRESETS.empty());
    expect(q('svg.chart rect.bar')).toBeNull();
    expect(q('svg.chart')!.querySelectorAll('rect.bar-zero')).toHaveLength(30);
  });
});
