/**
 * A running tour: one step at a time, anchored to its target, advancing on Next, on a click of
 * the target or on input into it (passive listeners; the page's events are never cancelled).
 * Targets are re-resolved whenever the page changes (`tick`), so SPA re-renders and late targets
 * are followed; a missing step is skipped once a later target is present; Esc exits.
 */
import { useCallback, useEffect, useId, useMemo, useRef } from 'react';
import { t } from '@/utils/i18n';
import { localize } from '@/utils/packs/text';
import type { Target, Tour } from '@/utils/packs/types';
import { stepToShow } from '@/utils/coach/tour';
import { CoachMark } from './CoachMark';
import { Markdown } from './Markdown';
import { Highlight } from './Highlight';
import { useAnchored } from './floating';
import { hasValue, type ShadowRootOf } from './dom';

export interface TourRunnerProps {
  tourKey: string;
  tour: Tour;
  lang: string;
  /** 0-based step index. */
  step: number;
  /** Changes on every page change while the tour runs (re-resolve targets). */
  tick: number;
  takeFocus: boolean;
  resolve(target: Target): Element | null;
  shadowRootOf?: ShadowRootOf;
  onStep(step: number): void;
  onExit(): void;
  onComplete(): void;
}

export function TourRunner(props: TourRunnerProps) {
  const { tourKey, tour, lang, step, tick, takeFocus, resolve, shadowRootOf, onStep, onExit, onComplete } = props;
  const id = useId();
  const card = useRef<HTMLDivElement | null>(null);
  const count = tour.steps.length;

  const { shown, target } = useMemo(() => {
    const found = new Map<number, Element | null>();
    const targetOf = (i: number) => {
      if (!found.has(i)) {
        const tg = tour.steps[i].target;
        found.set(i, 'page' in tg ? null : resolve(tg));
      }
      return found.get(i) ?? null;
    };
    const present = (i: number) => 'page' in tour.steps[i].target || targetOf(i) !== null;
    const s = stepToShow(count, step, present);
    return { shown: s, target: targetOf(s) };
    // `tick` re-resolves targets after page changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tour, step, count, resolve, tick]);

  useEffect(() => {
    if (shown !== step) onStep(shown);
  }, [shown, step, onStep]);

  const current = tour.steps[shown];
  const advanceOn = current.advanceOn ?? 'next';
  const waiting = !('page' in current.target) && target === null;
  const last = shown >= count - 1;

  const advance = useCallback(() => {
    if (last) onComplete();
    else onStep(shown + 1);
  }, [last, onComplete, onStep, shown]);

  useEffect(() => {
    if (!target || advanceOn === 'next') return;
    const ac = new AbortController();
    const opts = { passive: true, capture: true, signal: ac.signal } as const;
    if (advanceOn === 'click') {
      target.addEventListener('click', () => advance(), opts);
    } else {
      const onInput = () => {
        if (hasValue(target, shadowRootOf)) advance();
      };
      target.addEventListener('input', onInput, opts);
      target.addEventListener('change', onInput, opts);
    }
    return () => ac.abort();
  }, [target, advanceOn, advance, shadowRootOf]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onExit();
    };
    window.addEventListener('keydown', onKey, { capture: true, passive: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [onExit]);

  const setFloating = useAnchored(target, 'bottom-start', 12);
  const setRefs = useCallback(
    (el: HTMLDivElement | null) => {
      card.current = el;
      setFloating(el);
    },
    [setFloating],
  );
  useEffect(() => {
    if (takeFocus) card.current?.focus();
  }, [takeFocus]);

  return (
    <>
      {target && <Highlight target={target} />}
      <div
        ref={setRefs}
        className={target ? 'cc-card cc-tour' : 'cc-card cc-tour cc-floating-free'}
        data-coach-tour={tourKey}
        role="dialog"
        aria-modal="false"
        aria-labelledby={`${id}-t`}
        aria-describedby={`${id}-b`}
        tabIndex={-1}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onExit();
          }
        }}
      >
        <div data-coach-tour-step={shown + 1}>
          <CoachMark>
            {t('coach_tour_label')}
            <span className="cc-badge cc-badge-muted">{t('coach_tour_step_of', shown + 1, count)}</span>
          </CoachMark>
          <div className="cc-progress" aria-hidden="true">
            {tour.steps.map((_, i) => (
              <span key={i} className={i <= shown ? 'cc-on' : undefined} />
            ))}
          </div>
          <h3 className="cc-card-title" id={`${id}-t`}>
            {localize(current.title ?? tour.title, lang)}
          </h3>
          <div id={`${id}-b`}>
            <Markdown source={localize(current.body, lang)} />
          </div>
          {waiting ? (
            <p className="cc-hint" role="status">
              {t('coach_tour_waiting')}
            </p>
          ) : advanceOn !== 'next' ? (
            <p className="cc-hint">{advanceOn === 'click' ? t('coach_tour_hint_click') : t('coach_tour_hint_input')}</p>
          ) : null}
          <div className="cc-actions">
            <button type="button" className="cc-btn cc-btn-ghost" onClick={onExit}>
              {t('coach_tour_exit')}
            </button>
            <span className="cc-spacer" />
            {(waiting || advanceOn !== 'next') && !last && (
              <button type="button" className="cc-btn" onClick={() => onStep(shown + 1)}>
                {t('coach_tour_skip')}
              </button>
            )}
            {(advanceOn === 'next' || last) && (
              <button type="button" className="cc-btn cc-btn-primary" onClick={advance}>
                {last ? t('coach_tour_finish') : t('coach_tour_next')}
              </button>
            )}
          </div>
        </div>
      </div>
    </>
  );
}
