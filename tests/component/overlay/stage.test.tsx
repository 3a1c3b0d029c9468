// The stage (components/overlay/stage.ts): the every-page part of the overlay, in plain DOM. It
// draws the launcher and says on [data-coach-root] what is drawn; it asks for the React overlay
// only when the view draws more than the launcher or the user opens the panel.
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

  it('a tip to show: asks for the overlay at once, not settled until the overlay has drawn it', async () => {
    const h = await startCoach([tipPack], opportunity(), {}, { onDemand: true });
    // Asked on every view until it is there (the loader asks the background once: askForUi).
    expect(h.asks.length).toBeGreaterThan(0);
    expect(new Set(h.asks)).toEqual(new Set(['view']));
    expect(drawn(h)).toEqual({ packs: '1', tips: '0', nudges: '0', settled: null });

    h.mountOverlay();
    expect(h.container.querySelector('[data-coach-tip="acme/amount"]')).not.toBeNull();
    expect(drawn(h)).toEqual({ packs: '1', tips: '1', nudges: '0', settled: '' });
    const asked = h.asks.length;
    h.batch();
    expect(h.asks.length).toBe(asked);
    // The launcher is still the stage's one, inside the same root.
    expect(root(h).querySelectorAll('[data-coach-launcher]')).toHaveLength(1);
  });

  it('an empty field to nudge: asks for the overlay too; a paused site asks for nothing', async () => {
    const nudging = await startCoach([quietPack], opportunity(''), {}, { onDemand: true });
    expect(new Set(nudging.asks)).toEqual(new Set(['view']));
    cleanup();
    document.body.replaceChildren();
    const paused = await startCoach([tipPack, quietPack], opportunity(''), { paused: true }, { onDemand: true });
    expect(paused.asks).toEqual([]);
    expect(screen.getByRole('button', { name: 'CRM Coach' }).classList.contains('cc-paused')).toBe(true);
    expect(drawn(paused).settled).toBe('');
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
