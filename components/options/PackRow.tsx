/** One installed pack: `[data-coach-pack="<id>"]`. Pack text is untrusted: rendered as text only. */
import { useState } from 'react';
import { t } from '@/utils/i18n';
import { hostsNeeded } from '@/utils/packs/store-logic';
import { localize } from '@/utils/packs/text';
import type { InstalledPack } from '@/utils/packs/types';
import { formatWhen, hostsOf, itemCounts } from './format';
import { refreshErrorText } from './pack-problems';
import type { ExportFormat } from './export-pack';

interface Props {
  installed: InstalledPack;
  lang: string;
  /** Host access for a pack with sites: undefined while unknown or when it has no sites. */
  granted: boolean | undefined;
  onToggle: (enabled: boolean) => void;
  onRemove: () => void;
  onGrant: () => void;
  /** The draft pack's row (docs/authoring.md): "Export pack" (JSON or YAML) and "Edit draft". */
  onExport?: (format: ExportFormat) => void;
  onEdit?: () => void;
}

const SOURCE_KEYS = {
  builtin: 'options_source_builtin',
  'user-file': 'options_source_file',
  'user-url': 'options_source_url',
  policy: 'options_source_policy',
  draft: 'options_source_draft',
} as const;

export function PackRow({ installed, lang, granted, onToggle, onRemove, onGrant, onExport, onEdit }: Props) {
  const { pack, source, enabled, url, lastRefreshAt } = installed;
  const lastError = refreshErrorText(installed);
  const title = localize(pack.title, lang);
  const description = localize(pack.description, lang);
  const locked = source === 'policy';
  const hosts = hostsNeeded(pack);
  const needsGrant = hosts.length > 0 && granted === false;
  const [format, setFormat] = useState<ExportFormat>('json');
  return (
    <tr data-coach-pack={pack.id} className={enabled ? undefined : 'off'}>
      <th scope="row">
        <span className="pack-title">{title}</span>
        <span className="pack-id">{pack.id}</span>
        {description && <span className="pack-description">{description}</span>}
      </th>
      <td>{pack.version}</td>
      <td>
        {t(SOURCE_KEYS[source])}
        {url && <span className="pack-url">{url}</span>}
      </td>
      <td>{itemCounts(pack)}</td>
      <td>
        {url ? formatWhen(lastRefreshAt, lang) : '—'}
        {lastError && (
          <span className="pack-error" data-coach-pack-error="">
            {t('options_refresh_error', lastError)}
          </span>
        )}
      </td>
      <td>
        <input
          type="checkbox"
          role="switch"
          checked={enabled}
          disabled={locked}
          aria-label={t('options_pack_enabled', title)}
          onChange={(e) => onToggle(e.target.checked)}
        />
        {locked && <span className="locked-note">{t('options_locked')}</span>}
      </td>
      <td>
        <div className="row-actions">
          {needsGrant && (
            <>
              <span className="pack-warning">{t('options_sites_inactive', hostsOf(hosts))}</span>
              <button type="button" onClick={onGrant}>
                {t('options_grant_access')}
                <span className="visually-hidden"> {title}</span>
              </button>
            </>
          )}
          {source === 'draft' && onExport && (
            <>
              <select aria-label={t('options_export_format')} value={format} onChange={(e) => setFormat(e.target.value === 'yaml' ? 'yaml' : 'json')}>
                <option value="json">JSON</option>
                <option value="yaml">YAML</option>
              </select>
              <button type="button" onClick={() => onExport(format)}>
                {t('options_export_pack')}
              </button>
            </>
          )}
          {source === 'draft' && onEdit && (
            <button type="button" className="secondary" onClick={onEdit}>
              {t('options_edit_draft')}
            </button>
          )}
          {!locked && (
            <button type="button" className="secondary" onClick={onRemove}>
              {t('options_remove')}
              <span className="visually-hidden"> {title}</span>
            </button>
          )}
        </div>
      </td>
    </tr>
  );
}
