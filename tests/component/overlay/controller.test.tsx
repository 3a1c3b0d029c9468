import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { setUiLanguage } from '@/utils/i18n';
import type { Pack } from '@/utils/packs/types';
import { domField, expectInert, HOSTILE, makePack, pageModel } from './fixtures';
import { startCoach } from './harness';

afterEach(() => {
  cleanup();
  document.body.replaceChildren();
  setUiLanguage('en');
});

const pack = makePack({
  tips: [
    { id: 'next-step', target: { field: 'Next Step' }, title: 'Keep Next Step current', priority: 80, learnMore: { snippet: 'log-a-call' } },
    { id: 'amount', target: { field: 'Amount' }, title: 'Amounts drive the forecast' },
    { id: 'hubspot-only', when: { crm: ['hubspot'] }, target: { page: true }, title: 'HubSpot only' },
  ],
  nudges: [{ id: 'hyg', fields: ['Amount', 'Close Date', 'Next Step', 'Budget'], message: 'Forecasts need these.', severity: 'warn', points: 5 }],
  snippets: [{ id: 'log-a-call', title: 'Log a call', body: 'Use **Activity**', points: 10 }],
});

function opportunity() {
  return pageModel([domField('Amount'), domField('Close Date', '2026-06-30'), domField('Next Step')]);
}

/** A button of the anchored tip by its text (the card hides itself while its field is out of view, and happy-dom has no layout). */
function tipButton(text: string): HTMLElement {
  const found = [...document.querySelectorAll<HTMLElement>('[data-coach-tip] button')].find((b) => b.textContent === text);
  if (!found) throw new Error(`no tip button "${text}"`);
  return found;
}

const kinds = (events: { kind: string }[]) => events.map((e) => e.kind);

describe('content script coach loop', () => {
  it('shows one anchored tip, the nudge for the empty fields, and records each event once', async () => {
    const h = await startCoach([pack], opportunity());
    const tips = h.container.querySelectorAll('[data-coach-tip]');
    expect([...tips].map((t) => t.getAttribute('data-coach-tip'))).toEqual(['acme/next-step']);
    const nudge = h.container.querySelector('[data-coach-nudge="acme/hyg"]')!;
    expect([...nudge.querySelectorAll('[data-coach-missing]')].map((e) => e.getAttribute('data-coach-missing'))).toEqual(['Amount', 'Next Step']);
    expect([...h.container.querySelectorAll('[data-coach-highlight]')].map((e) => e.getAttribute('data-coach-highlight'))).toEqual(['Amount', 'Next Step']);

    h.batch();
    h.batch();
    expect(kinds(h.events).filter((k) => k === 'page.view')).toHaveLength(1);
    expect(kinds(h.events).filter((k) => k === 'tip.shown')).toHaveLength(1);
    const shown = h.events.filter((e) => e.kind === 'nudge.shown');
    expect(shown.map((e) => e.field)).toEqual(['Amount', 'Next Step']);
    expect(shown.every((e) => e.recordKey === 'rk_1' && e.crm === 'salesforce' && e.object === 'Opportunity' && e.page === 'record')).toBe(true);
    // Asked for the state of this record (for already-rewarded fields).
    expect(h.stateCalls.map((c) => c.recordKey)).toEqual([null, 'rk_1']);
  });

  it('a page without a record key keeps the state asked for at start: no second ask', async () => {
    const h = await startCoach([pack], pageModel([domField('Amount', '')], { recordKey: null, page: 'list' }));
    h.batch();
    h.batch();
    expect(h.stateCalls.map((c) => c.recordKey)).toEqual([null]);
  });

  it('does not re-render when a batch changes nothing the coach reads', async () => {
    const h = await startCoach([pack], opportunity());
    const before = h.renders();
    h.batch();
    h.batch();
    expect(h.renders()).toBe(before);
  });

  it('marks a filled field done, rewards it once per record, nudge and field', async () => {
    const h = await startCoach([pack], opportunity());
    const [amount, close, next] = h.page.model!.fields;
    const fill = (value: string) => {
      h.page.model = { ...h.page.model!, fields: [{ ...amount, value, empty: value === '' }, close, next] };
      h.batch();
    };
    fill('1000');
    const resolved = h.events.filter((e) => e.kind === 'nudge.resolved');
    expect(resolved).toEqual([
      expect.objectContaining({ packId: 'acme', itemId: 'hyg', field: 'Amount', points: 5, recordKey: 'rk_1' }),
    ]);
    expect(h.container.querySelector('[data-coach-done="Amount"]')).not.toBeNull();
    expect(h.container.querySelector('[data-coach-missing="Amount"]')).toBeNull();
    expect(h.container.querySelector('[data-coach-highlight="Amount"]')).toBeNull();
    expect(h.container.querySelector('[data-coach-nudge] [role=status]')?.textContent).toMatch(/Amount filled/);
    fill('');
    fill('2000');
    expect(h.events.filter((e) => e.kind === 'nudge.resolved')).toHaveLength(1);
    // No field value ever leaves in an event.
    expect(JSON.stringify(h.events)).not.toMatch(/1000|2000|2026-06-30/);
  });

  it('a move to another record by the hash only (SuiteCRM ajaxUI) is a new page; an in-page anchor is not', async () => {
    const h = await startCoach([pack], opportunity());
    const base = h.page.url;
    h.page.url = `${base}#details`;
    h.page.model = { ...h.page.model!, url: h.page.url };
    h.batch();
    expect(kinds(h.events).filter((k) => k === 'page.view')).toHaveLength(1);
    h.page.url = `${base}#ajaxUILoc=index.php%3Fmodule%3DOpportunities%26record%3D2`;
    h.page.model = { ...opportunity(), url: h.page.url, recordKey: 'rk_other' };
    h.batch();
    await act(async () => {
      await Promise.resolve();
    });
    expect(kinds(h.events).filter((k) => k === 'page.view')).toHaveLength(2);
  });

  it('skips fields the background already rewarded on this record', async () => {
    const h = await startCoach([pack], opportunity(), { resolved: ['acme/hyg|Amount'] });
    const [amount, close, next] = h.page.model!.fields;
    h.page.model = { ...h.page.model!, fields: [{ ...amount, value: '5', empty: false }, close, next] };
    h.batch();
    expect(h.events.filter((e) => e.kind === 'nudge.resolved')).toHaveLength(0);
  });

  it('Got it dismisses the tip for good and the next one takes its place; Not now snoozes', async () => {
    const h = await startCoach([pack], opportunity());
    fireEvent.click(tipButton('Got it'));
    expect(h.events.find((e) => e.kind === 'tip.dismissed')).toMatchObject({ itemId: 'next-step' });
    expect(h.events.find((e) => e.kind === 'tip.dismissed')?.snooze).toBeUndefined();
    expect([...h.container.querySelectorAll('[data-coach-tip]')].map((t) => t.getAttribute('data-coach-tip'))).toEqual(['acme/amount']);
    fireEvent.click(tipButton('Not now'));
    expect(h.events.filter((e) => e.kind === 'tip.dismissed')[1]).toMatchObject({ itemId: 'amount', snooze: true });
    expect(h.container.querySelector('[data-coach-tip]')).toBeNull();

    // A new page (SPA navigation): still dismissed and snoozed.
    h.page.model = { ...opportunity(), url: 'https://acme.lightning.force.com/lightning/r/Opportunity/007/view', recordKey: 'rk_2' };
    h.page.url = h.page.model.url;
    h.batch();
    await act(async () => {
      await Promise.resolve();
    });
    expect(h.container.querySelector('[data-coach-tip]')).toBeNull();
    expect(kinds(h.events).filter((k) => k === 'page.view')).toHaveLength(2);
    expect(h.stateCalls.at(-1)?.recordKey).toBe('rk_2');
  });

  it('records helpfulness and opens a learn-more snippet, recording open and completion', async () => {
    const h = await startCoach([pack], opportunity());
    fireEvent.click(tipButton('Yes'));
    expect(h.events.find((e) => e.kind === 'tip.helpful')).toMatchObject({ itemId: 'next-step', helpful: true });
    fireEvent.click(tipButton('Learn more →'));
    const player = h.container.querySelector('[data-coach-snippet="acme/log-a-call"]')!;
    expect(player.getAttribute('role')).toBe('dialog');
    fireEvent.click(screen.getByRole('button', { name: 'Finish' }));
    expect(h.events.filter((e) => e.kind.startsWith('snippet.'))).toEqual([
      expect.objectContaining({ kind: 'snippet.opened', itemId: 'log-a-call' }),
      expect.objectContaining({ kind: 'snippet.completed', itemId: 'log-a-call', points: 10 }),
    ]);
  });

  it('opens a snippet the popup asks for, and refuses an unknown one', async () => {
    const h = await startCoach([pack], opportunity());
    let ok = false;
    act(() => {
      ok = h.controller.openSnippet('acme', 'log-a-call');
    });
    expect(ok).toBe(true);
    expect(h.container.querySelector('[data-coach-snippet="acme/log-a-call"]')).not.toBeNull();
    expect(h.controller.openSnippet('acme', 'nope')).toBe(false);
  });

  it('shows nothing but the launcher when paused; the switch saves the site', async () => {
    const h = await startCoach([pack], opportunity(), { paused: true });
    expect(h.container.querySelector('[data-coach-tip], [data-coach-nudge], [data-coach-highlight]')).toBeNull();
    expect(h.events.filter((e) => e.kind === 'tip.shown' || e.kind === 'nudge.shown')).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'CRM Coach' }));
    fireEvent.click(screen.getByRole('switch', { name: 'Pause coaching on this site' }));
    expect(h.setPagePrefs).toHaveBeenCalledWith({ paused: false });
    // The open panel keeps anchored tips aside (it covers the right of the page); closed, the tip is back.
    expect(h.container.querySelector('[data-coach-tip="acme/next-step"]')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'CRM Coach' }));
    expect(h.container.querySelector('[data-coach-tip="acme/next-step"]')).not.toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'CRM Coach' }));
    fireEvent.click(screen.getByRole('switch', { name: 'Pause coaching on this site' }));
    expect(h.setPagePrefs).toHaveBeenLastCalledWith({ paused: true });
  });

  it('shows nothing when no adapter reads the page', async () => {
    const h = await startCoach([pack], null);
    expect(h.container.querySelector('[data-coach-root]')).toBeNull();
  });

  it('opens the panel from the launcher; Esc closes it and focus returns to the launcher', async () => {
    const h = await startCoach([pack], opportunity());
    const launcher = screen.getByRole('button', { name: 'CRM Coach' });
    fireEvent.click(launcher);
    const dialog = screen.getByRole('dialog', { name: 'CRM Coach' });
    // The panel lists the nudge itself: the dock steps aside, the outlines stay.
    expect(h.container.querySelector('[data-coach-nudge]')).toBeNull();
    expect(dialog.querySelector('[data-coach-panel-nudge="acme/hyg"]')).not.toBeNull();
    expect(h.container.querySelectorAll('[data-coach-highlight]')).toHaveLength(2);
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(h.container.querySelector('[data-coach-nudge]')).not.toBeNull();
    expect(screen.queryByRole('dialog', { name: 'CRM Coach' })).toBeNull();
    expect(document.activeElement).toBe(launcher);
  });

  it('runs a tour through an SPA navigation, saving progress, and records its completion', async () => {
    const tourPack: Pack = makePack({
      id: 'tours',
      tours: [
        {
          id: 'new-opp',
          title: 'New opportunity',
          steps: [
            { target: { selector: '#new-button' }, body: 'Click New.', advanceOn: 'click' },
            { target: { field: 'Opportunity Name' }, body: 'Name it.', advanceOn: 'next' },
          ],
          points: 20,
        },
      ],
    });
    const newButton = document.createElement('button');
    newButton.id = 'new-button';
    document.body.append(newButton);
    const h = await startCoach([tourPack], pageModel([], { page: 'list', recordKey: null, url: 'https://acme.lightning.force.com/lightning/o/Opportunity/list' }));
    fireEvent.click(screen.getByRole('button', { name: 'CRM Coach' }));
    fireEvent.click(screen.getByRole('button', { name: 'Start' }));
    expect(h.events.find((e) => e.kind === 'tour.started')).toMatchObject({ itemId: 'new-opp' });
    expect(h.container.querySelector('[data-coach-tour="tours/new-opp"] [data-coach-tour-step="1"]')).not.toBeNull();

    // The click navigates (SPA): the list goes, the new-record form renders a moment later.
    act(() => {
      newButton.click();
    });
    newButton.remove();
    h.page.url = 'https://acme.lightning.force.com/lightning/o/Opportunity/new';
    h.page.model = pageModel([], { page: 'new', recordKey: null, url: h.page.url });
    h.batch();
    expect(h.container.querySelector('[data-coach-tour-step="2"]')).not.toBeNull();
    expect(screen.getByText(/Waiting for this part of the page/)).toBeTruthy();
    expect(h.savedProgress.at(-1)).toEqual({ 'tours/new-opp': 1 });

    h.page.model = pageModel([domField('Opportunity Name')], { page: 'new', recordKey: null, url: h.page.url });
    h.batch();
    expect(screen.queryByText(/Waiting for this part/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Finish' }));
    expect(h.events.find((e) => e.kind === 'tour.completed')).toMatchObject({ itemId: 'new-opp', points: 20 });
    expect(h.savedProgress.at(-1)).toEqual({});
    expect(h.container.querySelector('[data-coach-tour]')).toBeNull();
  });

  it('renders a hostile pack as text only, in every piece', async () => {
    const hostile = makePack({
      id: 'evil',
      tips: [
        { id: 't1', target: { field: HOSTILE }, title: HOSTILE, body: HOSTILE, learnMore: { url: 'javascript:alert(1)' } },
        { id: 't2', target: { page: true }, title: HOSTILE, body: HOSTILE },
      ],
      nudges: [{ id: 'n', fields: [HOSTILE], message: HOSTILE }],
      snippets: [{ id: 's', title: HOSTILE, body: HOSTILE, steps: [HOSTILE], quiz: { question: HOSTILE, choices: [HOSTILE], answer: 0 }, when: { crm: ['salesforce'] } }],
      tours: [{ id: 'tour', title: HOSTILE, steps: [{ target: { page: true }, body: HOSTILE, title: HOSTILE }] }],
    });
    const h = await startCoach([hostile], pageModel([domField(HOSTILE)]));
    expect(h.container.querySelector('[data-coach-tip="evil/t1"]')).not.toBeNull();
    expect(h.container.querySelector('[data-coach-missing]')?.textContent).toBe(HOSTILE);
    expectInert(h.container);
    fireEvent.click(screen.getByRole('button', { name: 'CRM Coach' }));
    fireEvent.click(screen.getByRole('button', { name: /^Open:/ }));
    expectInert(h.container);
    fireEvent.click(screen.getByRole('tab', { name: 'What the coach sees' }));
    expectInert(h.container);
    fireEvent.click(screen.getByRole('tab', { name: 'This page' }));
    fireEvent.click(screen.getByRole('button', { name: 'Start' }));
    expectInert(h.container);
    expect(h.container.querySelector('[data-coach-tour="evil/tour"]')).not.toBeNull();
    expect(h.container.textContent).toContain('<script>');
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('speaks the language chosen in settings, for its own strings and for pack text', async () => {
    const zhPack = makePack({ tips: [{ id: 'x', target: { field: 'Amount' }, title: { en: 'Amounts matter', 'zh-CN': '金额很重要' } }] });
    const base = await startCoach([zhPack], opportunity());
    expect(base.container.querySelector('[data-coach-tip]')?.textContent).toContain('Amounts matter');
    cleanup();
    document.body.replaceChildren();
    const h = await startCoach([zhPack], opportunity(), {
      settings: { ...base.state.settings, language: 'zh-CN' },
    });
    const tip = h.container.querySelector('[data-coach-tip="acme/x"]')!;
    expect(tip.textContent).toContain('金额很重要');
    expect(tip.textContent).toContain('知道了');
  });

  it('never moves focus away from a CRM input the user is typing in', async () => {
    const model = opportunity();
    const input = model.fields[0].element.querySelector('input')!;
    input.focus();
    const h = await startCoach([pack], model);
    const [amount, close, next] = h.page.model!.fields;
    h.page.model = { ...h.page.model!, fields: [{ ...amount, value: '12', empty: false }, close, next] };
    h.batch();
    expect(h.events.some((e) => e.kind === 'nudge.resolved')).toBe(true);
    expect(document.activeElement).toBe(input);
  });

  it('a missing field button scrolls to the field and focuses its input (the user asked)', async () => {
    const model = opportunity();
    const h = await startCoach([pack], model);
    const nextInput = model.fields[2].element.querySelector('input')!;
    fireEvent.click(h.container.querySelector('[data-coach-nudge] [data-coach-missing="Next Step"]')!);
    expect(document.activeElement).toBe(nextInput);
  });
});

