import type { FieldModel, PageModel } from '@/utils/crm/types';
import type { Pack } from '@/utils/packs/types';
import type { ItemState } from '@/utils/usage/types';

export function field(label: string, value = '', extra: Partial<FieldModel> = {}): FieldModel {
  return {
    label,
    apiName: extra.apiName ?? label.replace(/\s+/g, '') + '__c',
    empty: value.trim() === '',
    required: false,
    element: extra.element ?? ({ tagName: 'DIV', isConnected: true } as unknown as Element),
    value,
    visible: true,
    ...extra,
  };
}

export function model(extra: Partial<PageModel> = {}): PageModel {
  return {
    crm: 'salesforce',
    object: { label: 'Opportunity', apiName: 'Opportunity' },
    page: 'record',
    recordKey: 'rk1',
    url: 'https://acme.lightning.force.com/lightning/r/Opportunity/006xx/view',
    fields: [field('Amount'), field('Close Date', '2026-01-01'), field('Next Step'), field('Stage', ' Proposal ')],
    ...extra,
  };
}

export function pack(extra: Partial<Pack> = {}): Pack {
  return { format: 'crm-coach/pack@1', id: 'p1', version: '1.0.0', title: 'P1', ...extra };
}

export function state(key: string, extra: Partial<ItemState> = {}): Record<string, ItemState> {
  return { [key]: { key, shown: 0, dismissed: false, completed: false, ...extra } };
}

/** 2026-03-10 12:00 local time. */
export const NOW = new Date(2026, 2, 10, 12, 0, 0).getTime();
