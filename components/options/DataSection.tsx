/**
 * "Your data": everything CRM Coach records stays on this computer. Export (JSON, daily totals
 * CSV), an opt-in summary for a trainer, import, and delete with a confirmation step.
 */
import { useId, useState, type ChangeEvent } from 'react';
import { t } from '@/utils/i18n';
import { sendMessage } from '@/utils/messaging';
import type { downloadText } from './download';
import { localIsoDate } from './format';

interface Props {
  download: typeof downloadText;
}

type Status = { kind: 'ok'; text: string } | { kind: 'error'; text: string } | null;

export function DataSection({ download }: Props) {
  const [status, setStatus] = useState<Status>(null);
  const [confirming, setConfirming] = useState(false);
  const headingId = useId();
  const confirmId = useId();

  const attempt = async (action: () => Promise<string | null>) => {
    try {
      const text = await action();
      if (text) setStatus({ kind: 'ok', text });
    } catch (err) {
      setStatus({ kind: 'error', text: t('options_data_failed', err instanceof Error ? err.message : String(err)) });
    }
  };

  const exportJson = () =>
    attempt(async () => {
      download(`crm-coach-data-${localIsoDate()}.json`, await sendMessage('exportData'), 'application/json');
      return t('options_exported');
    });
  const exportCsv = () =>
    attempt(async () => {
      download(`crm-coach-daily-${localIsoDate()}.csv`, await sendMessage('exportRollupsCsv'), 'text/csv');
      return t('options_exported');
    });
  const exportSummary = () =>
    attempt(async () => {
      download(`crm-coach-summary-${localIsoDate()}.json`, await sendMessage('exportSummary'), 'application/json');
      return t('options_summary_exported');
    });

  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    event.target.value = ''; // the same input stays; the same file can be chosen again
    await attempt(async () => {
      const result = await sendMessage('importData', { json: await file.text() });
      if (!result.ok) throw new Error(result.error);
      return t('options_imported', result.events);
    });
  };

  const deleteAll = () =>
    attempt(async () => {
      await sendMessage('deleteData');
      setConfirming(false);
      return t('options_deleted');
    });

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('options_data_heading')}</h2>
      <p className="muted">{t('options_data_intro')}</p>
      <div className="data-actions">
        <button type="button" onClick={() => void exportJson()}>
          {t('options_export_data')}
        </button>
        <button type="button" className="secondary" onClick={() => void exportCsv()}>
          {t('options_export_csv')}
        </button>
        <label className="file-button secondary">
          <span>{t('options_import_data')}</span>
          <input type="file" accept=".json,application/json" onChange={(e) => void importFile(e)} />
        </label>
      </div>

      <h3>{t('options_summary_heading')}</h3>
      <p className="muted">{t('options_summary_intro')}</p>
      <button type="button" className="secondary" onClick={() => void exportSummary()}>
        {t('options_export_summary')}
      </button>

      <h3>{t('options_delete_heading')}</h3>
      {!confirming ? (
        <button type="button" className="danger" onClick={() => setConfirming(true)}>
          {t('options_delete_data')}
        </button>
      ) : (
        <div className="confirm" role="group" aria-labelledby={confirmId}>
          <p id={confirmId}>{t('options_delete_confirm')}</p>
          <button type="button" className="danger" autoFocus onClick={() => void deleteAll()}>
            {t('options_delete_yes')}
          </button>
          <button type="button" className="secondary" onClick={() => setConfirming(false)}>
            {t('options_cancel')}
          </button>
        </div>
      )}

      {status?.kind === 'ok' && (
        <p role="status" className="saved">
          {status.text}
        </p>
      )}
      {status?.kind === 'error' && (
        <p role="alert" className="notice notice-error">
          {status.text}
        </p>
      )}
    </section>
  );
}
