// The overlay's view (entrypoints/content/view.ts): made from the model, plan, coach state and
// the tab's session, nothing else.
import { describe, expect, it } from 'vitest';
import { buildView } from '@/entrypoints/content/view';
import { EMPTY_SESSION, reduceSession } from '@/entrypoints/content/session';
import { DEFAULT_LAUNCHER } from '@/components/overlay/launcher';
import type { CoachPlan } from '@/utils/coach/types';
import type { PageModel } from '@/utils/crm/types';
import { coachStateOf } from '../../coach-state';

const model = { crm: 'salesforce', object: { label: 'Opportunity', apiName: 'Opportunity' }, page: 'record', recordKey: 'rk', url: 'https://x.example/', fields: [] } as PageModel;
const plan: CoachPlan = { tips: [], panelTips: [], nudges: [], snippets: [], tours: [], explanations: [] };
const state = coachStateOf([], { bodies: undefined, items: { 'acme/a': { key: 'acme/a', shown: 1, dismissed: false, completed: false } } });
const base = { lang: 'en', model, plan, state, host: 'x.example', tourProgress: { 'acme/t': 2 }, tick: 3, request: null };

describe('view', () => {
  it('hands the overlay the model, plan and state as they are, with the tab’s item states and nudge marks', () => {
    let session = reduceSession(EMPTY_SESSION, { type: 'page', navKey: 'p', recordKey: 'rk' });
    session = reduceSession(session, { type: 'completed', key: 'acme/s' });
    session = reduceSession(session, { type: 'nudges', done: new Set(['acme/n|Amount']), announcement: 'Amount filled' });
    const view = buildView({ ...base, session });
    expect(view).toMatchObject({ lang: 'en', model, plan, packs: state.packs, paused: false, host: 'x.example', tourProgress: { 'acme/t': 2 }, tick: 3, request: null, announcement: 'Amount filled' });
    expect([...view.nudgeDone]).toEqual(['acme/n|Amount']);
    expect(view.items['acme/a'].shown).toBe(1);
    expect(view.items['acme/s'].completed).toBe(true);
  });

  it('places the launcher where the user put it for this CRM, else at the default', () => {
    expect(buildView({ ...base, session: EMPTY_SESSION }).launcher).toEqual(DEFAULT_LAUNCHER);
    const moved = { ...state, paused: true, settings: { ...state.settings, launcher: { salesforce: { right: 40, bottom: 90 }, hubspot: { right: 1, bottom: 2 } } } };
    const view = buildView({ ...base, state: moved, session: EMPTY_SESSION });
    expect(view.launcher).toEqual({ right: 40, bottom: 90 });
    expect(view.paused).toBe(true);
  });
});
