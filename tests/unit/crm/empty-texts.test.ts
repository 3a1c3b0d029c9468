import { describe, expect, it } from 'vitest';
import { packEmptyTexts } from '@/utils/crm/empty-texts';
import { validatePack } from '@/utils/packs/validate';
import type { Pack } from '@/utils/packs/types';

function pack(id: string, crms?: unknown): Pack {
  const result = validatePack({ format: 'crm-coach/pack@1', id, version: '1.0.0', title: id, ...(crms ? { crms } : {}) });
  if (!result.ok) throw new Error(result.errors.join('; '));
  return result.pack;
}

describe('packEmptyTexts', () => {
  it('is undefined when no pack sets a list (every reader keeps its default)', () => {
    expect(packEmptyTexts([])).toBeUndefined();
    expect(packEmptyTexts([pack('plain'), pack('empty-crms', {})])).toBeUndefined();
  });

  it('keeps each CRM apart, and merges the lists of several packs for one CRM', () => {
    const a = pack('pack-a', { zoho: { emptyText: ['-None-', 'Not set'] } });
    const b = pack('pack-b', { zoho: { emptyText: ['Not set', 'TBD'] }, pipedrive: { emptyText: ['—'] } });
    expect(packEmptyTexts([a, b])).toEqual({ zoho: ['-None-', 'Not set', 'TBD'], pipedrive: ['—'] });
    expect(packEmptyTexts([a])).toEqual({ zoho: ['-None-', 'Not set'] });
  });
});
