/** First run: no start date yet. One button starts the journey today; options choose another date. */
import { t } from '@/utils/i18n';

export interface FirstRunProps {
  onStart: () => void;
  onOpenOptions: () => void;
  starting: boolean;
  error: boolean;
}

export function FirstRun({ onStart, onOpenOptions, starting, error }: FirstRunProps) {
  return (
    <section className="card card-welcome" aria-labelledby="popup-first-run" data-coach-first-run>
      <h2 id="popup-first-run">{t('popup_first_run_title')}</h2>
      <p>{t('popup_first_run_body')}</p>
      <button type="button" className="button primary wide" onClick={onStart} disabled={starting} aria-busy={starting}>
        {t('popup_start_today')}
      </button>
      {starting && (
        <p className="muted small" role="status">
          {t('popup_starting')}
        </p>
      )}
      {error && (
        <p className="error small" role="alert">
          {t('popup_start_error')}
        </p>
      )}
      <button type="button" className="link" onClick={onOpenOptions}>
        {t('popup_choose_date')}
      </button>
    </section>
  );
}
