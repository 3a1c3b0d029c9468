import { describe, expect, it } from 'vitest';
import { matchesPattern as m } from '@/utils/patterns/match-pattern';

describe('matchesPattern', () => {
  it('handles <all_urls>', () => {
    expect(m('<all_urls>', 'https://x.example/a')).toBe(true);
    expect(m('<all_urls>', 'chrome://settings')).toBe(false);
  });
  it('scheme * is http or https', () => {
    expect(m('*://example.com/*', 'http://example.com/')).toBe(true);
    expect(m('*://example.com/*', 'https://example.com/a')).toBe(true);
    expect(m('*://example.com/*', 'ftp://example.com/a')).toBe(false);
    expect(m('https://example.com/*', 'http://example.com/a')).toBe(false);
  });
  it('host wildcards cover the domain and subdomains only', () => {
    const p = 'https://*.force.com/*';
    expect(m(p, 'https://acme.lightning.force.com/x')).toBe(true);
    expect(m(p, 'https://force.com/x')).toBe(true);
    expect(m(p, 'https://evilforce.com/x')).toBe(false);
    expect(m('https://*/*', 'https://anything.example/')).toBe(true);
    expect(m('https://Example.COM/*', 'https://example.com/')).toBe(true);
  });
  it('matches the path glob against path and query', () => {
    expect(m('https://a.example/records/*/view', 'https://a.example/records/42/view')).toBe(true);
    expect(m('https://a.example/records/*/view', 'https://a.example/records/42/edit')).toBe(false);
    expect(m('https://a.example/main.aspx*etn=opportunity*', 'https://a.example/main.aspx?pagetype=entityrecord&etn=opportunity&id=1')).toBe(true);
    expect(m('https://a.example/a', 'https://a.example/a?x=1')).toBe(false);
    expect(m('https://a.example/a.b', 'https://a.example/aXb')).toBe(false);
  });
  it('honours ports', () => {
    expect(m('http://127.0.0.1/*', 'http://127.0.0.1:8080/x')).toBe(true);
    expect(m('http://127.0.0.1:8080/*', 'http://127.0.0.1:8080/x')).toBe(true);
    expect(m('http://127.0.0.1:8080/*', 'http://127.0.0.1:9090/x')).toBe(false);
    expect(m('https://a.example:443/*', 'https://a.example/x')).toBe(true);
  });
  it('matches nothing for invalid patterns or URLs', () => {
    expect(m('example.com', 'https://example.com/')).toBe(false);
    expect(m('https://exa*mple.com/*', 'https://example.com/')).toBe(false);
    expect(m('https://example.com', 'https://example.com/')).toBe(false);
    expect(m('https://*/*', 'not a url')).toBe(false);
  });
});

describe('case rules and hostile globs', () => {
  it('compares scheme and host case-insensitively and the path case-sensitively', () => {
    expect(m('HTTPS://CRM.Acme.Example/Records/*', 'https://crm.acme.example/Records/1')).toBe(true);
    expect(m('https://crm.acme.example/Records/*', 'https://crm.acme.example/records/1')).toBe(false);
    expect(m('https://crm.acme.example/a*', 'https://crm.acme.example/a#frag')).toBe(true);
  });

  it('matches a glob with hundreds of stars against a long URL without backtracking (a regex from stars took seconds)', () => {
    const glob = 'https://*.lightning.force.com/' + '*a'.repeat(220) + '*z';
    const url = 'https://x.lightning.force.com/' + 'a'.repeat(5000);
    // Returns (false): the test runner's timeout is the failure mode of exponential matching.
    expect(m(glob, url)).toBe(false);
    expect(m(glob, url + 'z')).toBe(true);
  });

  it('the popup and the content script decide alike (one matcher)', async () => {
    const { pageStateFor } = await import('@/components/popup/pageState');
    const { adapterFor } = await import('@/utils/crm');
    for (const url of ['https://acme.lightning.force.com/lightning/r/Opportunity/1/view', 'https://ACME.Lightning.Force.com/x', 'https://evil-force.com/x', 'https://app.hubspot.com/contacts/1/record/0-3/2']) {
      expect(pageStateFor(url, []).kind === 'crm').toBe(adapterFor(new URL(url)) !== null);
    }
  });
});
