// The stage (components/overlay/stage.ts): the every-page part of the overlay, in plain DOM. It
// draws the launcher, the anchored tips and the nudges and says on [data-coach-root] what is drawn;
// it asks for the React overlay only when the view needs more (a snippet) or the user opens the panel.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { setUiLanguage } from '@/utils/i18n';
import { askForUi } from '@/components/overlay/stage';
import { domField, makePack, pageModel } from './fixtures';
import { startCoach } from './harness';

afterEach(() => {
  cleanup();
  document.body.replaceChildren();
  setUiLanguage('en');
});

const tipPack = makePack({ tips: [{ id: 'amount', target: { field: 'Amount' }, title: 'Amounts drive the forecast' }] });
const quietPack = makePack({
  snippets: [{ id: 'log-a-call', title: 'Log a call', body: 'Use **Activity**', when: { object: ['Opportunity'] } }],
  nudges: [{ id: 'hyg', fields: ['Amount'], message: 'Fill it.' }],
});

const opportunity = (amount = '') => pageModel([domField('Amount', amount), domField('Close Date', '2026-06-30')]);
const root = (h: { container: HTMLElement }) => h.container.querySelector<HTMLElement>('[data-coach-root]')!;
/** What the root says is drawn (null: the attribute is absent). */
const drawn = (h: { container: HTMLElement }) =>
  Object.fromEntries(['packs', 'tips', 'nudges', 'settled'].map((k) => [k, root(h).getAttribute(`data-coach-${k}`)]));

describe('stage (overlay not loaded)', () => {
  it('a page with nothing to draw: the launcher and its count, the root settled, no overlay asked for', async () => {
    const h = await startCoach([quietPack], opportunity('5000'), {}, { onDemand: true });
    expect(drawn(h)).toEqual({ packs: '1', tips: '0', nudges: '0', settled: '' });
    const launcher = screen.getByRole('button', { name: 'CRM Coach' });
    expect(launcher.getAttribute('aria-expanded')).toBe('false');
    expect(launcher.title).toMatch(/drag/i);
    expect(h.container.querySelector('[data-coach-count]')?.textContent).toBe('1');
    expect(h.asks).toEqual([]);
    expect(h.container.querySelector('[data-coach-tip], [data-coach-nudge], [data-coach-panel]')).toBeNull();
  });

  it('nothing at all until the coach has a view of the page', async () => {
    const h = await startCoach([tipPack], null, {}, { onDemand: true });
    expect(h.container.querySelector('[data-coach-root]')).toBeNull();
    expect(h.asks).toEqual([]);
  });

  it('a tip to show: the stage draws it itself, settled, without asking for the overlay', async () => {
    const h = await startCoach([tipPack], opportunity(), {}, { onDemand: true });
    const card = h.container.querySelector<HTMLElement>('[data-coach-tip="acme/amount"]');
    expect(card).not.toBeNull();
    expect(card!.getAttribute('role')).toBe('dialog');
    expect(card!.textContent).toContain('Amounts drive the forecast');
    expect(card!.querySelector('[data-coach-brand]')?.textContent).toBe('CRM Coach');
    expect(drawn(h)).toEqual({ packs: '1', tips: '1', nudges: '0', settled: '' });
    expect(h.asks).toEqual([]);
    // Announced politely, once.
    expect(root(h).querySelector('[role=status]')?.textContent).toMatch(/Amounts drive the forecast/);
    h.batch();
    expect(h.container.querySelectorAll('[data-coach-tip]')).toHaveLength(1);
    // The tip comes before the launcher in the root (tab order); "Got it" dismisses it and records it.
    const launcher = root(h).querySelector('[data-coach-launcher]')!;
    expect(card!.compareDocumentPosition(launcher) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    // (jsdom lays nothing out: the anchored card counts as hidden, so its button is found by text.)
    fireEvent.click([...card!.querySelectorAll('button')].find((b) => b.textContent === 'Got it')!);
    expect(h.container.querySelector('[data-coach-tip]')).toBeNull();
    expect(drawn(h).tips).toBe('0');
    expect(h.events.some((e) => e.kind === 'tip.dismissed' && e.itemId === 'amount')).toBe(true);
  });

  it('a field the page re-renders: the same tip card and outline follow the new element', async () => {
    const both = makePack({ tips: tipPack.tips, nudges: quietPack.nudges });
    const h = await startCoach([both], opportunity(''), {}, { onDemand: true });
    const card = h.container.querySelector('[data-coach-tip="acme/amount"]');
    const outline = h.container.querySelector('[data-coach-highlight="Amount"]');
    expect(card).not.toBeNull();
    expect(outline).not.toBeNull();
    const [, close] = h.page.model!.fields;
    act(() => {
      h.page.model = { ...h.page.model!, fields: [domField('Amount'), close] };
      h.batch();
    });
    expect(h.container.querySelector('[data-coach-tip="acme/amount"]')).toBe(card);
    expect(h.container.querySelector('[data-coach-highlight="Amount"]')).toBe(outline);
    expect(h.container.querySelectorAll('[data-coach-tip], [data-coach-highlight]')).toHaveLength(2);
  });

  it('tips give way to the open panel and to a running tour, and come back after', async () => {
    const h = await startCoach([tipPack], opportunity(), {}, { onDemand: true });
    expect(drawn(h).tips).toBe('1');
    act(() => h.stage.panel.set(true));
    expect(h.container.querySelector('[data-coach-tip]:not(.cc-inline)')).toBeNull();
    expect(drawn(h).tips).toBe('0');
    act(() => h.stage.panel.set(false));
    expect(drawn(h).tips).toBe('1');
    act(() => h.stage.setTouring(true));
    expect(h.container.querySelector('[data-coach-tip]')).toBeNull();
    act(() => h.stage.setTouring(false));
    expect(h.container.querySelector('[data-coach-tip="acme/amount"]')).not.toBeNull();
  });

  it('an empty field to nudge: the stage draws the card and its outline itself, settled, without asking; a paused site draws nothing', async () => {
    const nudging = await startCoach([quietPack], opportunity(''), {}, { onDemand: true });
    expect(nudging.asks).toEqual([]);
    expect(drawn(nudging)).toEqual({ packs: '1', tips: '0', nudges: '1', settled: '' });
    const card = nudging.container.querySelector('[data-coach-nudge="acme/hyg"]')!;
    expect(card.querySelector('[data-coach-missing="Amount"]')).not.toBeNull();
    expect(nudging.container.querySelector('[data-coach-highlight="Amount"]')).not.toBeNull();
    // Before the launcher in tab order; the dock gives way to the open panel and to a snippet.
    const launcher = root(nudging).querySelector('[data-coach-launcher]')!;
    expect(card.compareDocumentPosition(launcher) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    act(() => nudging.stage.panel.set(true));
    expect(drawn(nudging).nudges).toBe('0');
    expect(nudging.container.querySelector('[data-coach-highlight="Amount"]')).not.toBeNull();
    act(() => nudging.stage.panel.set(false));
    act(() => nudging.stage.setSnippetOpen(true));
    expect(nudging.container.querySelector('[data-coach-nudge]')).toBeNull();
    act(() => nudging.stage.setSnippetOpen(false));
    expect(drawn(nudging).nudges).toBe('1');
    cleanup();
    document.body.replaceChildren();
    const paused = await startCoach([tipPack, quietPack], opportunity(''), { paused: true }, { onDemand: true });
    expect(paused.asks).toEqual([]);
    expect(screen.getByRole('button', { name: 'CRM Coach' }).classList.contains('cc-paused')).toBe(true);
    expect(drawn(paused)).toEqual({ packs: '2', tips: '0', nudges: '0', settled: '' });
  });

  it('opening the launcher before the overlay is there asks for it; it arrives with the panel open and focused', async () => {
    const h = await startCoach([quietPack], opportunity('5000'), {}, { onDemand: true });
    const launcher = screen.getByRole('button', { name: 'CRM Coach' });
    fireEvent.click(launcher);
    expect(h.asks).toEqual(['user']);
    expect(launcher.getAttribute('aria-expanded')).toBe('true');
    expect(drawn(h).settled).toBeNull();

    h.mountOverlay();
    const dialog = screen.getByRole('dialog', { name: 'CRM Coach' });
    expect(dialog.contains(document.activeElement)).toBe(true);
    // The panel comes after the launcher in the root (tab order and painting order).
    expect(launcher.compareDocumentPosition(dialog) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(launcher.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(launcher);
  });
});

describe('askForUi', () => {
  it('asks once; after a failed load only the user opening the launcher asks again', async () => {
    const answers = [{ ok: false as const, error: 'no' }, { ok: true as const }];
    const load = vi.fn(async () => answers.shift()!);
    const onFail = vi.fn();
    const ask = askForUi(load, onFail);
    ask('view');
    ask('view');
    expect(load).toHaveBeenCalledTimes(1);
    await act(async () => {});
    expect(onFail).toHaveBeenCalledWith('no');
    ask('view');
    expect(load).toHaveBeenCalledTimes(1);
    ask('user');
    expect(load).toHaveBeenCalledTimes(2);
    await act(async () => {});
    ask('user');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('a load that throws counts as failed', async () => {
    const onFail = vi.fn();
    const ask = askForUi(() => Promise.reject(new Error('gone')), onFail);
    ask('view');
    await act(async () => {});
    expect(onFail).toHaveBeenCalledWith(expect.objectContaining({ message: 'gone' }));
  });
});
