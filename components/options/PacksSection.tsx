/** Installed packs: import a file, add a URL, refresh, and the table of packs. */
import { useCallback, useEffect, useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { t } from '@/utils/i18n';
import { sendMessage, type PackResult } from '@/utils/messaging';
import { decodePackBytes } from '@/utils/packs/encoding';
import { displayUrl, hostsNeeded } from '@/utils/packs/store-logic';
import { localize } from '@/utils/packs/text';
import type { InstalledPack } from '@/utils/packs/types';
import { hostsOf } from './format';
import type { HostAccess } from './host-access';
import { failureTexts } from './pack-problems';
import { PackRow } from './PackRow';
import { DraftEditor } from './DraftEditor';
import { jsonFile, yamlFile, type ExportFormat } from './export-pack';
import { fetchBlocked, hostPatternOf } from './pack-url-access';
import type { downloadText } from './download';

export type PackStatus =
  | { kind: 'ok'; text: string; hostsNote?: string; warn?: boolean }
  | { kind: 'error'; title: string; errors: string[]; access?: { host: string; url: string } }
  | { kind: 'busy'; text: string };

interface Props {
  packs: InstalledPack[];
  allowUserPacks: boolean;
  lang: string;
  hostAccess: HostAccess;
  onPacks: (packs: InstalledPack[]) => void;
  /** Saves the draft pack's export (tests pass a spy). */
  download?: typeof downloadText;
}

/**
 * Chromium accepts permissions.request after the install's round trip to the background; Firefox
 * only inside the user's click itself (synchronously), so there the pack row's "Grant access"
 * button asks (docs: README, Firefox section).
 */
const ASK_AFTER_INSTALL = import.meta.env.BROWSER !== 'firefox';

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function PacksSection({ packs, allowUserPacks, lang, hostAccess, onPacks, download }: Props) {
  const [editing, setEditing] = useState<string | null>(null);
  const [status, setStatus] = useState<PackStatus | null>(null);
  const [url, setUrl] = useState('');
  const [granted, setGranted] = useState<Record<string, boolean>>({});
  const headingId = useId();
  const urlId = useId();
  const userNoteId = useId();

  // Which packs with sites have their host access.
  const checkAccess = useCallback(async () => {
    const entries = await Promise.all(
      packs
        .map((p) => [p.pack.id, hostsNeeded(p.pack)] as const)
        .filter(([, hosts]) => hosts.length > 0)
        .map(async ([id, hosts]) => [id, await hostAccess.has(hosts)] as const),
    );
    setGranted(Object.fromEntries(entries));
  }, [packs, hostAccess]);

  useEffect(() => {
    void checkAccess();
    return hostAccess.onChange(() => void checkAccess());
  }, [checkAccess, hostAccess]);

  const afterInstall = useCallback(
    async (result: PackResult, what: string) => {
      if (!result.ok) {
        setStatus({ kind: 'error', title: t('options_import_failed', what), errors: failureTexts(result) });
        return;
      }
      const title = localize(result.pack.pack.title, lang);
      const hosts = result.needsHosts ?? [];
      setStatus({
        kind: 'ok',
        text: t('options_installed', title, result.pack.pack.version),
        hostsNote: hosts.length > 0 ? t(ASK_AFTER_INSTALL ? 'options_sites_request' : 'options_sites_grant', hostsOf(hosts)) : undefined,
      });
      if (hosts.length > 0 && ASK_AFTER_INSTALL) {
        // Asked in the same user action; if it is refused (or never answered), "Grant access" stays.
        void hostAccess.request(hosts).then(() => checkAccess());
      }
      onPacks(await sendMessage('listPacks'));
    },
    [lang, onPacks, hostAccess, checkAccess],
  );

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    // Cleared at once, the same input stays (a new element while the list updates could swallow
    // the next choice) and the same file can be chosen again after a fix.
    event.target.value = '';
    setStatus({ kind: 'busy', text: t('options_installing') });
    try {
      const text = decodePackBytes(await file.arrayBuffer());
      await afterInstall(await sendMessage('installPackText', { text, fileName: file.name }), file.name);
    } catch (err) {
      setStatus({ kind: 'error', title: t('options_import_failed', file.name), errors: [errorText(err)] });
    }
  };

  const onAddUrl = async (event: FormEvent) => {
    event.preventDefault();
    const value = url.trim();
    if (!value) return;
    setStatus({ kind: 'busy', text: t('options_fetching') });
    try {
      const result = await sendMessage('addPackUrl', { url: value });
      // A URL is shown without any password it holds (the background refuses such URLs).
      await afterInstall(result, displayUrl(value));
      if (result.ok) setUrl('');
      else if (fetchBlocked(result) && hostPatternOf(value)) {
        const host = new URL(value).hostname;
        setStatus((s) => (s?.kind === 'error' ? { ...s, access: { host, url: value } } : s));
        // Chromium still counts this as the user's click; Firefox only inside the click itself,
        // so there the alert's "Allow access" button asks.
        if (ASK_AFTER_INSTALL) askHostAccess(value);
      }
    } catch (err) {
      setStatus({ kind: 'error', title: t('options_import_failed', displayUrl(value)), errors: [errorText(err)] });
    }
  };

  // A server without CORS: ask for its host (in the Add click, or the alert's "Allow access"
  // click); with access the pack is read without CORS, so it is added as soon as the user allows
  // it (request() may never settle). The request is made synchronously, inside the click.
  const askHostAccess = (value: string) => {
    const pattern = hostPatternOf(value);
    if (!pattern) return;
    void hostAccess.request([pattern]).then(async (granted) => {
      if (!granted) return;
      const retry = await sendMessage('addPackUrl', { url: value });
      await afterInstall(retry, value);
      if (retry.ok) setUrl('');
    });
  };

  const onExport = async (pack: InstalledPack['pack'], format: ExportFormat, save: typeof downloadText) => {
    try {
      const file = format === 'json' ? jsonFile(pack) : await yamlFile(pack);
      save(file.name, file.text, file.type);
    } catch (err) {
      setStatus({ kind: 'error', title: t('options_change_failed'), errors: [errorText(err)] });
    }
  };

  const run = async (action: () => Promise<InstalledPack[]>, failTitle: string) => {
    try {
      onPacks(await action());
      return true;
    } catch (err) {
      setStatus({ kind: 'error', title: failTitle, errors: [errorText(err)] });
      return false;
    }
  };

  // The switch flips at once (a controlled checkbox otherwise snaps back until the background
  // answers); a refused change puts the stored state back.
  const onToggle = async (id: string, enabled: boolean) => {
    onPacks(packs.map((x) => (x.pack.id === id ? { ...x, enabled } : x)));
    if (!(await run(() => sendMessage('setPackEnabled', { id, enabled }), t('options_change_failed')))) {
      onPacks(await sendMessage('listPacks').catch(() => packs));
    }
  };

  const onRefresh = async () => {
    setStatus({ kind: 'busy', text: t('options_refreshing') });
    let list: InstalledPack[];
    try {
      list = await sendMessage('refreshPacks');
    } catch (err) {
      setStatus({ kind: 'error', title: t('options_refresh_failed'), errors: [errorText(err)] });
      return;
    }
    onPacks(list);
    // A failed refresh keeps the pack (its row shows the error): say so rather than "refreshed".
    const failed = list.filter((p) => p.url && p.lastError).map((p) => localize(p.pack.title, lang));
    setStatus(
      failed.length > 0
        ? { kind: 'ok', warn: true, text: t('options_refreshed_with_errors', failed.join(', ')) }
        : { kind: 'ok', text: t('options_refreshed') },
    );
  };

  const userDisabled = !allowUserPacks;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('options_packs_heading')}</h2>
      <p className="muted">{t('options_packs_intro')}</p>
      {userDisabled && (
        <p className="note" id={userNoteId}>
          {t('options_user_packs_off')}
        </p>
      )}
      <div className="pack-tools">
        <label className={`file-button${userDisabled ? ' disabled' : ''}`}>
          <span>{t('options_import_pack_file')}</span>
          <input
            type="file"
            accept=".json,.yaml,.yml,application/json,application/yaml,text/yaml"
            disabled={userDisabled}
            aria-describedby={userDisabled ? userNoteId : undefined}
            onChange={(e) => void onFile(e)}
          />
        </label>
        <form className="url-form" onSubmit={(e) => void onAddUrl(e)}>
          <label htmlFor={urlId}>{t('options_add_pack_url')}</label>
          <input
            id={urlId}
            type="url"
            inputMode="url"
            placeholder="https://"
            value={url}
            disabled={userDisabled}
            aria-describedby={userDisabled ? userNoteId : undefined}
            onChange={(e) => setUrl(e.target.value)}
          />
          <button type="submit" disabled={userDisabled || url.trim() === ''}>
            {t('options_add')}
          </button>
        </form>
        <button type="button" className="secondary" onClick={() => void onRefresh()}>
          {t('options_refresh_packs')}
        </button>
      </div>

      <div className="pack-status">
        {status?.kind === 'error' && (
          <div role="alert" className="notice notice-error">
            <p>{status.title}</p>
            <ul>
              {status.errors.map((e, i) => (
                <li key={i}>
                  <code>{e}</code>
                </li>
              ))}
            </ul>
            {status.access && (
              <p>
                {t(ASK_AFTER_INSTALL ? 'options_url_access_asked' : 'options_url_access_allow', status.access.host)}{' '}
                <button type="button" className="secondary" data-coach-url-access={status.access.host} onClick={() => status.access && askHostAccess(status.access.url)}>
                  {t('options_url_access_button', status.access.host)}
                </button>
              </p>
            )}
            <p className="muted">{t('options_nothing_changed')}</p>
          </div>
        )}
        {(status?.kind === 'ok' || status?.kind === 'busy') && (
          <div role="status" className={status.kind === 'ok' && status.warn ? 'notice notice-warn' : 'notice'}>
            <p>{status.text}</p>
            {status.kind === 'ok' && status.hostsNote && <p>{status.hostsNote}</p>}
          </div>
        )}
      </div>

      {packs.length === 0 ? (
        <p className="muted">{t('options_no_packs')}</p>
      ) : (
        <div className="table-wrap">
          <table className="packs">
            <thead>
              <tr>
                <th scope="col">{t('options_col_pack')}</th>
                <th scope="col">{t('options_col_version')}</th>
                <th scope="col">{t('options_col_source')}</th>
                <th scope="col">{t('options_col_items')}</th>
                <th scope="col">{t('options_col_refresh')}</th>
                <th scope="col">{t('options_col_enabled')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('options_col_actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {packs.map((p) => (
                <PackRow
                  key={p.pack.id}
                  installed={p}
                  lang={lang}
                  granted={granted[p.pack.id]}
                  onToggle={(enabled) => void onToggle(p.pack.id, enabled)}
                  onRemove={() => void run(() => sendMessage('removePack', { id: p.pack.id }), t('options_change_failed'))}
                  onGrant={() => void hostAccess.request(hostsNeeded(p.pack)).then(() => checkAccess())}
                  onExport={download ? (format) => void onExport(p.pack, format, download) : undefined}
                  onEdit={() => setEditing(p.pack.id)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing &&
        packs
          .filter((p) => p.pack.id === editing && p.source === 'draft')
          .map((p) => (
            <DraftEditor
              key={`${p.pack.id}@${p.pack.version}`}
              pack={p.pack}
              onSaved={(list) => {
                onPacks(list);
                const saved = list.find((x) => x.pack.id === editing);
                if (saved) setStatus({ kind: 'ok', text: t('options_draft_saved', saved.pack.version) });
              }}
              onClose={() => setEditing(null)}
            />
          ))}
    </section>
  );
}
