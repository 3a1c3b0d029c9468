// The content script's coach loop on the live (incremental) page model: a Lightning-like page in
// nested shadow roots, real watcher, live index and Salesforce live reader.
import { act, cleanup, fireEvent, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createCoachController, type ControllerDeps } from '@/entrypoints/content/controller';
import { createLivePage } from '@/utils/crm/live-page';
import { watchPage } from '@/utils/crm/watch';
import { resolveTarget } from '@/utils/crm/targets';
import { OVERLAY_TAG } from '@/utils/crm/dom';
import type { UsageEvent } from '@/utils/usage/types';
import { setUiLanguage } from '@/utils/i18n';
import { makePack } from './fixtures';
import { mountCoachUi } from './mount';
import { coachStateOf } from '../../coach-state';

const VIEW = 'https://acme.lightning.force.com/lightning/r/Opportunity/006Dn000004AbCdIAK/view';

afterEach(() => {
  cleanup();
  document.body.replaceChildren();
  setUiLanguage('en');
});

const pack = makePack({
  tips: [{ id: 'next-step', target: { field: 'Next Step' }, title: 'Keep Next Step current' }],
  nudges: [{ id: 'hyg', fields: ['Amount', 'Next Step'], message: 'Forecasts need these.', points: 5 }],
});

function cmp(tag: string, attrs: Record<string, string>, kids: (Node | string)[]): HTMLElement {
  const host = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) host.setAttribute(k, v);
  const root = host.attachShadow({ mode: 'open' });
  for (const k of kids) root.append(typeof k === 'string' ? document.createTextNode(k) : k);
  return host;
}

function item(label: string, value: string): HTMLElement {
  const shown = document.createElement('span');
  shown.className = 'test-id__field-value';
  if (value) shown.append(cmp('lightning-formatted-text', {}, [value]));
  return cmp('records-record-layout-item', { 'field-label': label, 'data-target-selection-name': `sfdc:RecordField.Opportunity.${label.replace(/\s+/g, '')}` }, [shown]);
}

/** A record page: Amount and Next Step empty, thirty other fields. */
function recordPage() {
  const items = [item('Amount', ''), item('Next Step', ''), ...Array.from({ length: 30 }, (_, i) => item(`Field ${i}`, `v${i}`))];
  const layout = cmp('records-lwc-record-layout', {}, items);
  const page = document.createElement('div');
  page.className = 'oneContent windowViewMode-normal';
  page.append(layout);
  document.body.append(page);
  return {
    replace(label: string, value: string) {
      const old = items.find((x) => x.getAttribute('field-label') === label)!;
      const next = item(label, value);
      old.replaceWith(next);
      items[items.indexOf(old)] = next;
    },
  };
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (check()) return;
    await act(async () => {
      await new Promise((r) => setTimeout(r, 20));
    });
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function start() {
  const events: Omit<UsageEvent, 'id' | 'at'>[] = [];
  const state = coachStateOf([pack], { bodies: undefined });
  const ac = new AbortController();
  const deps: ControllerDeps = {
    doc: document,
    url: () => new URL(VIEW),
    resolveTarget,
    watchPage,
    getCoachState: async () => state,
    setPagePrefs: async () => ({}),
    outbox: { record: (e) => events.push(e) },
    loadTourProgress: async () => ({}),
    saveTourProgress: async () => {},
    now: () => Date.now(),
    browserLanguage: 'en-US',
    live: createLivePage(document),
  };
  const controller = createCoachController(deps, ac.signal);
  let views = 0;
  controller.subscribe(() => views++);
  // Inside the overlay's host element, as in the content script: the watcher ignores the overlay's own changes.
  const { container } = mountCoachUi(controller, { host: OVERLAY_TAG });
  await act(async () => {
    await controller.start();
  });
  return { events, container, controller, views: () => views, stop: () => ac.abort(), live: deps.live! };
}

describe('coach loop on the live page model', () => {
  it('anchors the tip, nudges the empty fields, ignores unrelated re-renders and rewards a filled field', async () => {
    const page = recordPage();
    const h = await start();
    await until(() => !!h.container.querySelector('[data-coach-tip="acme/next-step"]'), 'the tip');
    await until(() => h.container.querySelectorAll('[data-coach-missing]').length === 2, 'the nudge');
    expect([...h.container.querySelectorAll('[data-coach-missing]')].map((e) => e.getAttribute('data-coach-missing'))).toEqual(['Amount', 'Next Step']);

    // A field no pack looks at is re-rendered: nothing to plan, nothing to publish.
    await until(() => h.events.some((e) => e.kind === 'tip.shown'), 'the first events');
    const before = h.views();
    page.replace('Field 3', 'changed');
    page.replace('Field 7', '');
    await act(async () => {
      await new Promise((r) => setTimeout(r, 100));
    });
    expect(h.views()).toBe(before);

    // Amount is filled (a re-render with a value): the nudge rewards it once.
    page.replace('Amount', '25000');
    await until(() => h.events.some((e) => e.kind === 'nudge.resolved'), 'the reward');
    expect(h.events.filter((e) => e.kind === 'nudge.resolved')).toEqual([expect.objectContaining({ itemId: 'hyg', field: 'Amount', points: 5 })]);
    expect(h.container.querySelector('[data-coach-missing="Amount"]')).toBeNull();
    h.stop();
  });

  it('follows every model change in "What the coach sees" while the panel is open', async () => {
    const page = recordPage();
    const h = await start();
    await until(() => !!h.container.querySelector('[data-coach-launcher]'), 'the launcher');
    await act(async () => {
      fireEvent.click(h.container.querySelector('[data-coach-launcher]')!);
    });
    const before = h.views();
    page.replace('Field 3', '');
    await until(() => h.views() > before, 'a view with the new model');
    h.stop();
  });
  it('reads only the named fields inside until the panel opens; "What the coach sees" then lists every field and follows their values', async () => {
    recordPage();
    const h = await start();
    await until(() => h.container.querySelectorAll('[data-coach-missing]').length === 2, 'the nudge');
    // Amount and Next Step are named by the pack: only they are listed and read inside, not the thirty others.
    const others = [...document.querySelectorAll('.oneContent')].flatMap((p) =>
      [...p.querySelector('records-lwc-record-layout')!.shadowRoot!.querySelectorAll('records-record-layout-item')].filter((el) => el.getAttribute('field-label')!.startsWith('Field ')),
    );
    expect(others).toHaveLength(30);
    expect(h.controller.getSnapshot()!.model.fields.map((f) => f.label)).toEqual(['Amount', 'Next Step']);

    await act(async () => {
      fireEvent.click(h.container.querySelector('[data-coach-launcher]')!);
    });
    const panel = within(h.container as HTMLElement);
    await until(() => !!panel.queryByRole('tab', { name: 'What the coach sees' }), 'the tab');
    await act(async () => {
      fireEvent.click(panel.getByRole('tab', { name: 'What the coach sees' }));
    });
    const rows = () => [...h.container.querySelectorAll('[data-coach-seen-field]')];
    await until(() => rows().length === 32, 'every field listed');
    expect(rows().map((r) => r.getAttribute('data-coach-seen-field'))).toEqual(['Amount', 'Next Step', ...Array.from({ length: 30 }, (_, i) => `Field ${i}`)]);
    expect(rows().map((r) => r.getAttribute('data-coach-seen-empty'))).toEqual(['true', 'true', ...Array.from({ length: 30 }, () => 'false')]);
    // Panel open: every field is followed, so a value cleared inside a field no pack names shows.
    const text = others[5].shadowRoot!.querySelector('lightning-formatted-text')!;
    text.remove();
    await until(() => h.container.querySelector('[data-coach-seen-field="Field 5"]')?.getAttribute('data-coach-seen-empty') === 'true', 'Field 5 shown empty');
  });

  it('keeps following the model for author mode after the coach panel is opened and closed', async () => {
    const page = recordPage();
    const h = await start();
    await until(() => !!h.container.querySelector('[data-coach-launcher]'), 'the launcher');
    // Author mode watches (its live match count), then the trainer toggles the panel.
    h.controller.actions.watchModel?.(true);
    const launcher = () => h.container.querySelector('[data-coach-launcher]')!;
    await act(async () => {
      fireEvent.click(launcher());
    });
    await until(() => !!h.container.querySelector('[data-coach-panel]'), 'the panel');
    await act(async () => {
      fireEvent.click(launcher());
    });
    await until(() => !h.container.querySelector('[data-coach-panel]'), 'the panel closed');
    const before = h.views();
    page.replace('Field 3', '');
    await until(() => h.views() > before, 'a view with the new model after the panel closed');

    // Once author mode stops watching too, unrelated changes publish nothing again.
    h.controller.actions.watchModel?.(false);
    await act(async () => {
      await new Promise((r) => setTimeout(r, 100));
    });
    const quiet = h.views();
    page.replace('Field 5', '');
    await act(async () => {
      await new Promise((r) => setTimeout(r, 100));
    });
    expect(h.views()).toBe(quiet);
    h.stop();
  });
});
