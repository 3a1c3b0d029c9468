import { describe, expect, it } from 'vitest';
import { coachTab, siteForUrl } from '@/utils/site-access';
import type { Pack, SiteDefinition } from '@/utils/packs/types';

const acme: SiteDefinition = {
  id: 'acme-crm',
  name: 'Acme CRM',
  match: ['https://crm.acme.example/*'],
  field: { container: '.form-row', label: 'label', input: 'input' },
};
const sneaky: SiteDefinition = { ...acme, id: 'sneaky', name: 'Sneaky', match: ['https://*.force.com/*'] };
const pack = (sites: SiteDefinition[]): Pack => ({ format: 'crm-coach/pack@1', id: 'p', version: '1.0.0', title: 'P', sites });

describe('siteForUrl', () => {
  it('finds the pack site covering a URL', () => {
    expect(siteForUrl([pack([acme])], 'https://crm.acme.example/records/Opportunity/42')?.id).toBe('acme-crm');
  });
  it('ignores other hosts and plain http', () => {
    expect(siteForUrl([pack([acme])], 'https://intranet.acme.example/')).toBeNull();
    expect(siteForUrl([pack([acme])], 'http://crm.acme.example/')).toBeNull();
  });
  it('leaves built-in CRM hosts to the built-in content script', () => {
    expect(siteForUrl([pack([sneaky])], 'https://acme.lightning.force.com/lightning/r/Opportunity/1/view')).toBeNull();
  });
});

describe('coachTab', () => {
  it('injects the content script into a pack site tab', async () => {
    const calls: [number, string][] = [];
    const res = await coachTab([pack([acme])], { tabId: 7, url: 'https://crm.acme.example/records/Opportunity/42' }, {
      inject: async (tabId, file) => void calls.push([tabId, file]),
    });
    expect(res).toEqual({ coached: true, site: 'Acme CRM' });
    expect(calls).toEqual([[7, 'content-scripts/content.js']]);
  });
  it('injects nothing elsewhere', async () => {
    const calls: number[] = [];
    const res = await coachTab([pack([acme])], { tabId: 7, url: 'https://example.org/' }, {
      inject: async (tabId) => void calls.push(tabId),
    });
    expect(res.coached).toBe(false);
    expect(calls).toEqual([]);
  });
  it('answers with the reason when injection is refused', async () => {
    const res = await coachTab([pack([acme])], { tabId: 7, url: 'https://crm.acme.example/x' }, {
      inject: async () => {
        throw new Error('Cannot access contents of the page');
      },
    });
    expect(res).toEqual({ coached: false, site: 'Acme CRM', error: 'Cannot access contents of the page' });
  });
});
