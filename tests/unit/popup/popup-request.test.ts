import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Browser } from 'wxt/browser';
import { FIRST_POPUP_REQUESTS, firstAnswers, leaveFirstPopupRequests, queryActiveTab, startPopupRequests, takeFirstPopupRequests } from '@/utils/popup-request';
import { sendMessage } from '@/utils/messaging';

vi.mock('@/utils/messaging', () => ({ sendMessage: vi.fn() }));
const send = vi.mocked(sendMessage) as unknown as ReturnType<typeof vi.fn>;

const holder = globalThis as Record<string, unknown>;
afterEach(() => {
  delete holder[FIRST_POPUP_REQUESTS];
  vi.restoreAllMocks();
  send.mockReset();
});

describe('the popup opening requests', () => {
  it('asks the background for the popup data and reads the active tab', async () => {
    send.mockResolvedValue({ today: '2026-11-22' });
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 3, url: 'https://acme.example/', index: 0 } as Browser.tabs.Tab] as never);
    const requests = startPopupRequests();
    expect(send).toHaveBeenCalledWith('getPopupData');
    expect(await requests.data).toEqual({ today: '2026-11-22' });
    expect(await requests.tab).toEqual({ id: 3, url: 'https://acme.example/' });
  });

  it('a tab that cannot be read is null, with one warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.spyOn(fakeBrowser.tabs, 'query').mockRejectedValue(new Error('no window'));
    expect(await queryActiveTab()).toBeNull();
    expect(await queryActiveTab()).toBeNull();
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('hands the requests popup-request.js left over to the popup, once', () => {
    const requests = { data: Promise.resolve({}), tab: Promise.resolve(null) } as never;
    leaveFirstPopupRequests(requests);
    expect(takeFirstPopupRequests()).toBe(requests);
    expect(takeFirstPopupRequests()).toBeUndefined();
    expect(FIRST_POPUP_REQUESTS in holder).toBe(false);
  });

  it('gives nothing when the script did not run or left something else', () => {
    expect(takeFirstPopupRequests()).toBeUndefined();
    holder[FIRST_POPUP_REQUESTS] = { data: 'x', tab: Promise.resolve(null) };
    expect(takeFirstPopupRequests()).toBeUndefined();
  });

  it('gives the first render both answers when they are in within the wait, and nothing when either is late or data failed', async () => {
    const tab = { id: 3, url: 'https://acme.example/' };
    expect(await firstAnswers({ data: Promise.resolve({ today: 'x' }) as never, tab: Promise.resolve(tab) }, 50)).toEqual({ data: { today: 'x' }, tab });
    expect(await firstAnswers({ data: Promise.resolve({}) as never, tab: new Promise(() => {}) }, 20)).toBeUndefined();
    expect(await firstAnswers({ data: new Promise(() => {}), tab: Promise.resolve(tab) }, 20)).toBeUndefined();
    expect(await firstAnswers({ data: Promise.reject(new Error('no receiver')), tab: Promise.resolve(tab) }, 50)).toBeUndefined();
  });
});

