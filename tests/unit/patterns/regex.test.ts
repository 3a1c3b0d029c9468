import { describe, expect, it } from 'vitest';
import { compilePackRegex, INPUT_MAX, packRegexProblem } from '@/utils/patterns/regex';

const code = (source: string) => packRegexProblem(source)?.code ?? null;

describe('pack regexes: the safe class', () => {
  it.each([
    '/records/(?<object>[A-Za-z]+)/',
    '/records/[^/]+/\\d+$',
    '/records/[^/]+/?$',
    '/new$',
    '^/app/(deals|contacts)/\\d+',
    '(?:/edit)?$',
    '^.*/edit$',
    '^(?<object>\\w+)/(?:[^/]+/)?edit',
    '^/main\\.aspx\\?(?:[^#]*&)?etn=(?<object>\\w+)',
    '/records/[^/]+/(?<object>\\w+)/\\d+',
    '^\\d{1,4}-\\d{1,4}$',
    '[^/x]+x',
    '.*',
    'a{2,20}',
  ])('accepts %s', (source) => expect(code(source)).toBeNull());

  it.each([
    ['(a+)+$', 'nested_repeat'],
    ['(\\w*){2}', 'nested_repeat'],
    ['(?:a|b)*c', 'nested_repeat'],
    ['.*.*.*x', 'cost'],
    ['^.*.*.*$', 'cost'],
    ['^(a|a|a){0,20}$', 'cost'],
    ['\\w+\\w+\\w+', 'cost'],
    ['main\\.aspx\\?[^#]*etn=(?<object>\\w+)', 'cost'],
    ['^.*.*$x', 'cost'],
    ['a{2,50}', 'repeat_bound'],
    ['(?=x)a', 'lookaround'],
    ['(?<!x)a', 'lookaround'],
    ['(a)\\1', 'backreference'],
    ['(?<n>a)\\k<n>', 'backreference'],
    ['[', 'syntax'],
    ['\\p{L}', 'syntax'],
  ])('refuses %s (%s)', (source, problem) => expect(code(source)).toBe(problem));

  it('compiles the safe class once, caches it, and refuses the rest', () => {
    const re = compilePackRegex('/records/(?<object>[A-Za-z]+)/');
    expect(re).not.toBeNull();
    expect(compilePackRegex('/records/(?<object>[A-Za-z]+)/')).toBe(re);
    expect(re!.exec('/records/Opportunity/42')?.groups?.object).toBe('Opportunity');
    expect(compilePackRegex('(a+)+$')).toBeNull();
  });

  it('never matches inputs longer than INPUT_MAX (the bound the cost model assumes)', () => {
    const re = compilePackRegex('^/x')!;
    expect(re.test('/x' + 'a'.repeat(INPUT_MAX - 2))).toBe(true);
    expect(re.test('/x' + 'a'.repeat(INPUT_MAX))).toBe(false);
  });
});
