/** A read-only summary of a snippet, shown in the popup when no CRM tab can open it. */
import { useEffect, useRef } from 'react';
import { t } from '@/utils/i18n';
import { localize } from '@/utils/packs/text';
import { itemKey } from '@/utils/packs/refs';
import type { JourneySnippet } from '@/utils/usage/report';

export function snippetKey(item: { packId: string; snippet: { id: string } }): string {
  return itemKey(item.packId, item.snippet.id);
}

export function SnippetPreview({ item, lang, onClose }: { item: JourneySnippet; lang: string; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  const title = localize(item.snippet.title, lang);
  const steps = item.snippet.steps ?? [];
  return (
    <div className="preview" role="region" aria-label={title} tabIndex={-1} ref={ref} data-coach-snippet-preview={snippetKey(item)}>
      <p className="preview-title">
        {title}
        {item.snippet.minutes ? <span className="muted"> · {t('popup_minutes', item.snippet.minutes)}</span> : null}
      </p>
      {steps.length > 0 && (
        <>
          <p className="preview-label">{t('popup_snippet_steps')}</p>
          <ol className="preview-steps">
            {steps.map((step, i) => (
              <li key={i}>{localize(step, lang)}</li>
            ))}
          </ol>
        </>
      )}
      <p className="muted small">{t('popup_snippet_preview_hint')}</p>
      <button type="button" className="button" onClick={onClose}>
        {t('popup_close')}
      </button>
    </div>
  );
}
