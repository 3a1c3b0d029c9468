import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareSemver, isSemver } from '@/utils/packs/semver';
import { matchPatternProblem, originOfPattern } from '@/utils/packs/match-pattern';
import { isAllowedLink, linkScheme } from '@/utils/packs/markdown-links';

describe('compareSemver', () => {
  it.each([
    ['1.0.0', '1.0.1', -1],
    ['1.2.0', '1.10.0', -1],
    ['2.0.0', '1.99.99', 1],
    ['1.0.0-alpha', '1.0.0', -1],
    ['1.0.0-alpha', '1.0.0-alpha.1', -1],
    ['1.0.0-alpha.beta', '1.0.0-beta', -1],
    ['1.0.0-beta.2', '1.0.0-beta.11', -1],
    ['1.0.0-rc.1', '1.0.0', -1],
    ['1.0.0+build.1', '1.0.0+build.2', 0],
    ['3.1.4', '3.1.4', 0],
  ])('%s vs %s', (a, b, sign) => {
    expect(compareSemver(a, b)).toBe(sign);
    expect(compareSemver(b, a)).toBe(sign === 0 ? 0 : -sign);
  });

  it('is antisymmetric for any versions', () => {
    const v = fc.tuple(fc.nat(50), fc.nat(50), fc.nat(50)).map(([a, b, c]) => `${a}.${b}.${c}`);
    fc.assert(fc.property(v, v, (a, b) => compareSemver(a, b) === -compareSemver(b, a) || compareSemver(a, b) === 0));
  });

  it('rejects non-versions', () => {
    expect(isSemver('1.0')).toBe(false);
    expect(() => compareSemver('1.0', '1.0.0')).toThrow(/not a semantic version: 1.0/);
  });
});

describe('match patterns', () => {
  it.each(['<all_urls>', '*://*.lightning.force.com/*', 'https://crm.acme.example/*', 'http://127.0.0.1:8080/crm/*', 'https://*/*'])(
    '%s is valid',
    (p) => expect(matchPatternProblem(p)).toBeNull(),
  );
  it.each([
    ['crm.acme.example/*', 'expected <scheme>://<host>/<path>'],
    ['https://crm.acme.example', 'missing path (add "/*")'],
    ['chrome://settings/*', 'scheme must be *, http or https (found "chrome")'],
    ['https://crm.*.example/*', '"*" in a host may only come first, followed by a dot'],
  ])('%s is invalid', (p, problem) => expect(matchPatternProblem(p)).toBe(problem));

  it('gives the origin to request as a host permission', () => {
    expect(originOfPattern('https://crm.acme.example/records/*')).toBe('https://crm.acme.example/*');
    expect(originOfPattern('http://127.0.0.1:8080/*')).toBe('http://127.0.0.1/*');
  });
});

describe('links', () => {
  it('reads the scheme the way a browser does', () => {
    expect(linkScheme(' java\tscript:alert(1)')).toBe('javascript:');
    expect(linkScheme('/relative')).toBeNull();
    expect(isAllowedLink('https://example.com')).toBe(true);
    expect(isAllowedLink('mailto:a@example.com')).toBe(true);
    expect(isAllowedLink('HTTPS://example.com')).toBe(true);
    expect(isAllowedLink('http://example.com')).toBe(false);
    expect(isAllowedLink('data:text/html,x')).toBe(false);
  });
});
