/**
 * The popup's data flow: one getProgress round trip for the first screen, the active tab for the
 * page notice, and the few actions (start today, open options, open a snippet).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import { browserUiLanguage, resolveUiLanguage, setUiLanguage, t } from '@/utils/i18n';
import { sendMessage } from '@/utils/messaging';
import type { JourneySnippet, ProgressReport } from '@/utils/usage/report';
import { pageStateFor } from './pageState';
import { PopupView } from './PopupView';
import { snippetKey } from './SnippetPreview';

type Load = { kind: 'loading' } | { kind: 'error' } | { kind: 'ready'; report: ProgressReport };
interface ActiveTab {
  id?: number;
  url?: string;
}

const logged = new Set<string>();
function logOnce(what: string, err: unknown): void {
  if (logged.has(what)) return;
  logged.add(what);
  console.warn(`[crm-coach] popup: ${what}`, err);
}

async function queryActiveTab(): Promise<ActiveTab | null> {
  try {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return tab ? { id: tab.id, url: tab.url } : null;
  } catch (err) {
    logOnce('tabs.query failed', err);
    return null;
  }
}

export interface PopupAppProps {
  /** Closes the popup after a snippet opened in the CRM tab (injectable for tests). */
  closeWindow?: () => void;
  browserLanguage?: string;
}

export function PopupApp({ closeWindow = () => window.close(), browserLanguage }: PopupAppProps) {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  // undefined: not asked yet; null: no tab.
  const [tab, setTab] = useState<ActiveTab | null | undefined>(undefined);
  const [coachedSite, setCoachedSite] = useState(false);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState(false);
  const [previewKey, setPreviewKey] = useState<string | null>(null);

  const fetchReport = useCallback(async () => {
    try {
      const report = await sendMessage('getProgress');
      setLoad({ kind: 'ready', report });
    } catch (err) {
      logOnce('getProgress failed', err);
      setLoad({ kind: 'error' });
    }
  }, []);

  useEffect(() => {
    void fetchReport();
    void queryActiveTab().then(async (active) => {
      setTab(active);
      // A CRM that only a pack describes: the toolbar click granted activeTab, so coach it now.
      if (active?.id === undefined || !active.url) return;
      const res = await sendMessage('coachTab', { tabId: active.id, url: active.url }).catch(() => null);
      if (res?.coached) setCoachedSite(true);
    });
  }, [fetchReport]);

  const report = load.kind === 'ready' ? load.report : null;
  const page = useMemo(
    () => {
      if (!report || tab === undefined) return null;
      const state = pageStateFor(tab?.url, report.settings.pausedSites);
      return coachedSite && state.kind === 'not-crm' && tab?.url ? { kind: 'crm' as const, host: new URL(tab.url).host } : state;
    },
    [report, tab, coachedSite],
  );

  const openOptions = useCallback(() => {
    browser.runtime.openOptionsPage().catch((err: unknown) => logOnce('openOptionsPage failed', err));
  }, []);

  const startToday = useCallback(async () => {
    if (!report) return;
    setStarting(true);
    setStartError(false);
    try {
      await sendMessage('setSettings', { startDate: report.today });
      await fetchReport();
    } catch (err) {
      logOnce('setSettings failed', err);
      setStartError(true);
    } finally {
      setStarting(false);
    }
  }, [report, fetchReport]);

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
          logOnce('openSnippet failed', err);
        }
      }
      setPreviewKey(snippetKey(item));
    },
    [page, tab, closeWindow],
  );

  if (load.kind !== 'ready') {
    setUiLanguage(resolveUiLanguage(undefined, browserLanguage ?? browserUiLanguage()));
    return (
      <div className="popup">
        <main className="content">
          {load.kind === 'loading' ? (
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
      report={load.report}
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
