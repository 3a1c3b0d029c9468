import { describe, expect, it } from 'vitest';
import { pageStateFor } from '@/components/popup/pageState';
import { matchesPattern } from '@/utils/patterns/match-pattern';

describe('matchesPattern', () => {
  const m = (url: string, pattern: string) => matchesPattern(pattern, new URL(url));

  it('matches subdomains and the bare domain of *.host', () => {
    expect(m('https://acme.lightning.force.com/lightning/r/Opportunity/1/view', 'https://*.force.com/*')).toBe(true);
    expect(m('https://force.com/', 'https://*.force.com/*')).toBe(true);
    expect(m('https://notforce.com/', 'https://*.force.com/*')).toBe(false);
    expect(m('https://force.com.evil.example/', 'https://*.force.com/*')).toBe(false);
  });

  it('checks the scheme and exact hosts', () => {
    expect(m('http://crm.zoho.com/crm/org1/tab/Potentials/2', 'https://crm.zoho.com/*')).toBe(false);
    expect(m('https://crm.zoho.com/crm/org1/tab/Potentials/2', 'https://crm.zoho.com/*')).toBe(true);
    expect(m('https://www.crm.zoho.com/', 'https://crm.zoho.com/*')).toBe(false);
    expect(m('http://127.0.0.1:8080/x', '*://127.0.0.1/*')).toBe(true);
  });

  it('matches paths with wildcards', () => {
    expect(m('https://a.example/records/1', 'https://a.example/records/*')).toBe(true);
    expect(m('https://a.example/other/1', 'https://a.example/records/*')).toBe(false);
  });
});

describe('pageStateFor', () => {
  it('recognises the built-in CRM hosts', () => {
    expect(pageStateFor('https://app.hubspot.com/contacts/1/record/0-3/2', [])).toEqual({ kind: 'crm', host: 'app.hubspot.com' });
    expect(pageStateFor('https://org.crm4.dynamics.com/main.aspx?pagetype=entityrecord', [])).toMatchObject({ kind: 'crm' });
    expect(pageStateFor('https://app.pipedrive.com/deal/1', [])).toMatchObject({ kind: 'crm' });
  });

  it('says not-crm for other pages, extension pages, a missing url and junk', () => {
    expect(pageStateFor('https://www.example.org/', [])).toEqual({ kind: 'not-crm' });
    expect(pageStateFor('chrome-extension://hleadkajkmgjljmaomoklmpoighnceim/popup.html', [])).toEqual({ kind: 'not-crm' });
    expect(pageStateFor(undefined, [])).toEqual({ kind: 'not-crm' });
    expect(pageStateFor('not a url', [])).toEqual({ kind: 'not-crm' });
  });

  it('a paused host wins, compared case-insensitively', () => {
    expect(pageStateFor('https://Acme.My.Salesforce.com/x', ['acme.my.salesforce.com'])).toEqual({ kind: 'paused', host: 'acme.my.salesforce.com' });
    expect(pageStateFor('https://other.my.salesforce.com/x', ['acme.my.salesforce.com'])).toMatchObject({ kind: 'crm' });
  });

  it('takes extra match patterns (e.g. a pack site)', () => {
    expect(pageStateFor('https://crm.acme.example/records/Deal/1', [], ['https://crm.acme.example/*'])).toMatchObject({ kind: 'crm' });
  });
});
