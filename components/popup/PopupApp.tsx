/**
 * The popup's data flow: one getPopupData round trip and the active tab for the first screen (both
 * usually already asked by popup-request.js), and the few actions (start today, open options,
 * open a snippet). The sections are drawn once both are known, so the page notice never pushes
 * them down after the first frame.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { browserUiLanguage, resolveUiLanguage, setUiLanguage, t } from '@/utils/i18n';
import { sendMessage } from '@/utils/messaging';
import { logOnce } from '@/utils/log';
import { packsItem, settingsItem } from '@/utils/storage/items';
import type { PopupData } from '@/utils/usage/progress';
import type { JourneySnippet } from '@/utils/usage/report';
import { startPopupRequests, type ActiveTab, type FirstAnswers, type PopupRequests } from '@/utils/popup-request';
import { pageStateFor } from './pageState';
import { PopupView } from './PopupView';
import { snippetKey } from './SnippetPreview';

type Load = { kind: 'loading' } | { kind: 'error' } | { kind: 'ready'; data: PopupData };

/**
 * The popup never hangs on "Loading": the active tab not known by TAB_WAIT_MS draws the screen
 * without the page notice (it comes when the tab does); data not in by DATA_WAIT_MS shows the
 * retry card (an answer that comes later still replaces it). A failed first ask (the worker
 * starting) is asked again once before the card.
 */
export const TAB_WAIT_MS = 300;
export const DATA_WAIT_MS = 4000;
const RETRY_MS = 250;

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

export interface PopupAppProps {
  /** Closes the popup after a snippet opened in the CRM tab (injectable for tests). */
  closeWindow?: () => void;
  browserLanguage?: string;
  /** The opening requests already in flight (popup-request.js); used for the first screen only. */
  firstRequests?: PopupRequests;
  /** Their answers when they were in before the first render: the first frame shows them. */
  firstAnswers?: FirstAnswers;
}

export function PopupApp({ closeWindow = () => window.close(), browserLanguage, firstRequests, firstAnswers }: PopupAppProps) {
  const [load, setLoad] = useState<Load>(firstAnswers ? { kind: 'ready', data: firstAnswers.data } : { kind: 'loading' });
  // undefined: not asked yet; null: no tab.
  const [tab, setTab] = useState<ActiveTab | null | undefined>(firstAnswers ? firstAnswers.tab : undefined);
  // The tab is slow to come: draw without the page notice meanwhile.
  const [tabLate, setTabLate] = useState(false);
  const [coachedSite, setCoachedSite] = useState(false);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState(false);
  const [previewKey, setPreviewKey] = useState<string | null>(null);

  // Used once: a retry or the refresh after "start today" asks the background again.
  const opening = useRef(firstRequests);
  const answered = useRef(!!firstAnswers);
  const fetchReport = useCallback(async (request?: Promise<PopupData>, retry = false): Promise<void> => {
    const asked = request ?? sendMessage('getPopupData');
    // Whenever it answers, even after the retry card is up, the answer draws the popup.
    asked.then((data) => setLoad({ kind: 'ready', data }), () => undefined);
    try {
      await within(asked, DATA_WAIT_MS);
    } catch (err) {
      if (retry) {
        await new Promise((r) => setTimeout(r, RETRY_MS));
        return fetchReport(undefined, false);
      }
      logOnce('popup: getPopupData failed', err);
      setLoad((current) => (current.kind === 'ready' ? current : { kind: 'error' }));
    }
  }, []);

  useEffect(() => {
    const requests = opening.current ?? startPopupRequests();
    opening.current = undefined;
    // Answers the first render already drew are not asked for again.
    if (!answered.current) void fetchReport(requests.data, true);
    answered.current = false;
    const tabTimer = setTimeout(() => setTabLate(true), TAB_WAIT_MS);
    void requests.tab.then(async (active) => {
      clearTimeout(tabTimer);
      setTab(active);
      // A CRM that only a pack describes: the toolbar click granted activeTab, so coach it now.
      if (active?.id === undefined || !active.url) return;
      const res = await sendMessage('coachTab', { tabId: active.id, url: active.url }).catch(() => null);
      if (res?.coached) setCoachedSite(true);
    });
    // Packs or settings stored while the popup is open (the built-in packs on a first run): redraw.
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && (packsItem.key in changes || settingsItem.key in changes)) void fetchReport();
    };
    let listening = false;
    try {
      browser.storage.onChanged.addListener(onChanged);
      listening = true;
    } catch {
      // No storage events (tests without a browser): the popup still works.
    }
    return () => {
      clearTimeout(tabTimer);
      if (listening) browser.storage.onChanged.removeListener(onChanged);
    };
  }, [fetchReport]);

  const data = load.kind === 'ready' ? load.data : null;
  const page = useMemo(
    () => {
      if (!data || tab === undefined) return null; // not known (yet): no page notice
      const state = pageStateFor(tab?.url, data.settings.pausedSites);
      return coachedSite && state.kind === 'not-crm' && tab?.url ? { kind: 'crm' as const, host: new URL(tab.url).host } : state;
    },
    [data, tab, coachedSite],
  );

  const openOptions = useCallback(() => {
    browser.runtime.openOptionsPage().catch((err: unknown) => logOnce('popup: openOptionsPage failed', err));
  }, []);

  const startToday = useCallback(async () => {
    if (!data) return;
    setStarting(true);
    setStartError(false);
    try {
      await sendMessage('setSettings', { startDate: data.today });
      await fetchReport();
    } catch (err) {
      logOnce('popup: setSettings failed', err);
      setStartError(true);
    } finally {
      setStarting(false);
    }
  }, [data, fetchReport]);

  const openSnippet = useCallback(
    async (item: JourneySnippet) => {
      if (page?.kind === 'crm' && tab?.id !== undefined) {
        try {
          const opened = await sendMessage('openSnippet', { packId: item.packId, snippetId: item.snippet.id }, tab.id);
          if (opened) {
            closeWindow();
            return;
          }
        } catch (err) {
          logOnce('popup: openSnippet failed', err);
        }
      }
      setPreviewKey(snippetKey(item));
    },
    [page, tab, closeWindow],
  );

  if (load.kind !== 'ready' || (tab === undefined && !tabLate)) {
    setUiLanguage(resolveUiLanguage(undefined, browserLanguage ?? browserUiLanguage()));
    return (
      <div className="popup">
        <main className="content">
          {load.kind !== 'error' ? (
            <p className="loading" role="status">
              {t('popup_loading')}
            </p>
          ) : (
            <div className="card" role="alert">
              <p>{t('popup_load_error')}</p>
              <button
                type="button"
                className="button"
                onClick={() => {
                  setLoad({ kind: 'loading' });
                  void fetchReport();
                }}
              >
                {t('popup_retry')}
              </button>
            </div>
          )}
        </main>
      </div>
    );
  }

  return (
    <PopupView
      data={load.data}
      page={page}
      onStartToday={() => void startToday()}
      starting={starting}
      startError={startError}
      onOpenOptions={openOptions}
      onOpenSnippet={(item) => void openSnippet(item)}
      previewKey={previewKey}
      onClosePreview={() => setPreviewKey(null)}
      browserLanguage={browserLanguage}
    />
  );
}
