import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/react';
import { Stats } from '@/components/popup/TodaySection';
import { setUiLanguage } from '@/utils/i18n';
import { buildProgress, levelFor, type Progress } from '@/utils/usage/progress';
import { REPORT_PRESETS, makeReport } from '../../fixtures/reports';
import { renderView, textOfEl } from './render';

afterEach(cleanup);

describe('Today', () => {
  it('day 0: "Day 0 of 90", points, level and streak as plain numbers', () => {
    const report = REPORT_PRESETS.day0();
    const { q } = renderView(report);
    expect(textOfEl(q('[data-coach-day]'))).toBe('Day 0 of 90');
    expect(textOfEl(q('[data-coach-points]'))).toBe(String(report.totals.points));
    expect(textOfEl(q('[data-coach-streak]'))).toBe('1');
    expect(textOfEl(q('[data-coach-level]'))).toBe(String(levelFor(report.totals.points).level));
    expect(textOfEl(q('.ring-label'))).toBe('0');
  });

  it('day 45: the streak counts work days and the word "days" sits outside the marker', () => {
    const report = REPORT_PRESETS.day45();
    const { q } = renderView(report);
    expect(textOfEl(q('[data-coach-day]'))).toBe('Day 45 of 90');
    const streak = q('[data-coach-streak]')!;
    expect(textOfEl(streak)).toBe('12');
    expect(streak.parentElement!.textContent).toMatch(/12\s*days/);
    expect(Number(textOfEl(q('[data-coach-points]')))).toBe(report.totals.points);
    expect(report.totals.points).toBeGreaterThan(0);
  });

  it('day 120: graduated', () => {
    const { q } = renderView(REPORT_PRESETS.day120());
    expect(textOfEl(q('[data-coach-day]'))).toBe('Graduated');
    expect(textOfEl(q('.header-subtitle'))).toBe('Day 120 since you started');
  });

  it('a start date in the future says when it starts', () => {
    const { q } = renderView(makeReport({ journeyDay: -3, historyDays: 0 }));
    expect(textOfEl(q('[data-coach-day]'))).toBe('Starts in 3 days');
  });

  it('speaks zh-CN when the settings say so, keeping the markers numeric', () => {
    const report = makeReport({ journeyDay: 45, streak: 4, language: 'zh-CN' });
    const { q } = renderView(report);
    expect(textOfEl(q('[data-coach-day]'))).toBe('第 45 天，共 90 天');
    expect(textOfEl(q('[data-coach-streak]'))).toBe('4');
    expect(textOfEl(q('[data-coach-points]'))).toBe(String(report.totals.points));
    expect(q('.popup')!.getAttribute('lang')).toBe('zh-CN');
  });

  it('follows the browser language when the setting is auto', () => {
    const { q } = renderView(makeReport({ journeyDay: 2, language: 'auto' }), { browserLanguage: 'zh-TW' });
    expect(textOfEl(q('[data-coach-day]'))).toBe('第 2 天，共 90 天');
  });

  it('shows the next best step and opens its snippet', () => {
    const report = REPORT_PRESETS.day3();
    const next = buildProgress(report).next;
    const { q, onOpenSnippet } = renderView(report);
    const card = q('[data-coach-next]')!;
    expect(card.getAttribute('data-coach-next')).toBe(next.kind);
    if (next.kind !== 'snippet') throw new Error(`expected a snippet step on day 3, got ${next.kind}`);
    expect(card.textContent).toContain((next.item.snippet.title as Record<string, string>).en);
    fireEvent.click(q('[data-coach-next] button')!);
    expect(onOpenSnippet).toHaveBeenCalledWith(next.item);
  });

  it('empty history: zeros, and an all-caught-up or upcoming step', () => {
    const report = REPORT_PRESETS.empty();
    const { q } = renderView(report);
    expect(textOfEl(q('[data-coach-points]'))).toBe('0');
    expect(textOfEl(q('[data-coach-streak]'))).toBe('0');
    expect(textOfEl(q('[data-coach-events]'))).toBe('0');
    expect(q('[data-coach-next]')).not.toBeNull();
  });

  it('a year of history renders the same totals the maths computes', () => {
    const report = REPORT_PRESETS.year();
    const p = buildProgress(report);
    const { q } = renderView(report);
    expect(textOfEl(q('[data-coach-points]'))).toBe(String(p.points));
    expect(textOfEl(q('[data-coach-streak]'))).toBe(String(p.streak));
    expect(textOfEl(q('[data-coach-events]'))).toBe(String(p.totalEvents));
    expect(p.totalEvents).toBeGreaterThan(65_000);
  });
});

describe('Stats at large numbers', () => {
  const big = {
    points: 12345,
    pointsThisWeek: 1200,
    level: { level: 23, fraction: 0.4, toNext: 1260 },
    streak: 365,
    bestStreak: 365,
  } as unknown as Progress;

  afterEach(() => setUiLanguage('en'));

  /** The pieces of the week line a narrow card may put on separate lines (each stays whole). */
  const unbreakable = (el: Element | null) => [...(el?.querySelectorAll('.nowrap') ?? [])].map((s) => s.textContent);

  it('the week line breaks only between "+1,200" and "this week"; the marker holds the number only', () => {
    const { container } = render(<Stats progress={big} lang="en" />);
    const q = (s: string) => container.querySelector(s);
    expect(textOfEl(q('[data-coach-points]'))).toBe('12345');
    const week = q('[data-coach-points] + .stat-sub');
    expect(textOfEl(week)).toBe('+1,200 this week');
    expect(unbreakable(week)).toEqual(['+1,200', 'this week']);
    expect(textOfEl(q('[data-coach-level] + .stat-sub'))).toBe('1,260 points to level 24');
    expect(textOfEl(q('[data-coach-streak]'))).toBe('365');
    expect(container.textContent).toContain('Best: 365');
    expect(q('[data-coach-points]')!.className).toBe('stat-value');
  });

  it('zh-CN keeps its own word order: "本周" then "+1,200"', () => {
    setUiLanguage('zh-CN');
    const { container } = render(<Stats progress={big} lang="zh-CN" />);
    const week = container.querySelector('[data-coach-points] + .stat-sub');
    expect(textOfEl(week)).toBe('本周 +1,200');
    expect(unbreakable(week)).toEqual(['本周', '+1,200']);
  });

  it('a six-digit total gets the smaller size so it stays inside its card', () => {
    const { container } = render(<Stats progress={{ ...big, points: 123456 }} lang="en" />);
    expect(container.querySelector('[data-coach-points]')!.className).toBe('stat-value long');
    expect(textOfEl(container.querySelector('[data-coach-points]'))).toBe('123456');
  });
});
