/** A tip: anchored next to its target on the page, or inline in the coach panel. */
import { useId, useState } from 'react';
import { t } from '@/utils/i18n';
import { localize } from '@/utils/packs/text';
import type { TipPlan } from '@/utils/coach/types';
import { Markdown } from './Markdown';
import { useAnchored } from './floating';

export type LearnMoreLink = { kind: 'snippet'; title: string } | { kind: 'url'; href: string } | null;

export interface TipCardProps {
  plan: TipPlan;
  lang: string;
  /** The page element to anchor to; null renders the tip inline (coach panel). */
  anchor: Element | null;
  learnMore: LearnMoreLink;
  onDismiss(): void;
  onSnooze(): void;
  onHelpful(helpful: boolean): void;
  onLearnMore(): void;
}

export function TipCard({ plan, lang, anchor, learnMore, onDismiss, onSnooze, onHelpful, onLearnMore }: TipCardProps) {
  const id = useId();
  const [answered, setAnswered] = useState(false);
  const setFloating = useAnchored(anchor, 'bottom-start');
  const title = localize(plan.tip.title, lang);
  const body = localize(plan.tip.body, lang);
  const answer = (helpful: boolean) => {
    setAnswered(true);
    onHelpful(helpful);
  };
  return (
    <div
      ref={anchor ? setFloating : undefined}
      className={anchor ? 'cc-card cc-tip' : 'cc-card cc-tip cc-inline'}
      data-coach-tip={plan.key}
      role={anchor ? 'dialog' : 'group'}
      aria-labelledby={`${id}-t`}
      aria-describedby={body ? `${id}-b` : undefined}
    >
      {anchor && (
        <div className="cc-eyebrow">
          <span className="cc-dot" aria-hidden="true" />
          {t('coach_tip_label')}
        </div>
      )}
      <div className="cc-card-head">
        <h3 className="cc-card-title" id={`${id}-t`}>
          {title}
        </h3>
      </div>
      <Markdown source={body} id={`${id}-b`} />
      <div className="cc-actions">
        <button type="button" className="cc-btn cc-btn-primary" onClick={onDismiss}>
          {t('coach_tip_got_it')}
        </button>
        <button type="button" className="cc-btn cc-btn-ghost" onClick={onSnooze}>
          {t('coach_tip_not_now')}
        </button>
        <span className="cc-spacer" />
        {learnMore?.kind === 'url' && (
          <a className="cc-link" href={learnMore.href} target="_blank" rel="noopener noreferrer">
            {t('coach_learn_more')}
          </a>
        )}
        {learnMore?.kind === 'snippet' && (
          <button type="button" className="cc-btn cc-btn-ghost cc-btn-small" onClick={onLearnMore} aria-label={`${t('coach_learn_more')}: ${learnMore.title}`}>
            {t('coach_learn_more')} →
          </button>
        )}
      </div>
      <div className="cc-helpful" role="group" aria-label={t('coach_tip_helpful')}>
        {answered ? (
          <span role="status">{t('coach_tip_thanks')}</span>
        ) : (
          <>
            <span>{t('coach_tip_helpful')}</span>
            <span className="cc-spacer" />
            <button type="button" className="cc-btn cc-btn-small" onClick={() => answer(true)}>
              {t('coach_yes')}
            </button>
            <button type="button" className="cc-btn cc-btn-small" onClick={() => answer(false)}>
              {t('coach_no')}
            </button>
          </>
        )}
      </div>
    </div>
  );
}
