// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from '@testing-library/react';
import axe from 'axe-core';
import { REPORT_PRESETS, makeReport, type ReportPreset } from '../../fixtures/reports';
import { renderView } from './render';
import type { PageState } from '@/components/popup/pageState';

afterEach(cleanup);

async function seriousViolations(root: Element) {
  const result = await axe.run(root, {
    // jsdom does not lay out or paint: contrast cannot be judged here.
    rules: { 'color-contrast': { enabled: false } },
    resultTypes: ['violations'],
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

describe('the popup is axe-clean', () => {
  const presets: ReportPreset[] = ['firstRun', 'day0', 'day3', 'day45', 'day120', 'empty', 'noPacks'];
  for (const name of presets) {
    it(`${name}`, async () => {
      const { container } = renderView(REPORT_PRESETS[name]());
      expect(container.querySelector('.popup')).not.toBeNull();
      expect(await seriousViolations(container)).toEqual([]);
    });
  }

  it('zh-CN with a paused-site notice and an open snippet preview', async () => {
    const page: PageState = { kind: 'paused', host: 'acme.my.salesforce.com' };
    const { container } = renderView(makeReport({ journeyDay: 3, language: 'zh-CN' }), {
      page,
      previewKey: 'acme-sales-onboarding/log-a-call',
    });
    expect(container.querySelector('[data-coach-snippet-preview]')).not.toBeNull();
    expect(await seriousViolations(container)).toEqual([]);
  });

  it('finds a planted violation (the check itself works)', async () => {
    const { container } = renderView(REPORT_PRESETS.day3());
    const button = container.querySelector('.icon-button')!;
    button.removeAttribute('aria-label');
    button.removeAttribute('title');
    expect((await seriousViolations(container)).some((v) => v.startsWith('button-name'))).toBe(true);
  });
});
