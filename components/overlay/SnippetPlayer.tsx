/** The in-page snippet player: Markdown body, steps to tick, a quiz with feedback, completion. */
import { useEffect, useId, useRef, useState } from 'react';
import { t } from '@/utils/i18n';
import { localize } from '@/utils/packs/text';
import type { Snippet } from '@/utils/packs/types';
import { itemKey } from '@/utils/packs/refs';
import { Markdown } from './Markdown';

export interface SnippetPlayerProps {
  packId: string;
  snippet: Snippet;
  lang: string;
  completed: boolean;
  /** Move focus into the player (only when the user opened it). */
  takeFocus: boolean;
  onClose(): void;
  onComplete(): void;
}

export function SnippetPlayer({ packId, snippet, lang, completed, takeFocus, onClose, onComplete }: SnippetPlayerProps) {
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const [ticked, setTicked] = useState<boolean[]>(() => (snippet.steps ?? []).map(() => false));
  const [choice, setChoice] = useState<number | null>(null);
  const [checked, setChecked] = useState<number | null>(null);
  const [finished, setFinished] = useState(false);
  const quiz = snippet.quiz;
  const correct = quiz ? checked === quiz.answer : true;

  useEffect(() => {
    if (takeFocus) root.current?.focus();
  }, [takeFocus]);

  const finish = () => {
    setFinished(true);
    onComplete();
  };

  return (
    <div
      ref={root}
      className="cc-dialog cc-snippet"
      role="dialog"
      aria-modal="false"
      aria-labelledby={`${id}-t`}
      data-coach-snippet={itemKey(packId, snippet.id)}
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="cc-card-head">
        <div style={{ flex: 1 }}>
          <div className="cc-eyebrow">
            <span className="cc-dot" aria-hidden="true" />
            {t('coach_snippet_label')}
            {snippet.minutes !== undefined && <span className="cc-badge cc-badge-muted">{t('coach_snippet_minutes', snippet.minutes)}</span>}
            {(completed || finished) && <span className="cc-badge cc-badge-ok">{t('coach_snippet_completed')}</span>}
          </div>
          <h2 id={`${id}-t`}>{localize(snippet.title, lang)}</h2>
        </div>
        <button type="button" className="cc-icon-btn" aria-label={t('coach_close')} onClick={onClose}>
          ×
        </button>
      </div>
      <Markdown source={localize(snippet.body, lang)} />
      {snippet.steps && snippet.steps.length > 0 && (
        <>
          <h3 className="cc-section-title">{t('coach_snippet_steps')}</h3>
          <ol className="cc-steps">
            {snippet.steps.map((step, i) => (
              <li key={i}>
                <label className={ticked[i] ? 'cc-check-row cc-ticked' : 'cc-check-row'}>
                  <input
                    type="checkbox"
                    checked={ticked[i] ?? false}
                    onChange={(e) => setTicked((prev) => prev.map((v, j) => (j === i ? e.target.checked : v)))}
                  />
                  <span>{localize(step, lang)}</span>
                </label>
              </li>
            ))}
          </ol>
        </>
      )}
      {quiz && (
        <div className="cc-quiz">
          <h3 className="cc-section-title">{t('coach_snippet_quiz')}</h3>
          <fieldset>
            <legend>{localize(quiz.question, lang)}</legend>
            <div className="cc-steps">
              {quiz.choices.map((c, i) => (
                <label key={i} className="cc-check-row">
                  <input
                    type="radio"
                    name={`${id}-quiz`}
                    checked={choice === i}
                    onChange={() => {
                      setChoice(i);
                      setChecked(null);
                    }}
                  />
                  <span>{localize(c, lang)}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <div className="cc-actions">
            <button type="button" className="cc-btn" disabled={choice === null} onClick={() => setChecked(choice)}>
              {t('coach_snippet_check')}
            </button>
          </div>
          <p
            role="status"
            className={checked === null ? 'cc-feedback' : correct ? 'cc-feedback cc-feedback-ok' : 'cc-feedback cc-feedback-no'}
          >
            {checked === null ? '' : correct ? t('coach_snippet_correct') : t('coach_snippet_wrong')}
          </p>
        </div>
      )}
      <div className="cc-actions">
        {finished ? (
          <p role="status" className="cc-feedback cc-feedback-ok" style={{ flex: 1, margin: 0 }}>
            {t('coach_snippet_done_msg')}
          </p>
        ) : (
          <>
            {!correct && <span className="cc-hint" style={{ margin: 0, flex: 1 }}>{t('coach_snippet_quiz_first')}</span>}
            <span className="cc-spacer" />
            <button type="button" className="cc-btn cc-btn-primary" disabled={!correct} onClick={finish}>
              {t('coach_snippet_finish')}
            </button>
          </>
        )}
      </div>
    </div>
  );
}
