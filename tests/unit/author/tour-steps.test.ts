import { describe, expect, it } from 'vitest';
import { planCoach } from '@/utils/coach/engine';
import type { PageModel } from '@/utils/crm/types';
import type { Pack } from '@/utils/packs/types';

const el = document.createElement('div');
const model: PageModel = {
  crm: 'salesforce', object: { label: 'Opportunity', apiName: 'Opportunity' }, page: 'record', recordKey: null, url: 'https://x/',
  fields: [{ label: 'Amount', apiName: 'Amount', empty: true, required: false, element: el, value: '', visible: true }],
};

describe('a recorded tour whose steps span pages', () => {
  it('"What the coach sees" says which steps are not on this page (the running tour skips them)', () => {
    const pack: Pack = {
      format: 'crm-coach/pack@1', id: 'author-draft', version: '0.1.0', title: 'Draft',
      tours: [{ id: 'edit', title: 'Edit', steps: [
        { target: { selector: 'button[name="Edit"]' }, body: 'a' },
        { target: { field: 'Amount' }, body: 'b' },
        { target: { field: 'CloseDate' }, body: 'c' },
      ] }],
    };
    const plan = planCoach({ model, packs: [pack], user: { role: null, startDate: null }, items: {}, now: 0 });
    const why = plan.explanations.find((e) => e.key === 'author-draft/edit')!;
    expect(why.status).toBe('panel');
    expect(why.reasons).toEqual([{ code: 'stepMissing', expected: '3', actual: 'CloseDate' }]);
  });
});
