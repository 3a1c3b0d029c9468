// The coach never gives up (issue 15): a change signal from the background re-plans an open page
// without a reload, a page opened before the built-in packs were stored is coached once they are,
// and a first state ask that fails (the background not up yet) is asked again.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup } from '@testing-library/react';
import { setUiLanguage } from '@/utils/i18n';
import { domField, makePack, pageModel } from './fixtures';
import { startCoach } from './harness';
import { OPEN_SETTINGS } from '../../coach-state';

afterEach(() => {
  cleanup();
  document.body.replaceChildren();
  setUiLanguage('en');
  vi.useRealTimers();
});

const pack = makePack({
  tips: [{ id: 'next-step', target: { field: 'Next Step' }, title: 'Keep Next Step current' }],
  nudges: [{ id: 'hyg', fields: ['Amount', 'Next Step'], message: 'Forecasts need these.', severity: 'warn' }],
});
const opportunity = () => pageModel([domField('Amount'), domField('Next Step')]);
const tipKeys = (root: HTMLElement) => [...root.querySelectorAll('[data-coach-tip]')].map((t) => t.getAttribute('data-coach-tip'));

async function settle() {
  await act(async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  });
}

describe('coach refresh', () => {
  it('a page opened before the built-in packs are stored is coached when they are, without a reload', async () => {
    const h = await startCoach([], opportunity());
    expect(tipKeys(h.container)).toEqual([]);
    expect(h.container.querySelector('[data-coach-root]')?.getAttribute('data-coach-packs')).toBe('0');
    expect(h.container.querySelector('[data-coach-nudge]')).toBeNull();

    h.serve({ packs: [pack] });
    act(() => h.controller.refresh());
    await settle();
    expect(tipKeys(h.container)).toEqual(['acme/next-step']);
    expect(h.container.querySelector('[data-coach-nudge="acme/hyg"]')).not.toBeNull();
    // What tools waiting for the coach read (npm start, the first-run end-to-end test).
    const root = h.container.querySelector('[data-coach-root]')!;
    expect([root.getAttribute('data-coach-packs'), root.getAttribute('data-coach-tips'), root.getAttribute('data-coach-nudges')]).toEqual(['1', '1', '1']);
    expect(root.hasAttribute('data-coach-settled')).toBe(true);
    // Asked again for this record, once.
    expect(h.stateCalls.at(-1)).toMatchObject({ recordKey: 'rk_1' });
  });

  it('the readers get the packs\' placeholder lists (crms), worked out again when the packs change', async () => {
    const h = await startCoach([pack], opportunity());
    expect(h.readContexts.at(-1)).toMatchObject({ salt: 'salt', emptyTexts: undefined });
    const zoho = makePack({ id: 'zoho-org', crms: { zoho: { emptyText: ['-None-', 'Not set'] } } });
    h.serve({ packs: [pack, zoho] });
    act(() => h.controller.refresh());
    await settle();
    expect(h.readContexts.at(-1)?.emptyTexts).toEqual({ zoho: ['-None-', 'Not set'] });
    // The same packs: the same lists, not worked out again.
    const before = h.readContexts.at(-1)?.emptyTexts;
    h.batch();
    await settle();
    expect(h.readContexts.at(-1)?.emptyTexts).toBe(before);
    h.serve({ packs: [pack] });
    act(() => h.controller.refresh());
    await settle();
    expect(h.readContexts.at(-1)?.emptyTexts).toBeUndefined();
  });

  it('a pack turned off and settings changed elsewhere are applied live', async () => {
    const h = await startCoach([pack], opportunity());
    expect(tipKeys(h.container)).toEqual(['acme/next-step']);
    const englishTitle = h.container.querySelector('[data-coach-launcher]')?.getAttribute('title');

    h.serve({ packs: [], paused: false });
    act(() => h.controller.refresh());
    await settle();
    expect(tipKeys(h.container)).toEqual([]);

    h.serve({ packs: [pack], settings: { ...h.state.settings, language: 'zh-CN' } });
    act(() => h.controller.refresh());
    await settle();
    expect(tipKeys(h.container)).toEqual(['acme/next-step']);
    const chineseTitle = h.container.querySelector('[data-coach-launcher]')?.getAttribute('title');
    expect(englishTitle).toBeTruthy();
    expect(chineseTitle).toMatch(/[\u4e00-\u9fff]/);
  });

  it('a coach paused on another tab pauses here too', async () => {
    const h = await startCoach([pack], opportunity());
    h.serve({ paused: true, settings: { ...OPEN_SETTINGS, pausedSites: ['acme.lightning.force.com'] } });
    act(() => h.controller.refresh());
    await settle();
    expect(tipKeys(h.container)).toEqual([]);
    expect(h.container.querySelector('.cc-launcher.cc-paused')).not.toBeNull();
  });

  it('asks again after a failed first ask (background not up yet), then coaches', async () => {
    vi.useFakeTimers();
    const h = await startCoach([pack], opportunity(), {}, { failStarts: 2 });
    expect(h.container.querySelector('[data-coach-root]')).toBeNull();
    await act(async () => {
      await vi.runAllTimersAsync();
    });
    expect(tipKeys(h.container)).toEqual(['acme/next-step']);
    expect(h.stateCalls.filter((c) => c.recordKey === null).length).toBe(3);
  });

  it('a change signal starts a coach whose first asks all failed', async () => {
    const h = await startCoach([pack], opportunity(), {}, { failStarts: 1 });
    expect(h.container.querySelector('[data-coach-root]')).toBeNull();
    act(() => h.controller.refresh());
    await settle();
    expect(tipKeys(h.container)).toEqual(['acme/next-step']);
  });
});
