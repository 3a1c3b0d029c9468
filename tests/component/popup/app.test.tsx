import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Browser } from 'wxt/browser';
import { DATA_WAIT_MS, PopupApp, TAB_WAIT_MS } from '@/components/popup/PopupApp';
import { sendMessage } from '@/utils/messaging';
import type { ProgressReport } from '@/utils/usage/report';
import { popupData } from '@/utils/usage/progress';
import { REPORT_PRESETS, makeReport } from '../../fixtures/reports';

vi.mock('@/utils/messaging', () => ({ sendMessage: vi.fn(), onMessage: vi.fn() }));
const send = vi.mocked(sendMessage) as unknown as ReturnType<typeof vi.fn>;

/** Answers getPopupData with the given reports in turn (the last one repeats). */
function answer(reports: ProgressReport[], extra: Record<string, (data: unknown, tabId?: number) => unknown> = {}) {
  let i = 0;
  send.mockImplementation(async (name: string, data?: unknown, tabId?: number) => {
    if (name === 'getPopupData') return popupData(reports[Math.min(i++, reports.length - 1)]);
    if (extra[name]) return extra[name](data, tabId);
    throw new Error(`unexpected message ${name}`);
  });
}

const calls = (name: string) => send.mock.calls.filter((c) => c[0] === name);

beforeEach(() => {
  send.mockReset();
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(cleanup);

/** The fake browser's tabs.query needs windows it does not fake: answer it directly. */
async function activeTab(url: string) {
  const tab = { id: 42, index: 0, url, active: true, windowId: 1 } as Browser.tabs.Tab;
  vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([tab] as never);
  return tab;
}

describe('PopupApp', () => {
  it('draws the first screen from a single getPopupData round trip', async () => {
    const report = REPORT_PRESETS.day45();
    answer([report]);
    const { container } = render(<PopupApp browserLanguage="en" />);
    expect(screen.getByRole('status').textContent).toBe('Loading your progress…');
    await waitFor(() => expect(container.querySelector('[data-coach-day]')?.textContent).toBe('Day 45 of 90'));
    expect(container.querySelector('[data-coach-points]')!.textContent).toBe(String(report.totals.points));
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith('getPopupData');
  });

  it('uses the requests popup-request.js started during parsing instead of asking again', async () => {
    const report = REPORT_PRESETS.day45();
    answer([REPORT_PRESETS.day3()]);
    const query = vi.spyOn(fakeBrowser.tabs, 'query');
    const tab = Promise.resolve({ id: 7, url: 'https://www.example.org/' });
    const { container } = render(<PopupApp browserLanguage="en" firstRequests={{ data: Promise.resolve(popupData(report)), tab }} />);
    await waitFor(() => expect(container.querySelector('[data-coach-day]')?.textContent).toBe('Day 45 of 90'));
    expect(container.querySelector('[data-coach-page-state]')?.getAttribute('data-coach-page-state')).toBe('not-crm');
    expect(calls('getPopupData')).toHaveLength(0);
    expect(query).not.toHaveBeenCalled();
  });

  it('answers already in before the first render draw the progress in the first frame, with no loading line and no second ask', () => {
    const report = REPORT_PRESETS.day45();
    answer([REPORT_PRESETS.day3()]);
    const first = { data: Promise.resolve(popupData(report)), tab: Promise.resolve({ id: 7, url: 'https://www.example.org/' }) };
    const answers = { data: popupData(report), tab: { id: 7, url: 'https://www.example.org/' } };
    const { container } = render(<PopupApp browserLanguage="en" firstRequests={first} firstAnswers={answers} />);
    // Synchronously after the first render: no waiting, no "Loading" status.
    expect(container.querySelector('[data-coach-points]')?.textContent).toBe(String(report.totals.points));
    expect(screen.queryByRole('status', { name: /loading/i })).toBeNull();
    expect(container.querySelector('[data-coach-page-state]')?.getAttribute('data-coach-page-state')).toBe('not-crm');
    expect(calls('getPopupData')).toHaveLength(0);
  });

  it('draws the sections only once the active tab is known, so the page notice never pushes them down', async () => {
    answer([REPORT_PRESETS.day3()]);
    let tellTab: (tab: { id: number; url: string }) => void = () => {};
    const tab = new Promise<{ id: number; url: string }>((resolve) => (tellTab = resolve));
    const { container } = render(<PopupApp browserLanguage="en" firstRequests={{ data: Promise.resolve(popupData(REPORT_PRESETS.day3())), tab }} />);
    await new Promise((r) => setTimeout(r, 50));
    expect(container.querySelector('[data-coach-day]')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('Loading your progress…');
    tellTab({ id: 7, url: 'https://www.example.org/' });
    await waitFor(() => expect(container.querySelector('[data-coach-day]')?.textContent).toBe('Day 3 of 90'));
    expect(container.querySelector('[data-coach-page-state]')?.getAttribute('data-coach-page-state')).toBe('not-crm');
  });

  it('a failed early request (the worker starting) is asked again once, and the popup draws from that answer', async () => {
    answer([REPORT_PRESETS.day3()]);
    render(<PopupApp browserLanguage="en" firstRequests={{ data: Promise.reject(new Error('no receiver')), tab: Promise.resolve(null) }} />);
    await waitFor(() => expect(document.querySelector('[data-coach-day]')?.textContent).toBe('Day 3 of 90'));
    expect(calls('getPopupData')).toHaveLength(1);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a tab that does not answer does not hold the first screen: drawn without the page notice, which comes with the tab', async () => {
    const tab = new Promise<{ id: number; url: string }>(() => {});
    const { container } = render(<PopupApp browserLanguage="en" firstRequests={{ data: Promise.resolve(popupData(REPORT_PRESETS.day3())), tab }} />);
    await waitFor(() => expect(container.querySelector('[data-coach-day]')?.textContent).toBe('Day 3 of 90'), { timeout: TAB_WAIT_MS * 10 });
    expect(container.querySelector('[data-page-state]')?.getAttribute('data-page-state')).toBe('unknown');
    expect(container.querySelector('[data-coach-page-state]')).toBeNull();
  });

  it('data that does not answer shows the retry card, and an answer that comes later still draws the popup', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      send.mockImplementation(() => new Promise(() => {}));
      let late: (data: ReturnType<typeof popupData>) => void = () => {};
      const data = new Promise<ReturnType<typeof popupData>>((resolve) => (late = resolve));
      render(<PopupApp browserLanguage="en" firstRequests={{ data, tab: Promise.resolve(null) }} />);
      expect(screen.getByRole('status').textContent).toBe('Loading your progress…');
      await vi.advanceTimersByTimeAsync(DATA_WAIT_MS * 2 + 500);
      expect((await screen.findByRole('alert')).textContent).toContain("Couldn't load your progress.");
      late(popupData(REPORT_PRESETS.day45()));
      await waitFor(() => expect(document.querySelector('[data-coach-day]')?.textContent).toBe('Day 45 of 90'));
    } finally {
      vi.useRealTimers();
    }
  });

  it('redraws when packs are stored while it is open (a first run, before the built-in packs)', async () => {
    answer([REPORT_PRESETS.day3()]);
    render(<PopupApp browserLanguage="en" firstRequests={{ data: Promise.resolve(popupData(REPORT_PRESETS.noPacks())), tab: Promise.resolve(null) }} />);
    await waitFor(() => expect(document.querySelector('[data-coach-no-packs]')).not.toBeNull());
    await fakeBrowser.storage.local.set({ packs: { a: {} } });
    await waitFor(() => expect(document.querySelector('[data-coach-day]')?.textContent).toBe('Day 3 of 90'));
    expect(calls('getPopupData')).toHaveLength(1);
  });

  it('first run: "Start my 90 days today" sets the start date to today and redraws', async () => {
    const first = REPORT_PRESETS.firstRun();
    const started = makeReport({ journeyDay: 0, today: first.today });
    answer([first, started], { setSettings: () => started.settings });
    render(<PopupApp browserLanguage="en" />);
    const button = await screen.findByRole('button', { name: 'Start my 90 days today' });
    fireEvent.click(button);
    await waitFor(() => expect(document.querySelector('[data-coach-day]')?.textContent).toBe('Day 0 of 90'));
    expect(calls('setSettings')).toEqual([['setSettings', { startDate: first.today }]]);
    expect(calls('getPopupData')).toHaveLength(2);
    expect(screen.queryByRole('button', { name: 'Start my 90 days today' })).toBeNull();
  });

  it('first run: a failed save says so and keeps the button', async () => {
    answer([REPORT_PRESETS.firstRun()], {
      setSettings: () => {
        throw new Error('storage full');
      },
    });
    render(<PopupApp browserLanguage="en" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Start my 90 days today' }));
    expect((await screen.findByRole('alert')).textContent).toContain("Couldn't save the start date");
    expect(screen.getByRole('button', { name: 'Start my 90 days today' })).toBeTruthy();
  });

  it('opens the options page from the header and the first-run link', async () => {
    const open = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue(undefined);
    answer([REPORT_PRESETS.firstRun()]);
    render(<PopupApp browserLanguage="en" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Open options' }));
    fireEvent.click(screen.getByRole('button', { name: 'Choose another start date in options' }));
    expect(open).toHaveBeenCalledTimes(2);
  });

  it('shows an error with a retry when the background does not answer', async () => {
    let fail = true;
    send.mockImplementation(async () => {
      if (fail) throw new Error('no receiver');
      return popupData(REPORT_PRESETS.day3());
    });
    render(<PopupApp browserLanguage="en" />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain("Couldn't load your progress.");
    fail = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(document.querySelector('[data-coach-day]')?.textContent).toBe('Day 3 of 90'));
  });

  it('says when the active tab is not a CRM page', async () => {
    await activeTab('https://www.example.org/');
    answer([REPORT_PRESETS.day3()]);
    const { container } = render(<PopupApp browserLanguage="en" />);
    await waitFor(() => expect(container.querySelector('[data-coach-page-state]')?.getAttribute('data-coach-page-state')).toBe('not-crm'));
  });

  it('says when coaching is paused on the active tab', async () => {
    await activeTab('https://acme.lightning.force.com/lightning/r/Opportunity/006/view');
    answer([makeReport({ journeyDay: 3, pausedSites: ['acme.lightning.force.com'] })]);
    const { container } = render(<PopupApp browserLanguage="en" />);
    await waitFor(() => expect(container.querySelector('[data-coach-page-state="paused"]')?.textContent).toContain('Coaching is paused on acme.lightning.force.com.'));
  });

  it('on a CRM tab, a snippet opens in the page and the popup closes', async () => {
    const tab = await activeTab('https://acme.lightning.force.com/lightning/r/Opportunity/006/view');
    const closeWindow = vi.fn();
    answer([REPORT_PRESETS.day3()], { openSnippet: () => true });
    const { container } = render(<PopupApp browserLanguage="en" closeWindow={closeWindow} />);
    await waitFor(() => expect(container.querySelector('[data-coach-day]')).not.toBeNull());
    // Wait for the tab query so the popup knows it is on a CRM page.
    await waitFor(() => expect(container.querySelector('.popup')!.getAttribute('data-page-state')).toBe('crm'));
    expect(container.querySelector('[data-coach-page-state]')).toBeNull();
    const item = container.querySelector('[data-coach-journey-snippet="acme-sales-onboarding/log-a-call"]')!;
    fireEvent.click(within(item as HTMLElement).getByRole('button'));
    await waitFor(() => expect(closeWindow).toHaveBeenCalled());
    expect(calls('openSnippet')).toEqual([['openSnippet', { packId: 'acme-sales-onboarding', snippetId: 'log-a-call' }, tab.id]]);
    expect(container.querySelector('[data-coach-snippet-preview]')).toBeNull();
  });

  it('without a CRM tab, a snippet shows inline instead', async () => {
    await activeTab('https://www.example.org/');
    answer([REPORT_PRESETS.day3()]);
    const { container } = render(<PopupApp browserLanguage="en" closeWindow={vi.fn()} />);
    await waitFor(() => expect(container.querySelector('[data-coach-page-state="not-crm"]')).not.toBeNull());
    const item = container.querySelector('[data-coach-journey-snippet="acme-sales-onboarding/log-a-call"]') as HTMLElement;
    fireEvent.click(within(item).getByRole('button'));
    await waitFor(() => expect(item.querySelector('[data-coach-snippet-preview="acme-sales-onboarding/log-a-call"]')).not.toBeNull());
    expect(calls('openSnippet')).toHaveLength(0);
    fireEvent.click(within(item).getByRole('button', { name: 'Close' }));
    expect(item.querySelector('[data-coach-snippet-preview]')).toBeNull();
  });

  it('falls back to the inline summary when the CRM tab cannot open the snippet', async () => {
    await activeTab('https://app.hubspot.com/contacts/1/record/0-3/2');
    const closeWindow = vi.fn();
    answer([REPORT_PRESETS.day3()], {
      openSnippet: () => {
        throw new Error('Could not establish connection. Receiving end does not exist.');
      },
    });
    const { container } = render(<PopupApp browserLanguage="en" closeWindow={closeWindow} />);
    await waitFor(() => expect(container.querySelector('.popup')!.getAttribute('data-page-state')).toBe('crm'));
    const item = container.querySelector('[data-coach-journey-snippet="acme-sales-onboarding/log-a-call"]') as HTMLElement;
    fireEvent.click(within(item).getByRole('button'));
    await waitFor(() => expect(item.querySelector('[data-coach-snippet-preview]')).not.toBeNull());
    expect(calls('openSnippet')).toHaveLength(1);
    expect(closeWindow).not.toHaveBeenCalled();
  });
});
