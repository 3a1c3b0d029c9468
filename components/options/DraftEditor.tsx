/**
 * The draft pack (docs/authoring.md), edited as text: the JSON shown is the stored pack, and
 * "Save draft" sends it back through the same validation as any pack (its id stays the draft's).
 */
import { useId, useState } from 'react';
import { t } from '@/utils/i18n';
import { sendMessage } from '@/utils/messaging';
import type { InstalledPack, Pack } from '@/utils/packs/types';
import { failureTexts } from './pack-problems';
import { packJson } from './export-pack';

interface Props {
  pack: Pack;
  onSaved(list: InstalledPack[]): void;
  onClose(): void;
}

export function DraftEditor({ pack, onSaved, onClose }: Props) {
  const id = useId();
  const [text, setText] = useState(() => packJson(pack));
  const [errors, setErrors] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    setBusy(true);
    try {
      const result = await sendMessage('saveDraftPack', { text });
      if (!result.ok) {
        setErrors(failureTexts(result));
        return;
      }
      setErrors(null);
      onSaved(await sendMessage('listPacks'));
      onClose();
    } catch (err) {
      setErrors([err instanceof Error ? err.message : String(err)]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="draft-editor" data-coach-draft-editor="">
      <label htmlFor={`${id}-text`}>{t('options_draft_text')}</label>
      <textarea id={`${id}-text`} rows={16} spellCheck={false} value={text} onChange={(e) => setText(e.target.value)} />
      {errors && (
        <div role="alert" className="notice notice-error">
          <p>{t('options_draft_failed')}</p>
          <ul>
            {errors.map((e, i) => (
              <li key={i}>
                <code>{e}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="row-actions">
        <button type="button" disabled={busy} onClick={() => void save()}>
          {t('options_save_draft')}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          {t('options_cancel')}
        </button>
      </div>
    </div>
  );
}
