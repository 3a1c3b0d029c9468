/**
 * The author card `[data-coach-author]` (docs/authoring.md): the proposed target as it will be
 * written, its live match count and strength with reasons, and the form (kind, Title, Body,
 * `when`, audience) with "Save to draft". Presentational: AuthorMode owns the state.
 */
import { useEffect, useId, useRef } from 'react';
import { t } from '@/utils/i18n';
import type { AuthorReason, Strength, TargetCandidate } from '@/utils/author/target';
import type { AuthorForm, AuthorKind, FormProblem, RecordedStep } from '@/utils/author/form';

export type AuthorStatus = { kind: 'ok' | 'error' | 'busy'; text: string } | null;

export interface AuthorCardProps {
  candidates: TargetCandidate[];
  chosen: number;
  /** Live count for the chosen target (the page may have changed since it was proposed). */
  matches: number;
  strength: Strength;
  form: AuthorForm;
  steps: readonly RecordedStep[];
  problem: FormProblem | null;
  status: AuthorStatus;
  side: 'left' | 'right';
  onChoose(index: number): void;
  onForm(patch: Partial<AuthorForm>): void;
  onSave(): void;
  onAddStep(): void;
  onPickAgain(): void;
  onClose(): void;
}

export function reasonText(r: AuthorReason): string {
  return t(`author_reason_${r.code.replace(/-/g, '_')}`, r.detail ?? '');
}

export function targetText(c: TargetCandidate): string {
  return JSON.stringify(c.target);
}

const KINDS: AuthorKind[] = ['tip', 'nudge-field', 'tour-step'];

export function AuthorCard(props: AuthorCardProps) {
  const { candidates, chosen, matches, strength, form, steps, problem, status, side } = props;
  const id = useId();
  const first = useRef<HTMLElement | null>(null);
  const current = candidates[chosen];
  const weak = strength === 'weak';
  const isField = !!current && 'field' in current.target;
  const tour = form.kind === 'tour-step';

  useEffect(() => {
    first.current?.focus();
  }, []);

  const problemId = `${id}-problem`;
  return (
    <div
      className={`cc-author-card cc-author-${side}`}
      role="dialog"
      aria-modal="false"
      aria-labelledby={`${id}-h`}
      data-coach-author=""
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          props.onClose();
        }
      }}
    >
      <div className="cc-panel-head">
        <h2 id={`${id}-h`}>{t('author_card_title')}</h2>
        <button type="button" className="cc-icon-btn" aria-label={t('author_close')} onClick={props.onClose}>
          ×
        </button>
      </div>
      <div className="cc-author-body">
        <h3 className="cc-section-title">{t('author_target')}</h3>
        {current ? (
          <>
            <code className="cc-author-target cc-mono" data-coach-author-target="">
              {targetText(current)}
            </code>
            <div className="cc-author-meter">
              <span className={`cc-badge cc-author-strength-${strength}`} data-coach-author-strength={strength}>
                {strength}
              </span>
              <span className={matches === 1 ? 'cc-ok-text' : 'cc-author-bad'}>
                <span data-coach-author-matches={matches}>{matches}</span> {t('author_matches')}
              </span>
            </div>
            <ul className="cc-why" data-coach-author-reasons="">
              {current.reasons.map((r, i) => (
                <li key={i}>{reasonText(r)}</li>
              ))}
              {matches !== current.matches && <li>{t('author_page_changed', current.matches)}</li>}
            </ul>
            {candidates.length > 1 && (
              <fieldset className="cc-author-candidates">
                <legend>{t('author_other_targets')}</legend>
                {candidates.map((c, i) => (
                  <label key={i} className="cc-check-row">
                    <input
                      type="radio"
                      name={`${id}-cand`}
                      checked={i === chosen}
                      ref={i === chosen ? (el) => void (first.current ??= el) : undefined}
                      onChange={() => props.onChoose(i)}
                    />
                    <span className="cc-mono">{targetText(c)}</span>
                    <span className="cc-badge cc-badge-muted">
                      {c.strength} · {c.matches}
                    </span>
                  </label>
                ))}
              </fieldset>
            )}
            {weak && (
              <label className="cc-check-row cc-author-confirm">
                <input type="checkbox" checked={form.confirmWeak} onChange={(e) => props.onForm({ confirmWeak: e.target.checked })} />
                <span>{t('author_confirm_weak')}</span>
              </label>
            )}
          </>
        ) : (
          <p className="cc-empty">{t('author_no_target')}</p>
        )}

        <label className="cc-author-field">
          <span>{t('author_kind')}</span>
          <select className="cc-input" value={form.kind} onChange={(e) => props.onForm({ kind: e.target.value as AuthorKind })}>
            {KINDS.map((k) => (
              <option key={k} value={k} disabled={k === 'nudge-field' && !isField}>
                {t(`author_kind_${k.replace('-', '_')}`)}
              </option>
            ))}
          </select>
        </label>
        {tour && (
          <label className="cc-author-field">
            <span>{t('author_tour_title')}</span>
            <input className="cc-input" value={form.tourTitle} onChange={(e) => props.onForm({ tourTitle: e.target.value })} />
          </label>
        )}
        {form.kind !== 'nudge-field' && (
          <label className="cc-author-field">
            <span>{t('author_title')}</span>
            <input
              className="cc-input"
              value={form.title}
              ref={(el) => void (first.current ??= el)}
              aria-invalid={problem === 'title' || undefined}
              onChange={(e) => props.onForm({ title: e.target.value })}
            />
          </label>
        )}
        <label className="cc-author-field">
          <span>{form.kind === 'nudge-field' ? t('author_message') : t('author_body')}</span>
          <textarea
            className="cc-input"
            rows={3}
            value={form.body}
            aria-describedby={`${id}-md`}
            aria-invalid={problem === 'body' || undefined}
            onChange={(e) => props.onForm({ body: e.target.value })}
          />
        </label>
        <p className="cc-hint" id={`${id}-md`}>
          {t('author_body_hint')}
        </p>
        {tour && (
          <label className="cc-author-field">
            <span>{t('author_advance')}</span>
            <select className="cc-input" value={form.advanceOn} onChange={(e) => props.onForm({ advanceOn: e.target.value as AuthorForm['advanceOn'] })}>
              {(['next', 'click', 'input'] as const).map((a) => (
                <option key={a} value={a}>
                  {t(`author_advance_${a}`)}
                </option>
              ))}
            </select>
          </label>
        )}
        <fieldset className="cc-author-when">
          <legend>{t('author_when')}</legend>
          {(['crm', 'object', 'page'] as const).map((k) => (
            <label key={k} className="cc-author-field cc-author-inline">
              <span>{t(`author_when_${k}`)}</span>
              <input className="cc-input cc-mono" value={form[k]} aria-invalid={(k === 'page' && problem === 'page') || undefined} onChange={(e) => props.onForm({ [k]: e.target.value })} />
            </label>
          ))}
          <label className="cc-author-field cc-author-inline">
            <span>{t('author_roles')}</span>
            <input className="cc-input cc-mono" value={form.roles} placeholder={t('author_roles_everyone')} aria-invalid={problem === 'roles' || undefined} onChange={(e) => props.onForm({ roles: e.target.value })} />
          </label>
        </fieldset>

        {tour && steps.length > 0 && (
          <ol className="cc-author-steps" data-coach-author-steps={steps.length}>
            {steps.map((s, i) => (
              <li key={i}>
                <span className="cc-mono">{JSON.stringify(s.target)}</span> {s.title || s.body}
              </li>
            ))}
          </ol>
        )}

        {problem && (
          <p className="cc-author-bad" id={problemId} role="alert">
            {t(`author_problem_${problem}`)}
          </p>
        )}
        {status && (
          <p className={status.kind === 'error' ? 'cc-author-bad' : 'cc-ok-text'} role={status.kind === 'error' ? 'alert' : 'status'}>
            {status.text}
          </p>
        )}
      </div>
      <div className="cc-panel-foot">
        <button type="button" className="cc-btn cc-btn-small" onClick={props.onPickAgain}>
          {t('author_pick_again')}
        </button>
        {tour && (
          <button type="button" className="cc-btn cc-btn-small" onClick={props.onAddStep} disabled={!current}>
            {t('author_add_step')}
          </button>
        )}
        <button type="button" className="cc-btn cc-btn-small cc-btn-primary" onClick={props.onSave} aria-describedby={problem ? problemId : undefined} disabled={status?.kind === 'busy'}>
          {t('author_save')}
        </button>
      </div>
    </div>
  );
}
