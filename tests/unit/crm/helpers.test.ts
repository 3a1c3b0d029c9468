import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hash53, recordKeyOf } from '@/utils/crm/hash';
import { matchesPattern } from '@/utils/patterns/match-pattern';
import { isEmptyDisplay, stripRequiredMark, textOf } from '@/utils/crm/dom';

describe('recordKeyOf', () => {
  it('is stable, salted, never the raw id, and a safe integer hash', () => {
    const id = '006Dn000004AbCd';
    expect(recordKeyOf(id, 's1')).toBe(recordKeyOf(id, 's1'));
    expect(recordKeyOf(id, 's1')).not.toBe(recordKeyOf(id, 's2'));
    expect(recordKeyOf(id, 's1')).not.toContain(id);
    fc.assert(fc.property(fc.string(), fc.string(), (a, s) => Number.isSafeInteger(hash53(s + a)) && hash53(s + a) >= 0));
  });

  it('spreads nearby ids', () => {
    const keys = new Set(Array.from({ length: 2000 }, (_, i) => recordKeyOf(`006Dn0000${String(i).padStart(6, '0')}`, 'salt')));
    expect(keys.size).toBe(2000);
  });
});

describe('match patterns', () => {
  it('follows the WebExtension syntax', () => {
    expect(matchesPattern('https://crm.acme.example/*', 'https://crm.acme.example/records/Opportunity/42')).toBe(true);
    expect(matchesPattern('https://crm.acme.example/*', 'http://crm.acme.example/')).toBe(false);
    expect(matchesPattern('https://*.acme.example/*', 'https://acme.example/x')).toBe(true);
    expect(matchesPattern('https://*.acme.example/*', 'https://a.b.acme.example/x')).toBe(true);
    expect(matchesPattern('https://*.acme.example/*', 'https://evilacme.example/x')).toBe(false);
    expect(matchesPattern('*://*.lightning.force.com/*', 'https://x.lightning.force.com/lightning/page/home')).toBe(true);
    expect(matchesPattern('https://crm.acme.example/records/*', 'https://crm.acme.example/admin')).toBe(false);
    expect(matchesPattern('<all_urls>', 'https://x.example/')).toBe(true);
    expect(matchesPattern('nonsense', 'https://x.example/')).toBe(false);
  });
});

describe('dom helpers', () => {
  it('empty markers and required asterisks', () => {
    expect(['', ' ', '--', '--None--', '-None-', '—', '---', '-无-'].every(isEmptyDisplay)).toBe(true);
    expect(['0', 'None yet', 'Jane', '-1'].some(isEmptyDisplay)).toBe(false);
    expect(stripRequiredMark('Deal name *')).toEqual({ label: 'Deal name', marked: true });
    expect(stripRequiredMark('*Close Date')).toEqual({ label: 'Close Date', marked: true });
    expect(stripRequiredMark('Amount')).toEqual({ label: 'Amount', marked: false });
  });

  it('reads text through shadow roots and slots', () => {
    const host = document.createElement('x-text');
    host.append('light');
    const root = host.attachShadow({ mode: 'open' });
    const b = document.createElement('b');
    b.textContent = 'shadow';
    root.append(b, document.createElement('slot'));
    document.body.append(host);
    try {
      expect(textOf(host)).toMatch(/^shadow\s*light$/);
    } finally {
      host.remove();
    }
  });
});
