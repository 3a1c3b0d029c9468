// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { englishText } from '@/utils/packs/messages';
import { selectorMessage } from '@/utils/packs/selector-rules';
import { validatePack } from '@/utils/packs/validate';

const refusal = (s: string) => {
  const m = selectorMessage(s);
  return m ? englishText(m) : null;
};

// Selectors real packs use (docs/packs.md, docs/pack-format.md, public/packs), plus the allowed features.
const allowed = [
  "button[name='Edit']",
  'h1 .record-type',
  "section[role='dialog'] button[name='SaveEdit']",
  'input, select, textarea, [contenteditable=true]',
  '.required, [aria-required=true]',
  "img[onerror], a[href^='javascript:']",
  '[data-e2e-never-rendered]',
  '#j_id0\\:form > .slds-button',
  'li:nth-child(2n+1) a',
  'tr:not(.hidden):first-child td',
  'div > * span',
  'ul li ~ li',
  '*[data-x]',
  ':is(.a, .b) > span',
  '[title="A b" i]',
  'td:nth-of-type(odd)',
];

const refused: [string, string][] = [
  ['div:has(> span)', ':has() is not allowed'],
  ['*', 'a bare * here matches every element'],
  ['div * * span', 'a bare * here matches every element'],
  ['* > div', 'a bare * here matches every element'],
  ['a b c d e', 'too many descendant (space) or ~ combinators (at most 3)'],
  ['a > b > c > d > e > f > g', 'at most 6 parts'],
  ['a, b, c, d, e, f, g', 'too many selectors separated by commas (at most 6)'],
  ['p::before', 'pseudo-elements'],
  ['a:hover', ':hover is not allowed'],
  [':not(a b)', 'only simple selectors'],
  [':not(:is(a))', ':is() is not allowed'],
  ['div[', 'not a CSS selector'],
  ['div[x=1]', 'not a CSS selector'],
  ['a >', 'not a CSS selector'],
  ['a,,b', 'not a CSS selector'],
  ['li:nth-child(2 of .x)', 'not a CSS selector'],
  ["a[title='x]", 'not a CSS selector'],
];

describe('pack selector rules (docs/packs.md, "Selectors")', () => {
  it.each(allowed)('allows %s, which the browser engine also parses', (s) => {
    expect(refusal(s)).toBeNull();
    expect(() => document.querySelectorAll(s)).not.toThrow();
  });

  it.each(refused)('refuses %s: %s', (s, fragment) => {
    expect(refusal(s)).toContain(fragment);
  });

  it('names the path of a refused selector wherever selectors appear', () => {
    const pack = {
      format: 'crm-coach/pack@1',
      id: 'sel-pack',
      version: '1.0.0',
      title: 'T',
      sites: [
        {
          id: 'acme',
          name: 'Acme',
          match: ['https://crm.acme.example/*'],
          object: { selector: 'main:has(h1)' },
          field: { container: '.row', label: 'label', input: '* * input' },
        },
      ],
      tips: [{ id: 't', target: { selector: 'p::after' }, title: 'Tip' }],
    };
    const result = validatePack(pack);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toContain('sites[0].object.selector: :has() is not allowed: its cost grows with the whole page on every change');
    expect(result.errors.some((e) => e.startsWith('sites[0].field.input: a bare *'))).toBe(true);
    expect(result.errors.some((e) => e.startsWith('tips[0].target.selector: pseudo-elements'))).toBe(true);
  });

  it('refuses an over-long selector by its length', () => {
    const result = validatePack({
      format: 'crm-coach/pack@1',
      id: 'sel-pack',
      version: '1.0.0',
      title: 'T',
      tips: [{ id: 't', target: { selector: `.${'a'.repeat(400)}` }, title: 'Tip' }],
    });
    expect(result.ok || result.errors).toEqual(['tips[0].target.selector: at most 300 characters']);
  });
});
