import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
// @ts-expect-error plain ES module without types
import { decorateFixture, formatSummary, isChineseRoute, isPackSite, shotNames } from '../../scripts/demo/lib.mjs';

interface Route {
  url: string;
  file: string;
  site?: string;
  expect?: { crm?: string; object?: string; page?: string };
}
const routes = JSON.parse(readFileSync('tests/fixtures/crm/routes.json', 'utf8')) as Route[];

describe('npm start helpers', () => {
  it('gives every fixture route its own screenshot name, saying which CRM and page', () => {
    const names = [...(shotNames(routes) as Map<Route, string>).values()];
    expect(new Set(names).size).toBe(routes.length);
    for (const [route, name] of shotNames(routes) as Map<Route, string>) {
      expect(name.startsWith(`${route.expect!.crm}-`)).toBe(true);
      expect(name).toContain(route.expect!.page!);
      expect(name).toMatch(/^[a-zA-Z0-9-]+$/);
    }
    expect(names).toContain('salesforce-opportunity-record-acme');
    expect(names).toContain('salesforce-account-record');
    expect(names).toContain('salesforce-zh-CN-opportunity-record');
    expect(names).toContain('zoho-zh-CN-deal-record');
    expect(names).toContain('salesforce-opportunity-edit-acme-inline-edit');
  });

  it('knows the Chinese pages and the pack-described sites', () => {
    const zh = routes.filter(isChineseRoute).map((r) => new URL(r.url).hostname);
    expect(zh.sort()).toEqual(['acme-cn.lightning.force.com', 'crm.zoho.com.cn']);
    expect(routes.filter(isPackSite).every((r) => r.expect?.crm === 'acme-crm')).toBe(true);
  });

  it('adds the stylesheet to the page as served, leaving the markup alone', () => {
    const route = routes.find((r) => r.expect?.crm === 'salesforce')!;
    const html = '<html><head><title>x</title></head><body><div id="a"></div></body></html>';
    const out = decorateFixture(html, route) as string;
    expect(out).toContain('<style data-crm-coach-demo>');
    expect(out.replace(/<style data-crm-coach-demo>[\s\S]*?<\/style>\n/, '')).toBe(html);
    expect(decorateFixture(html, { ...route, expect: { crm: 'nothing-here' } })).toBe(html);
  });

  it('sums up which pages were coached', () => {
    const text = formatSummary([
      { name: 'salesforce-opportunity-record', tips: 1, nudges: 2, launcher: true },
      { name: 'zoho-zh-CN-deal-record', skipped: 'no CJK font' },
      { name: 'hubspot-deal-record', error: 'no coach within 20 s' },
    ]) as string;
    expect(text).toContain('Coached 1 of 2 pages');
    expect(text).toMatch(/salesforce-opportunity-record\s+coached: 1 tip, 2 nudges, launcher shown/);
    expect(text).toMatch(/zoho-zh-CN-deal-record\s+skipped: no CJK font/);
    expect(text).toMatch(/hubspot-deal-record\s+NOT coached/);
  });
});
