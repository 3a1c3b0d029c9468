// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { HEAVY_URL, KEY_FIELDS, fieldDefs, heavyPageHtml } from '../../../bench/heavy-page.mjs';

describe('heavy page', () => {
  it('has the requested number of fields, the key fields first, empty Next Step, Amount and Close Date', () => {
    const defs = fieldDefs(2000);
    expect(defs).toHaveLength(2000);
    expect(defs.slice(0, KEY_FIELDS.length).map((f) => f.label)).toEqual(KEY_FIELDS.map((f) => f.label));
    for (const label of ['Next Step', 'Amount', 'Close Date']) {
      expect(defs.find((f) => f.label === label)?.value).toBe('');
    }
    expect(new Set(defs.map((f) => f.api)).size).toBe(2000);
  });

  it('serves a Lightning record URL and a self-contained page with its options and no innerHTML', () => {
    expect(new URL(HEAVY_URL).pathname).toMatch(/^\/lightning\/r\/Opportunity\/006\w{15}\/view$/);
    const html = heavyPageHtml({ fields: 123 });
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const config = doc.scripts[0].textContent ?? '';
    expect(config).toContain('"fields":123');
    expect(html).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML/);
    expect(html).toContain("attachShadow({ mode: 'open' })");
    expect(html).toContain('records-record-layout-item');
  });
});
