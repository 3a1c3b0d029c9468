import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from '@testing-library/react';
import { REPORT_PRESETS } from '../../fixtures/reports';
import { renderView } from './render';

afterEach(cleanup);

const earned = (qa: (s: string) => HTMLElement[]) => qa('[data-coach-badge][data-earned="true"]').map((el) => el.getAttribute('data-coach-badge'));

describe('Badges', () => {
  it('day 0: nothing earned yet, streak badges show their progress', () => {
    const { qa, q } = renderView(REPORT_PRESETS.day0());
    expect(earned(qa)).toEqual([]);
    expect(q('[data-coach-badge="streak-7"]')!.textContent).toContain('1 of 7 days');
  });

  it('day 45: the 7-day streak and the done milestones', () => {
    const report = REPORT_PRESETS.day45();
    const { qa } = renderView(report);
    const list = earned(qa);
    expect(list).toContain('streak-7');
    expect(list).not.toContain('streak-90');
    expect(list).not.toContain('graduate');
    for (const m of report.milestones.filter((x) => x.status === 'done')) expect(list).toContain(`milestone:${m.packId}/${m.milestone.id}`);
  });

  it('day 120 earns the graduate badge; a year of history earns the 90-day streak', () => {
    const a = renderView(REPORT_PRESETS.day120());
    expect(earned(a.qa)).toContain('graduate');
    a.unmount();
    const b = renderView(REPORT_PRESETS.year());
    expect(earned(b.qa)).toEqual(expect.arrayContaining(['streak-7', 'streak-30', 'streak-90', 'graduate']));
  });

  it('shows the next three locked milestones and sums up the rest', () => {
    const report = REPORT_PRESETS.day0();
    const { qa, q } = renderView(report);
    const milestones = qa('[data-coach-badge^="milestone:"]').map((el) => el.getAttribute('data-coach-badge'));
    expect(milestones).toEqual([
      'milestone:acme-sales-onboarding/first-opportunity',
      'milestone:acme-sales-onboarding/first-call',
      'milestone:record-hygiene/week-1-hygiene',
    ]);
    expect(q('.badges-more')!.textContent).toBe(`+${report.milestones.length - 3} more milestone badges to earn`);
  });

  it('says badges are private', () => {
    const { q } = renderView(REPORT_PRESETS.day45());
    expect(q('[data-coach-section="badges"]')!.textContent).toContain('Private to you');
  });
});
