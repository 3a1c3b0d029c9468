/**
 * The options page: installed packs, profile (role, start date, language) and "Your data".
 * Talks to the background only through the typed messages; re-reads when storage changes
 * (an alarm refresh, a policy change, another tab).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import { browserUiLanguage, resolveUiLanguage, setUiLanguage, t } from '@/utils/i18n';
import { sendMessage } from '@/utils/messaging';
import { packsItem, policyCacheItem, settingsItem } from '@/utils/storage/items';
import type { InstalledPack } from '@/utils/packs/types';
import type { EffectiveSettings, Settings } from '@/utils/settings';
import { DataSection } from './DataSection';
import { downloadText } from './download';
import { browserHostAccess, type HostAccess } from './host-access';
import { PacksSection } from './PacksSection';
import { ProfileSection } from './ProfileSection';

export interface OptionsAppProps {
  hostAccess?: HostAccess;
  download?: typeof downloadText;
  browserLanguage?: string;
}

type Load = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready' };

export function OptionsApp({ hostAccess = browserHostAccess, download = downloadText, browserLanguage }: OptionsAppProps) {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [settings, setSettings] = useState<EffectiveSettings | null>(null);
  const [packs, setPacks] = useState<InstalledPack[]>([]);

  const reload = useCallback(async () => {
    try {
      const [s, p] = await Promise.all([sendMessage('getSettings'), sendMessage('listPacks')]);
      setSettings(s);
      setPacks(p);
      setLoad({ kind: 'ready' });
    } catch (err) {
      setLoad({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  }, []);

  useEffect(() => {
    void reload();
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      // The policy kept in storage.local changes when a policy read lands that differs from what
      // was known (the first read after the browser starts can take seconds): locks re-apply.
      if (area === 'managed' || [packsItem, settingsItem, policyCacheItem].some((item) => item.key in changes)) void reload();
    };
    try {
      browser.storage.onChanged.addListener(onChanged);
      return () => browser.storage.onChanged.removeListener(onChanged);
    } catch {
      return undefined;
    }
  }, [reload]);

  const lang = useMemo(
    () => resolveUiLanguage(settings?.language, browserLanguage ?? browserUiLanguage()),
    [settings?.language, browserLanguage],
  );
  // t() reads the current language: set it before the children render.
  setUiLanguage(lang);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('options_page_title');
  }, [lang]);

  const saveSettings = useCallback(async (patch: Partial<Settings>) => {
    const next = await sendMessage('setSettings', patch);
    setSettings(next);
    return next;
  }, []);

  return (
    <div className="options">
      <header className="options-header">
        <h1>{t('options_page_title')}</h1>
        <p>{t('options_page_intro')}</p>
      </header>
      {load.kind === 'loading' && <p role="status">{t('options_loading')}</p>}
      {load.kind === 'error' && (
        <div role="alert" className="notice notice-error">
          <p>{t('options_load_failed')}</p>
          <p className="detail">{load.message}</p>
          <button type="button" onClick={() => void reload()}>
            {t('options_retry')}
          </button>
        </div>
      )}
      {load.kind === 'ready' && settings && (
        <main>
          <PacksSection
            packs={packs}
            allowUserPacks={settings.allowUserPacks}
            lang={lang}
            hostAccess={hostAccess}
            onPacks={setPacks}
            download={download}
          />
          <ProfileSection settings={settings} packs={packs} onSave={saveSettings} />
          <DataSection download={download} />
        </main>
      )}
    </div>
  );
}
