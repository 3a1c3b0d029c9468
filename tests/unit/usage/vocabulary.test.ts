import { describe, expect, it } from 'vitest';
import { hashedLabel, packVocabulary, withKnownVocabulary } from '@/utils/event-vocabulary';
import type { Pack } from '@/utils/packs/types';
import type { UsageEvent } from '@/utils/usage/types';

const pack = {
  format: 'crm-coach/pack@1',
  id: 'acme',
  version: '1.0.0',
  title: 'Acme',
  sites: [
    { id: 'acme-crm', name: 'Acme', match: ['https://crm.acme.example/*'], object: { selector: 'h1', names: ['Opportunity'] }, field: { container: '.row', label: 'label', input: 'input' } },
    { id: 'url-crm', name: 'URL', match: ['https://url.example/*'], object: { urlPattern: '/(?<object>[^/]+)/' }, field: { container: '.row', label: 'label', input: 'input' } },
  ],
  nudges: [{ id: 'n', fields: ['Next Step'], title: 'Fill it' }],
} as unknown as Pack;

const vocab = packVocabulary([pack]);
const ev = (extra: Partial<UsageEvent>): UsageEvent => ({ id: 'e', at: 1, kind: 'nudge.shown', ...extra });

describe('pack-site events keep only a bounded vocabulary', () => {
  it('drops an object that is not a declared name (a record name from page text)', () => {
    expect(withKnownVocabulary(ev({ crm: 'acme-crm', object: 'Opportunity Acme - 200 Widgets' }), vocab, 's').object).toBeUndefined();
    expect(withKnownVocabulary(ev({ crm: 'acme-crm', object: 'opportunity' }), vocab, 's').object).toBe('Opportunity');
    expect(withKnownVocabulary(ev({ crm: 'url-crm', object: 'Jane Doe' }), vocab, 's').object).toBeUndefined();
    expect(withKnownVocabulary(ev({ crm: 'url-crm', object: 'Contact' }), vocab, 's').object).toBe('Contact');
    expect(withKnownVocabulary(ev({ crm: 'unknown-site', object: 'Contact' }), vocab, 's').object).toBeUndefined();
  });

  it('keeps field labels packs name, hashes the rest', () => {
    expect(withKnownVocabulary(ev({ crm: 'acme-crm', field: 'next step' }), vocab, 's').field).toBe('next step');
    const hashed = withKnownVocabulary(ev({ crm: 'acme-crm', field: 'jane@acme.example' }), vocab, 's').field;
    expect(hashed).toBe(hashedLabel('jane@acme.example', 's'));
    expect(hashed).not.toContain('jane');
  });

  it('leaves built-in CRM events alone', () => {
    const e = ev({ crm: 'salesforce', object: 'Opportunity', field: 'Amount' });
    expect(withKnownVocabulary(e, vocab, 's')).toEqual(e);
  });
});
