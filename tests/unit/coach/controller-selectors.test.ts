// The controller plans again only when a selector target's answer changes (issue 12 item 2):
// a batch that cannot concern any selector tip checks nothing and plans nothing.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const plans = vi.hoisted(() => ({ count: 0 }));
vi.mock('@/utils/coach/engine', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/utils/coach/engine')>();
  return {
    ...real,
    planCoach: (...args: Parameters<typeof real.planCoach>) => {
      plans.count++;
      return real.planCoach(...args);
    },
  };
});

// The page's reader: the model below for every URL, read through the content script's live page.
vi.mock('@/utils/crm/index', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/utils/crm/index')>();
  const adapter = { id: 'test', name: 'Test', matches: () => true, read: () => model };
  return { ...real, adapterFor: () => adapter };
});

import { createCoachController, type ControllerDeps } from '@/entrypoints/content/controller';
import { createLivePage } from '@/utils/crm/live-page';
import { createSelectorScope, resolveTarget } from '@/utils/crm/targets';
import type { PageChanges } from '@/utils/crm/selector-changes';
import type { PageModel } from '@/utils/crm/types';
import type { Pack } from '@/utils/packs/types';
import { coachStateOf } from '../../coach-state';

const URL_ = 'https://acme.lightning.force.com/lightning/r/Opportunity/006/view';
const model: PageModel = { crm: 'salesforce', object: { label: 'Opportunity', apiName: 'Opportunity' }, page: 'record', recordKey: 'rk', url: URL_, fields: [] };
const pack: Pack = {
  format: 'crm-coach/pack@1',
  id: 'acme',
  version: '1.0.0',
  title: 'Acme',
  tips: [{ id: 'save', target: { selector: 'button.save', text: 'Save' }, title: 'Save it' }],
} as Pack;

/** The batch's records as the page watcher hands them over. */
function recordsOf(mutate: () => void): PageChanges {
  const mo = new MutationObserver(() => undefined);
  mo.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
  mutate();
  const records = mo.takeRecords();
  mo.disconnect();
  return { everything: false, records, input: false };
}

const ac = new AbortController();
afterEach(() => document.body.replaceChildren());

/**
 * The selector budget's clock (performance.now): still within a batch, a window later between
 * batches, so the test never depends on how fast this machine runs a check.
 */
let clock = 0;
beforeEach(() => {
  vi.spyOn(performance, 'now').mockImplementation(() => clock);
});

async function start() {
  let onChange: (reason: string, ms?: number, changes?: PageChanges) => void = () => undefined;
  const checks: string[] = [];
  const state = coachStateOf([pack], { bodies: {} });
  const deps: ControllerDeps = {
    doc: document,
    url: () => new URL(URL_),
    resolveTarget,
    selectorScope: (doc, sro) => {
      const scope = createSelectorScope(doc, sro);
      return (target) => {
        checks.push(target.selector);
        return scope(target);
      };
    },
    watchPage: (opts) => {
      onChange = opts.onChange;
    },
    getCoachState: async () => state,
    setPagePrefs: async () => ({}),
    outbox: { record: () => undefined },
    loadTourProgress: async () => ({}),
    saveTourProgress: async () => undefined,
    now: () => Date.now(),
    browserLanguage: 'en-US',
    live: createLivePage(document),
  };
  const controller = createCoachController(deps, ac.signal);
  await controller.start();
  // The per-record state ask and its forced plan.
  await new Promise((r) => setTimeout(r, 0));
  const tips = () => controller.getSnapshot()?.plan.tips.map((t) => t.tip.id) ?? [];
  return {
    checks,
    tips,
    batch: (changes?: PageChanges) => {
      clock += 100;
      onChange('mutation', 0, changes);
    },
  };
}

describe('controller: selector tips', () => {
  it('plans again only when a batch could change a selector answer and the answer did change', async () => {
    const c = await start();
    expect(c.tips()).toEqual([]);
    const plansBefore = plans.count;
    c.checks.length = 0;

    // Churn elsewhere: nothing is checked, nothing planned.
    for (let i = 0; i < 5; i++) {
      c.batch(recordsOf(() => {
        const row = document.createElement('div');
        row.className = `churn-${i}`;
        row.textContent = `row ${i}`;
        document.body.append(row);
      }));
    }
    expect(c.checks).toEqual([]);
    expect(plans.count).toBe(plansBefore);

    // A button.save without the text: checked, still absent, no plan.
    const button = document.createElement('button');
    button.className = 'save';
    button.textContent = 'Cancel';
    c.batch(recordsOf(() => document.body.append(button)));
    expect(c.checks).toEqual(['button.save']);
    expect(plans.count).toBe(plansBefore);

    // Its text becomes "Save": the answer changes, one plan, the tip shows.
    c.batch(recordsOf(() => ((button.firstChild as Text).data = 'Save')));
    expect(c.checks).toEqual(['button.save', 'button.save']);
    expect(plans.count).toBe(plansBefore + 1);
    expect(c.tips()).toEqual(['save']);

    // The button goes: checked, gone, planned again without the tip.
    c.batch(recordsOf(() => button.remove()));
    expect(c.checks).toHaveLength(3);
    expect(plans.count).toBe(plansBefore + 2);
    expect(c.tips()).toEqual([]);
  });

  it('a watcher that does not say what changed gets every selector checked', async () => {
    const c = await start();
    c.checks.length = 0;
    c.batch();
    expect(c.checks).toEqual(['button.save']);
  });
});
