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
