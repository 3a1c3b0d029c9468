// One update's planning (entrypoints/content/planner.ts): the one change-detection path decides
// whether to plan; a plan follows nudges, counts tips shown and says whether the view changed.
import { describe, expect, it } from 'vitest';
import { createPlanner } from '@/entrypoints/content/planner';
import { createCoachState } from '@/entrypoints/content/coach-state';
import { createSessionStore } from '@/entrypoints/content/session';
import type { CoachEventInput } from '@/entrypoints/content/events';
import type { CoachState } from '@/utils/messaging';
import type { PageModel } from '@/utils/crm/types';
import { field, model, pack, NOW } from '../coach/helpers';
import { coachStateOf } from '../../coach-state';

const coachPack = pack({
  tips: [{ id: 'amount', target: { field: 'Amount' }, title: 'Amounts drive the forecast' }],
  nudges: [{ id: 'hyg', fields: ['Amount', 'Next Step'], message: 'Fill these', points: 3 }],
});

function setup(extra: Partial<CoachState> = {}) {
  const state = coachStateOf([coachPack], { bodies: undefined, ...extra });
  const ac = new AbortController();
  const states = createCoachState({ getCoachState: async () => state, setPagePrefs: async () => ({}), browserLanguage: 'en' }, ac.signal, () => undefined);
  const url = new URL(model().url);
  states.take(state, `${url.origin}${url.pathname}${url.search}|`);
  const session = createSessionStore();
  const events: CoachEventInput[] = [];
  const planner = createPlanner({ states, session, record: (e) => events.push(e), now: () => NOW, scope: () => () => false });
  const apply = (m: PageModel | null, force = false, hasView = true) => planner.apply(new URL(m?.url ?? url.href), m, force, hasView);
  return { planner, session, events, apply, kinds: () => events.map((e) => e.kind) };
}

const el = (): Element => document.createElement('div');

describe('planner', () => {
  it('plans a new page once: page.view, the tip shown, the empty fields nudged', () => {
    const p = setup();
    const fields = [field('Amount', '', { element: el() }), field('Next Step', '', { element: el() }), field('Stage', 'Open', { element: el() })];
    expect(p.apply(model({ fields }), true, false)).toBe('changed');
    expect(p.kinds()).toEqual(['page.view', 'nudge.shown', 'nudge.shown', 'tip.shown']);
    expect(p.planner.plan?.tips.map((t) => t.key)).toEqual(['p1/amount']);
    expect(p.session.current.navShown.has('p1/amount')).toBe(true);
  });

  it('a batch that changes no field the packs name plans nothing and leaves the view', () => {
    const p = setup();
    const amount = field('Amount', '', { element: el() });
    const next = field('Next Step', '', { element: el() });
    p.apply(model({ fields: [amount, next, field('Stage', 'Open', { element: el() })] }), true, false);
    const plan = p.planner.plan;
    const before = p.events.length;
    // Stage is named by no pack: a new value, even a new element, is not the engine's business.
    const m = model({ fields: [amount, next, field('Stage', 'Won', { element: el() })] });
    expect(p.apply(m)).toBe('same');
    expect(p.planner.plan).toBe(plan);
    expect(p.planner.model).toBe(m);
    expect(p.events).toHaveLength(before);
  });

  it('a filled nudge field is rewarded once, announced, and changes the view', () => {
    const p = setup();
    const next = field('Next Step', '', { element: el() });
    const amountEl = el();
    p.apply(model({ fields: [field('Amount', '', { element: amountEl }), next] }), true, false);
    expect(p.apply(model({ fields: [field('Amount', '100', { element: amountEl }), next] }))).toBe('changed');
    expect(p.events.filter((e) => e.kind === 'nudge.resolved')).toEqual([expect.objectContaining({ itemId: 'hyg', field: 'Amount', points: 3, recordKey: 'rk1' })]);
    expect(p.session.current.announcement).toMatch(/Amount/);
    expect([...p.session.current.nudgeDone]).toEqual(['p1/hyg|Amount']);
  });

  it('a new record is a new page; no reader clears the view; paused plans nothing', () => {
    const p = setup();
    const fields = [field('Amount', '', { element: el() })];
    p.apply(model({ fields }), true, false);
    p.apply(model({ fields, recordKey: 'rk2' }));
    expect(p.kinds().filter((k) => k === 'page.view')).toHaveLength(2);
    expect(p.kinds().filter((k) => k === 'tip.shown')).toHaveLength(2);
    expect(p.apply(null)).toBe('cleared');
    expect(p.planner.model).toBeNull();

    const paused = setup({ paused: true });
    expect(paused.apply(model({ fields }), true, false)).toBe('changed');
    expect(paused.planner.plan?.tips).toEqual([]);
    expect(paused.kinds()).toEqual(['page.view']);
  });

  it('while a tour follows the page, every update plans and moves the tick', () => {
    const p = setup();
    const fields = [field('Amount', '', { element: el() })];
    p.apply(model({ fields }), true, false);
    p.planner.follow(true);
    expect(p.apply(model({ fields }))).toBe('changed');
    expect(p.apply(model({ fields }))).toBe('changed');
    expect(p.planner.tick).toBe(2);
    p.planner.follow(false);
    expect(p.apply(model({ fields }))).toBe('same');
  });

  it('asks for every page change only while selector targets are in play or a tour follows the page', () => {
    const p = setup();
    const fields = [field('Amount', '', { element: el() })];
    p.apply(model({ fields }), true, false);
    expect(p.planner.everyChange()).toBe(false);
    p.planner.follow(true);
    expect(p.planner.everyChange()).toBe(true);
    p.planner.follow(false);
    expect(p.planner.everyChange()).toBe(false);

    const selectorPack = pack({ tips: [{ id: 'save', target: { selector: 'button.save' }, title: 'Save often' }] });
    const s = setup({ packs: [selectorPack] });
    s.apply(model({ fields }), true, false);
    expect(s.planner.everyChange()).toBe(true);
    expect(s.apply(null)).toBe('cleared');
    expect(s.planner.everyChange()).toBe(false);
  });
});
