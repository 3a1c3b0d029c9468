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
import type { PopupData } from '@/utils/usage/progress';
import type { JourneySnippet } from '@/utils/usage/report';
import { startPopupRequests, type ActiveTab, type PopupRequests } from '@/utils/popup-request';
import { pageStateFor } from './pageState';
import { PopupView } from './PopupView';
import { snippetKey } from './SnippetPreview';

type Load = { kind: 'loading' } | { kind: 'error' } | { kind: 'ready'; data: PopupData };

export interface PopupAppProps {
  /** Closes the popup after a snippet opened in the CRM tab (injectable for tests). */
  closeWindow?: () => void;
  browserLanguage?: string;
  /** The opening requests already in flight (popup-request.js); used for the first screen only. */
  firstRequests?: PopupRequests;
}

export function PopupApp({ closeWindow = () => window.close(), browserLanguage, firstRequests }: PopupAppProps) {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  // undefined: not asked yet; null: no tab.
  const [tab, setTab] = useState<ActiveTab | null | undefined>(undefined);
  const [coachedSite, setCoachedSite] = useState(false);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState(false);
  const [previewKey, setPreviewKey] = useState<string | null>(null);

  // Used once: a retry or the refresh after "start today" asks the background again.
  const opening = useRef(firstRequests);
  const fetchReport = useCallback(async (request?: Promise<PopupData>) => {
    try {
      const data = await (request ?? sendMessage('getPopupData'));
      setLoad({ kind: 'ready', data });
    } catch (err) {
      logOnce('popup: getPopupData failed', err);
      setLoad({ kind: 'error' });
    }
  }, []);

  useEffect(() => {
    const requests = opening.current ?? startPopupRequests();
    opening.current = undefined;
    void fetchReport(requests.data);
    void requests.tab.then(async (active) => {
      setTab(active);
      // A CRM that only a pack describes: the toolbar click granted activeTab, so coach it now.
      if (active?.id === undefined || !active.url) return;
      const res = await sendMessage('coachTab', { tabId: active.id, url: active.url }).catch(() => null);
      if (res?.coached) setCoachedSite(true);
    });
  }, [fetchReport]);

  const data = load.kind === 'ready' ? load.data : null;
  const page = useMemo(
    () => {
      if (!data || tab === undefined) return null;
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

  if (load.kind !== 'ready' || tab === undefined) {
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
