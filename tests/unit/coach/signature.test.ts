import { describe, expect, it } from 'vitest';
import { dependencySignature, fieldNamesUsed } from '@/utils/coach/signature';
import { findField, carryFieldIndex } from '@/utils/crm/targets';
import type { FieldModel, PageModel } from '@/utils/crm/types';
import type { Pack } from '@/utils/packs/types';

function f(label: string, value = '', extra: Partial<FieldModel> = {}): FieldModel {
  const element = document.createElement('div');
  document.body.append(element);
  return { label, apiName: label.replace(/\s+/g, ''), value, empty: value === '', required: false, visible: true, element, ...extra };
}
const page = (fields: FieldModel[]): PageModel => ({ crm: 'salesforce', object: { label: 'Opportunity', apiName: 'Opportunity' }, page: 'record', recordKey: 'rk', url: 'https://a.lightning.force.com/x', fields });

const packs: Pack[] = [
  {
    format: 'crm-coach/pack@1',
    id: 'p',
    version: '1',
    title: 'P',
    tips: [{ id: 't', target: { field: 'Next Step' }, title: 'T', when: { fieldEquals: { Stage: ['Won'] } } }],
    nudges: [{ id: 'n', fields: ['Amount', 'Close Date'], message: 'm', requiredWhen: { Type: ['New'] } }],
    snippets: [{ id: 's', title: 'S', body: 'b', when: { fieldEquals: { 'Lead Source': ['Web'] } } }],
    tours: [{ id: 'r', title: 'R', steps: [{ target: { field: 'Probability' }, body: 'b' }, { target: { selector: 'main h1' }, body: 'b' }] }],
  },
];

describe('fieldNamesUsed', () => {
  it('lists the fields tips, tour steps, nudges and conditions can look up', () => {
    expect(fieldNamesUsed(packs).sort()).toEqual(['Amount', 'Close Date', 'Lead Source', 'Next Step', 'Probability', 'Stage', 'Type']);
  });
});

describe('dependencySignature', () => {
  it('changes with what the engine reads (value, emptiness, visibility, identity, page) and not with other fields', () => {
    const names = fieldNamesUsed(packs);
    const amount = f('Amount');
    const other = f('Description', 'x');
    const base = dependencySignature(page([amount, other]), names);
    expect(dependencySignature(page([amount, { ...other, value: 'changed', empty: false }]), names)).toBe(base);
    expect(dependencySignature(page([amount, other]), names)).toBe(base);
    expect(dependencySignature(page([{ ...amount, value: '5', empty: false }, other]), names)).not.toBe(base);
    expect(dependencySignature(page([{ ...amount, visible: false }, other]), names)).not.toBe(base);
    expect(dependencySignature(page([{ ...amount, element: document.createElement('div') }, other]), names)).not.toBe(base);
    expect(dependencySignature({ ...page([amount, other]), page: 'edit' }, names)).not.toBe(base);
    expect(dependencySignature(page([other]), names)).not.toBe(base);
  });
});

describe('findField on big frozen lists (indexed)', () => {
  it('answers as the linear search does, and keeps answering right after carryFieldIndex', () => {
    const fields: FieldModel[] = [];
    for (let i = 0; i < 60; i++) fields.push(f(`Field ${i}`, i % 3 ? 'v' : ''));
    fields.push(f('Next Step', '', { visible: false }), f('Next  step', 'x'), f('Amount', '', { apiName: 'Amount_Label' }), f('Other', '', { apiName: 'Amount' }));
    const frozen = Object.freeze(fields.slice()) as FieldModel[];
    const linear = fields.slice();
    for (const name of ['next step', 'NEXT STEP', 'Amount', 'Field 7', 'nothing', '']) {
      expect(findField(page(frozen), name)).toBe(findField(page(linear), name));
    }
    // Visible wins over hidden; an API-name match over a label match.
    expect(findField(page(frozen), 'next step')?.value).toBe('x');
    expect(findField(page(frozen), 'Amount')?.label).toBe('Other');
    // A patched list: one field out, one in.
    const gone = frozen[1];
    const added = f('Renamed Field', 'y');
    const next = frozen.filter((x) => x !== gone).concat(added);
    carryFieldIndex(frozen, next, [gone], [added]);
    Object.freeze(next);
    expect(findField(page(next), 'Field 1')).toBeUndefined();
    expect(findField(page(next), 'renamed field')).toBe(added);
    expect(findField(page(next), 'Field 2')).toBe(frozen[2]);
  });
});
