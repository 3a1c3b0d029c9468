/** Today: the single next best step, then points, level and streak. */
import { t } from '@/utils/i18n';
import { localize } from '@/utils/packs/text';
import type { NextStep, Progress } from '@/utils/usage/progress';
import type { JourneySnippet } from '@/utils/usage/report';
import { SnippetPreview, snippetKey } from './SnippetPreview';

export interface SnippetActions {
  lang: string;
  /** After day 90 an unfinished milestone is an ongoing goal rather than "late". */
  graduated?: boolean;
  /** Key `<packId>/<snippetId>` of the snippet shown inline, if any. */
  previewKey: string | null;
  onOpenSnippet: (item: JourneySnippet) => void;
  onClosePreview: () => void;
}

function NextStepBody({ step, actions }: { step: NextStep; actions: SnippetActions }) {
  const { lang } = actions;
  switch (step.kind) {
    case 'snippet': {
      const s = step.item.snippet;
      const meta = step.late
        ? t('popup_next_snippet_late', step.day)
        : step.upcoming
          ? t('popup_next_snippet_upcoming', step.day)
          : t('popup_next_snippet_today');
      return (
        <>
          <p className={`next-meta${step.late ? ' is-late' : ''}`}>{meta}</p>
          <p className="next-title">{localize(s.title, lang)}</p>
          {s.minutes ? <p className="muted small">{t('popup_minutes', s.minutes)}</p> : null}
          <button
            type="button"
            className="button primary"
            onClick={() => actions.onOpenSnippet(step.item)}
            aria-label={`${t('popup_open_snippet')}: ${localize(s.title, lang)}`}
          >
            {t('popup_open_snippet')}
          </button>
          {actions.previewKey === snippetKey(step.item) && (
            <SnippetPreview item={step.item} lang={lang} onClose={actions.onClosePreview} />
          )}
        </>
      );
    }
    case 'milestone': {
      const m = step.item.milestone;
      const meta =
        m.day === undefined || actions.graduated
          ? t('popup_next_milestone_anytime')
          : step.late
            ? t('popup_next_milestone_late', m.day)
            : t('popup_next_milestone_due', m.day);
      return (
        <>
          <p className={`next-meta${step.late && !actions.graduated ? ' is-late' : ''}`}>{meta}</p>
          <p className="next-title">{localize(m.title, lang)}</p>
          {m.description ? <p className="muted small">{localize(m.description, lang)}</p> : null}
        </>
      );
    }
    case 'nudge':
      return (
        <>
          <p className="next-meta">{t('popup_next_nudge_eyebrow')}</p>
          <p className="next-title">{t('popup_next_nudge_title', step.object)}</p>
          <p className="muted small">{t('popup_next_nudge_detail', step.open)}</p>
        </>
      );
    case 'none':
      return <p className="next-none">{t('popup_next_none')}</p>;
  }
}

export function NextStepCard({ step, actions }: { step: NextStep; actions: SnippetActions }) {
  return (
    <div className={`next next-${step.kind}`} data-coach-next={step.kind}>
      <h3 className="eyebrow">{t('popup_next_step')}</h3>
      <NextStepBody step={step} actions={actions} />
    </div>
  );
}

/** A count for people: grouped digits in the page's language ("1,200"). */
export function formatCount(n: number, lang: string): string {
  try {
    return new Intl.NumberFormat(lang).format(n);
  } catch {
    return String(n);
  }
}

/**
 * The text of `key` with its one number kept whole: the number holds on to the signs beside it
 * ("+1,200"), and the words around it stay together, so a narrow card breaks only between the
 * number and its words ("+1,200 / this week", "本周 / +1,200"), never inside either.
 */
export function NumberPhrase({ messageKey, value }: { messageKey: string; value: string }) {
  const mark = '\u0001';
  const parts = t(messageKey, mark).split(mark);
  if (parts.length !== 2) return <>{t(messageKey, value)}</>;
  const [before, after] = parts;
  const cut = (text: string, at: number) => [text.slice(0, at), text.slice(at)] as const;
  const [head, leading] = cut(before, before.lastIndexOf(' ') + 1);
  const firstSpace = after.indexOf(' ');
  const [trailing, tail] = cut(after, firstSpace < 0 ? after.length : firstSpace);
  return (
    <>
      {head.trim() && <span className="nowrap">{head.trim()}</span>}
      {head.trim() && ' '}
      <span className="nowrap">
        {leading}
        {value}
        {trailing}
      </span>
      {tail.trim() && ' '}
      {tail.trim() && <span className="nowrap">{tail.trim()}</span>}
    </>
  );
}

/** A total of six digits or more gets a smaller size so it stays inside its card. */
const sizeClass = (value: number) => (String(value).length >= 6 ? 'stat-value long' : 'stat-value');

export function Stats({ progress, lang }: { progress: Progress; lang: string }) {
  const { level, streak } = progress;
  return (
    <dl className="stats">
      <div className="stat">
        <dt>{t('popup_points')}</dt>
        <dd className={sizeClass(progress.points)} data-coach-points>
          {progress.points}
        </dd>
        <dd className="stat-sub">
          <NumberPhrase messageKey="popup_points_week" value={formatCount(progress.pointsThisWeek, lang)} />
        </dd>
      </div>
      <div className="stat">
        <dt>{t('popup_level')}</dt>
        <dd className="stat-value" data-coach-level>
          {level.level}
        </dd>
        <dd className="stat-sub">
          <span className="meter" aria-hidden="true">
            <span style={{ width: `${Math.round(level.fraction * 100)}%` }} />
          </span>
          {t('popup_level_next', formatCount(level.toNext, lang), level.level + 1)}
        </dd>
      </div>
      <div className="stat" title={t('popup_streak_hint')}>
        <dt>{t('popup_streak')}</dt>
        <dd className="stat-value">
          <span data-coach-streak>{streak}</span>{' '}
          <span className="unit">{streak === 1 ? t('popup_streak_day') : t('popup_streak_days')}</span>
        </dd>
        <dd className="stat-sub">{t('popup_streak_best', formatCount(progress.bestStreak, lang))}</dd>
      </div>
    </dl>
  );
}

export function TodaySection({ progress, actions, showNext }: { progress: Progress; actions: SnippetActions; showNext: boolean }) {
  return (
    <section className="card" aria-labelledby="popup-today" data-coach-section="today">
      <h2 id="popup-today" className="vh">
        {t('popup_today')}
      </h2>
      {showNext && <NextStepCard step={progress.next} actions={actions} />}
      <Stats progress={progress} lang={actions.lang} />
      <p className="muted small hint">{t('popup_streak_hint')}</p>
    </section>
  );
}
