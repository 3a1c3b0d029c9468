import { describe, expect, it } from 'vitest';
import { planCoach } from '@/utils/coach/engine';
import type { CoachInput } from '@/utils/coach/types';
import type { Tip } from '@/utils/packs/types';
import { field, model, NOW, pack, state } from './helpers';

const user = { role: 'sales', startDate: '2026-03-01' }; // day 9 at NOW

function input(extra: Partial<CoachInput>): CoachInput {
  return { model: model(), packs: [], user, items: {}, now: NOW, ...extra };
}

function tip(id: string, extra: Partial<Tip> = {}): Tip {
  return { id, target: { field: 'Amount' }, title: id, ...extra };
}

const reasonsOf = (plan: ReturnType<typeof planCoach>, key: string) =>
  plan.explanations.find((e) => e.key === key)?.reasons.map((r) => r.code);

describe('when', () => {
  it('matches crm case-insensitively and explains a mismatch', () => {
    const packs = [pack({ tips: [tip('a', { when: { crm: ['SalesForce'] } }), tip('b', { when: { crm: ['hubspot'] } })] })];
    const plan = planCoach(input({ packs }));
    expect(plan.tips.map((t) => t.key)).toEqual(['p1/a']);
    const b = plan.explanations.find((e) => e.key === 'p1/b')!;
    expect(b.status).toBe('hidden');
    expect(b.reasons).toEqual([{ code: 'crm', expected: 'hubspot', actual: 'salesforce' }]);
  });

  it('matches object by label or API name, case-insensitively', () => {
    const m = model({ object: { label: 'Deal', apiName: '0-3' } });
    const packs = [
      pack({
        tips: [
          tip('by-label', { when: { object: ['deal'] }, priority: 90 }),
          tip('by-api', { when: { object: ['0-3'] }, priority: 80 }),
          tip('other', { when: { object: ['Contact'] } }),
        ],
      }),
    ];
    const plan = planCoach(input({ model: m, packs }));
    expect(plan.tips.map((t) => t.key)).toEqual(['p1/by-label']);
    expect(plan.panelTips.map((t) => t.key)).toEqual(['p1/by-api']);
    expect(reasonsOf(plan, 'p1/other')).toEqual(['object']);
  });

  it('fails an object condition when the page reports no object', () => {
    const plan = planCoach(input({ model: model({ object: null }), packs: [pack({ tips: [tip('a', { when: { object: ['Opportunity'] } })] })] }));
    expect(plan.tips).toEqual([]);
    expect(reasonsOf(plan, 'p1/a')).toEqual(['object']);
  });

  it('matches page kinds', () => {
    const packs = [pack({ tips: [tip('a', { when: { page: ['new', 'edit'] } })] })];
    expect(planCoach(input({ packs })).tips).toHaveLength(0);
    expect(planCoach(input({ packs, model: model({ page: 'edit' }) })).tips).toHaveLength(1);
  });

  it('matches url match patterns', () => {
    const packs = [
      pack({
        tips: [
          tip('yes', { when: { url: '*://*.lightning.force.com/lightning/r/*' }, priority: 60 }),
          tip('no', { when: { url: 'https://*.hubspot.com/*' } }),
        ],
      }),
    ];
    const plan = planCoach(input({ packs }));
    expect(plan.tips.map((t) => t.key)).toEqual(['p1/yes']);
    expect(reasonsOf(plan, 'p1/no')).toEqual(['url']);
  });

  it('compares fieldEquals as trimmed, case-insensitive displayed text; absent fields fail', () => {
    const mk = (fe: Record<string, string[]>, id: string) => tip(id, { when: { fieldEquals: fe } });
    const packs = [
      pack({
        tips: [
          mk({ Stage: ['proposal', 'Negotiation'] }, 'ok'),
          mk({ stage: ['Closed Won'] }, 'wrong-value'),
          mk({ Missing: ['x'] }, 'absent'),
          mk({ Stage__c: ['PROPOSAL'] }, 'by-api'),
        ],
      }),
    ];
    const plan = planCoach(input({ packs, maxAnchoredTips: 5 }));
    expect(plan.tips.map((t) => t.tip.id)).toEqual(['ok', 'by-api']);
    const wrong = plan.explanations.find((e) => e.key === 'p1/wrong-value')!;
    expect(wrong.reasons).toEqual([{ code: 'fieldEquals', expected: 'stage' }]);
    // Never a field value in an explanation.
    expect(JSON.stringify(plan.explanations)).not.toMatch(/proposal/i);
    expect(reasonsOf(plan, 'p1/absent')).toEqual(['fieldEquals']);
    // Inner whitespace as displayed does not matter either.
    const spaced = model({ fields: [field('Stage', '  Closed \n Won ')] });
    expect(planCoach(input({ model: spaced, packs: [pack({ tips: [tip('w', { target: { page: true }, when: { fieldEquals: { Stage: ['closed won'] } } })] })] })).panelTips).toHaveLength(1);
  });

  it('needs every set key to hold', () => {
    const packs = [pack({ tips: [tip('a', { when: { crm: ['salesforce'], page: ['list'] } })] })];
    const plan = planCoach(input({ packs }));
    expect(plan.tips).toHaveLength(0);
    expect(reasonsOf(plan, 'p1/a')).toEqual(['page']);
  });
});

describe('audience', () => {
  it('gates on roles set on the pack and on the item', () => {
    const packs = [
      pack({ id: 'sales', audience: { roles: ['sales', 'sales-manager'] }, tips: [tip('a')] }),
      pack({ id: 'support', audience: { roles: ['support'] }, tips: [tip('b')] }),
      pack({ id: 'mixed', tips: [tip('c', { audience: { roles: ['marketing'] } })] }),
    ];
    const plan = planCoach(input({ packs, maxAnchoredTips: 5 }));
    expect(plan.tips.map((t) => t.key)).toEqual(['sales/a']);
    expect(reasonsOf(plan, 'support/b')).toEqual(['role']);
    expect(reasonsOf(plan, 'mixed/c')).toEqual(['role']);
  });

  it('treats a user without a role as outside any role list', () => {
    const packs = [pack({ audience: { roles: ['sales'] }, tips: [tip('a')] })];
    expect(planCoach(input({ packs, user: { role: null, startDate: null } })).tips).toHaveLength(0);
  });

  it('gates on tenure days, inclusive, counted from the start date as day 0', () => {
    const at = (from: number, to: number, id: string) => tip(id, { audience: { tenureDays: [from, to] } });
    const packs = [pack({ tips: [at(0, 9, 'upto9'), at(9, 9, 'exactly9'), at(10, 90, 'from10'), at(0, 8, 'upto8')] })];
    const plan = planCoach(input({ packs, maxAnchoredTips: 9 }));
    expect(plan.tips.map((t) => t.tip.id).sort()).toEqual(['exactly9', 'upto9']);
    expect(plan.explanations.find((e) => e.key === 'p1/from10')!.reasons).toEqual([
      { code: 'tenure', expected: '10–90', actual: '9' },
    ]);
    // Start date today is day 0.
    const today = planCoach(input({ packs, user: { role: 'sales', startDate: '2026-03-10' }, maxAnchoredTips: 9 }));
    expect(today.tips.map((t) => t.tip.id).sort()).toEqual(['upto8', 'upto9']);
  });

  it('fails tenure conditions without a start date', () => {
    const packs = [pack({ tips: [tip('a', { audience: { tenureDays: [0, 90] } })] })];
    expect(planCoach(input({ packs, user: { role: 'sales', startDate: null } })).tips).toHaveLength(0);
  });
});

describe('show rules', () => {
  const packs = (t: Tip) => [pack({ tips: [t] })];

  it('until-dismissed (default) hides a dismissed tip', () => {
    expect(planCoach(input({ packs: packs(tip('a')), items: state('p1/a', { shown: 3 }) })).tips).toHaveLength(1);
    const plan = planCoach(input({ packs: packs(tip('a')), items: state('p1/a', { dismissed: true }) }));
    expect(plan.tips).toHaveLength(0);
    expect(reasonsOf(plan, 'p1/a')).toEqual(['dismissed']);
  });

  it('once shows only the first time', () => {
    const t = tip('a', { show: 'once' });
    expect(planCoach(input({ packs: packs(t) })).tips).toHaveLength(1);
    expect(reasonsOf(planCoach(input({ packs: packs(t), items: state('p1/a', { shown: 1 }) })), 'p1/a')).toEqual(['once']);
  });

  it('always ignores an earlier dismissal but not one on this page', () => {
    const t = tip('a', { show: 'always' });
    expect(planCoach(input({ packs: packs(t), items: state('p1/a', { dismissed: true, shown: 40 }) })).tips).toHaveLength(1);
    expect(planCoach(input({ packs: packs(t), closedOnPage: new Set(['p1/a']) })).tips).toHaveLength(0);
  });

  it('maxShows caps the number of shows', () => {
    const t = tip('a', { maxShows: 2 });
    expect(planCoach(input({ packs: packs(t), items: state('p1/a', { shown: 1 }) })).tips).toHaveLength(1);
    const plan = planCoach(input({ packs: packs(t), items: state('p1/a', { shown: 2 }) }));
    expect(plan.explanations[0].reasons).toEqual([{ code: 'maxShows', expected: '2', actual: '2' }]);
  });

  it('a snooze hides the tip until it runs out', () => {
    const t = tip('a', { show: 'always' });
    expect(planCoach(input({ packs: packs(t), items: state('p1/a', { snoozedUntil: NOW + 1000 }) })).tips).toHaveLength(0);
    expect(planCoach(input({ packs: packs(t), items: state('p1/a', { snoozedUntil: NOW - 1 }) })).tips).toHaveLength(1);
  });
});

describe('targets, priority and the frequency rule', () => {
  it('shows one anchored tip at a time, best priority first; the rest wait in the panel', () => {
    const packs = [
      pack({ id: 'a', tips: [tip('low', { priority: 10 }), tip('default')] }),
      pack({ id: 'b', tips: [tip('high', { priority: 90, target: { field: 'Next Step' } }), tip('default2')] }),
    ];
    const plan = planCoach(input({ packs }));
    expect(plan.tips.map((t) => t.key)).toEqual(['b/high']);
    expect(plan.tips[0].field?.label).toBe('Next Step');
    // Equal priority keeps pack order.
    expect(plan.panelTips.map((t) => t.key)).toEqual(['a/default', 'b/default2', 'a/low']);
    expect(reasonsOf(plan, 'a/low')).toEqual(['frequency']);
    expect(planCoach(input({ packs, maxAnchoredTips: 2 })).tips.map((t) => t.key)).toEqual(['b/high', 'a/default']);
  });

  it('puts page-target tips in the panel and not in the anchored slot', () => {
    const packs = [pack({ tips: [tip('page', { target: { page: true }, priority: 100 }), tip('field')] })];
    const plan = planCoach(input({ packs }));
    expect(plan.tips.map((t) => t.key)).toEqual(['p1/field']);
    expect(plan.panelTips.map((t) => t.key)).toEqual(['p1/page']);
    expect(reasonsOf(plan, 'p1/page')).toEqual(['pageTarget']);
  });

  it('waits for a field target that is absent or hidden, and finds fields by API name', () => {
    const m = model({ fields: [field('Amount', '', { visible: false }), field('Next Step', '', { apiName: 'NextStep' })] });
    const packs = [pack({ tips: [tip('hidden'), tip('absent', { target: { field: 'Budget' } }), tip('api', { target: { field: 'nextstep' } })] })];
    const plan = planCoach(input({ model: m, packs }));
    expect(plan.tips.map((t) => t.key)).toEqual(['p1/api']);
    expect(plan.explanations.find((e) => e.key === 'p1/absent')!.reasons).toEqual([{ code: 'target', expected: 'Budget' }]);
    expect(reasonsOf(plan, 'p1/hidden')).toEqual(['target']);
  });

  it('asks the caller whether a selector target is present', () => {
    const packs = [pack({ tips: [tip('sel', { target: { selector: 'button.edit', text: 'Edit' } })] })];
    const seen: string[] = [];
    const absent = planCoach(input({ packs, selectorPresent: (t) => (seen.push(t.selector), false) }));
    expect(seen).toEqual(['button.edit']);
    expect(absent.tips).toHaveLength(0);
    expect(planCoach(input({ packs, selectorPresent: () => true })).tips).toHaveLength(1);
  });
});

describe('nudges', () => {
  const nudge = { id: 'hyg', fields: ['Amount', 'Close Date', 'Next Step', 'Budget'], message: 'Fill these', points: 5 };

  it('lists the present empty fields and skips absent ones', () => {
    const plan = planCoach(input({ packs: [pack({ nudges: [nudge] })] }));
    expect(plan.nudges).toHaveLength(1);
    const n = plan.nudges[0];
    expect(n.key).toBe('p1/hyg');
    expect(n.fields.map((f) => f.name)).toEqual(['Amount', 'Close Date', 'Next Step']);
    expect(n.missing.map((f) => f.field.label)).toEqual(['Amount', 'Next Step']);
    expect(plan.explanations.find((e) => e.key === 'p1/hyg')!.status).toBe('shown');
  });

  it('honours requiredWhen like fieldEquals', () => {
    const yes = planCoach(input({ packs: [pack({ nudges: [{ ...nudge, requiredWhen: { Stage: ['PROPOSAL', 'Closed Won'] } }] })] }));
    expect(yes.nudges).toHaveLength(1);
    const no = planCoach(input({ packs: [pack({ nudges: [{ ...nudge, requiredWhen: { Stage: ['Closed Won'] } }] })] }));
    expect(no.nudges).toHaveLength(0);
    expect(no.explanations[0].reasons).toEqual([{ code: 'requiredWhen', expected: 'Stage' }]);
  });

  it('applies when and audience', () => {
    const packs = [pack({ nudges: [{ ...nudge, when: { crm: ['zoho'] } }, { ...nudge, id: 'b', audience: { roles: ['support'] } }] })];
    const plan = planCoach(input({ packs }));
    expect(plan.nudges).toHaveLength(0);
    expect(plan.explanations.map((e) => e.reasons[0].code)).toEqual(['crm', 'role']);
  });

  it('keeps a nudge whose fields are all filled (to follow them) but does not mark it shown', () => {
    const m = model({ fields: [field('Amount', '100')] });
    const plan = planCoach(input({ model: m, packs: [pack({ nudges: [nudge] })] }));
    expect(plan.nudges[0].missing).toEqual([]);
    expect(plan.explanations[0]).toMatchObject({ status: 'hidden', reasons: [{ code: 'allFilled' }] });
  });

  it('drops a nudge none of whose fields are on the page', () => {
    const plan = planCoach(input({ model: model({ fields: [] }), packs: [pack({ nudges: [nudge] })] }));
    expect(plan.nudges).toEqual([]);
    expect(plan.explanations[0].reasons[0].code).toBe('noFields');
  });
});

describe('snippets and tours', () => {
  it('offers snippets whose when matches; a snippet without when is journey-only', () => {
    const packs = [
      pack({
        snippets: [
          { id: 's1', title: 'S1', when: { object: ['opportunity'] } },
          { id: 's2', title: 'S2', when: { object: ['Contact'] } },
          { id: 's3', title: 'S3' },
        ],
      }),
    ];
    const plan = planCoach(input({ packs, items: state('p1/s1', { completed: true }) }));
    expect(plan.snippets.map((s) => [s.key, s.completed])).toEqual([['p1/s1', true]]);
    expect(reasonsOf(plan, 'p1/s2')).toEqual(['object']);
    expect(reasonsOf(plan, 'p1/s3')).toEqual(['noWhen']);
  });

  it('offers matching tours with the step to resume at', () => {
    const steps = [
      { target: { field: 'Amount' }, body: 'a' },
      { target: { field: 'Next Step' }, body: 'b' },
    ];
    const packs = [pack({ tours: [{ id: 't', title: 'T', steps, when: { page: ['record'] } }, { id: 'u', title: 'U', steps, when: { page: ['new'] } }] })];
    const plan = planCoach(input({ packs, items: state('p1/t', { tourStep: 1 }) }));
    expect(plan.tours.map((t) => [t.key, t.resumeStep, t.completed])).toEqual([['p1/t', 1, false]]);
    expect(reasonsOf(plan, 'p1/u')).toEqual(['page']);
    const done = planCoach(input({ packs, items: state('p1/t', { tourStep: 1, completed: true }) }));
    expect(done.tours[0]).toMatchObject({ resumeStep: 0, completed: true });
  });
});
