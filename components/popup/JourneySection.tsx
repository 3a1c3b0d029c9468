/**
 * The 90-day journey: milestones of all enabled packs grouped by week (done, due, late, upcoming)
 * and the snippets scheduled for each day. After day 90: a summary and the ongoing goals.
 */
import { t } from '@/utils/i18n';
import { localize } from '@/utils/packs/text';
import { itemKey } from '@/utils/packs/refs';
import type { JourneyMilestone, MilestoneStatus } from '@/utils/usage/report';
import type { JourneyWeek, Progress } from '@/utils/usage/progress';
import { dateOfJourneyDay, percent } from './format';
import { SnippetPreview, snippetKey } from './SnippetPreview';
import type { SnippetActions } from './TodaySection';

const STATUS_KEY: Record<MilestoneStatus, string> = {
  done: 'popup_status_done',
  due: 'popup_status_due',
  late: 'popup_status_late',
  upcoming: 'popup_status_upcoming',
};

function MilestoneRow({ item, lang }: { item: JourneyMilestone; lang: string }) {
  const m = item.milestone;
  return (
    <li className={`milestone status-${item.status}`} data-coach-milestone={itemKey(item.packId, m.id)} data-status={item.status}>
      <span className="status-dot" aria-hidden="true">
        {item.status === 'done' ? '✓' : ''}
      </span>
      <span className="milestone-text">
        <span className="milestone-title">{localize(m.title, lang)}</span>
        {m.day !== undefined && <span className="muted small"> · {t('popup_day_n', m.day)}</span>}
      </span>
      <span className={`pill pill-${item.status}`}>{t(STATUS_KEY[item.status])}</span>
    </li>
  );
}

function WeekBody({ week, startDate, actions }: { week: JourneyWeek; startDate: string | null; actions: SnippetActions }) {
  const { lang } = actions;
  if (!week.milestones.length && !week.days.length) return <p className="muted small">{t('popup_week_empty')}</p>;
  return (
    <>
      {week.milestones.length > 0 && (
        <ul className="milestones">
          {week.milestones.map((m) => (
            <MilestoneRow key={itemKey(m.packId, m.milestone.id)} item={m} lang={lang} />
          ))}
        </ul>
      )}
      {week.days.length > 0 && (
        <ul className="days">
          {week.days.map((d) => {
            const date = dateOfJourneyDay(startDate, d.day);
            return (
              <li key={d.day} className="day">
                <span className="day-label">
                  {t('popup_day_n', d.day)}
                  {date && <span className="muted"> · {date}</span>}
                </span>
                <ul className="snippets">
                  {d.snippets.map((s) => (
                    <li key={snippetKey(s)} data-coach-journey-snippet={snippetKey(s)} data-completed={String(s.completed)}>
                      <button type="button" className={`snippet${s.completed ? ' is-done' : ''}`} onClick={() => actions.onOpenSnippet(s)}>
                        <span className="snippet-check" aria-hidden="true">
                          {s.completed ? '✓' : '▸'}
                        </span>
                        <span className="snippet-title">{localize(s.snippet.title, lang)}</span>
                        {s.snippet.minutes ? <span className="muted small"> · {t('popup_minutes', s.snippet.minutes)}</span> : null}
                        {s.completed && <span className="vh"> ({t('popup_snippet_completed')})</span>}
                      </button>
                      {actions.previewKey === snippetKey(s) && <SnippetPreview item={s} lang={lang} onClose={actions.onClosePreview} />}
                    </li>
                  ))}
                </ul>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

function Weeks({ progress, startDate, actions }: { progress: Progress; startDate: string | null; actions: SnippetActions }) {
  const weeks = progress.plan.weeks;
  const anyCurrent = weeks.some((w) => w.current);
  const shown = weeks.filter((w) => w.current || w.milestones.length || w.days.length);
  return (
    <ol className="weeks">
      {shown.map((w) => (
        <li key={w.week} className={`week${w.current ? ' is-current' : ''}${w.past ? ' is-past' : ''}${w.late ? ' has-late' : ''}`} data-coach-week={w.week}>
          <details open={w.current || (!anyCurrent && w === shown[0] && progress.status.kind !== 'graduated')}>
            <summary>
              <span className="week-name">{t('popup_week', w.week)}</span>
              <span className="muted small">{t('popup_week_days', w.fromDay, w.toDay)}</span>
              {w.current && <span className="pill pill-current">{t('popup_this_week')}</span>}
              {w.milestones.length > 0 && (
                <span className="week-count">
                  <span aria-hidden="true">
                    {w.done}/{w.milestones.length}
                  </span>
                  <span className="vh">{t('popup_journey_summary', w.done, w.milestones.length)}</span>
                </span>
              )}
            </summary>
            <WeekBody week={w} startDate={startDate} actions={actions} />
          </details>
        </li>
      ))}
    </ol>
  );
}

function Graduated({ progress, startDate, actions }: { progress: Progress; startDate: string | null; actions: SnippetActions }) {
  const { plan, hygiene, streak } = progress;
  const goals = [
    ...plan.ongoing.filter((m) => m.status !== 'done'),
    ...plan.weeks.flatMap((w) => w.milestones).filter((m) => m.status !== 'done'),
  ];
  return (
    <>
      <p className="graduated-summary">
        {t('popup_graduated_summary', plan.milestonesDone, plan.milestonesTotal, plan.snippetsDone, plan.snippetsTotal)}
      </p>
      <h3 className="subhead">{t('popup_ongoing')}</h3>
      <ul className="milestones goals">
        {goals.map((m) => (
          <MilestoneRow key={itemKey(m.packId, m.milestone.id)} item={m} lang={actions.lang} />
        ))}
        <li className={`milestone goal status-${(hygiene.overall.share ?? 0) >= 0.8 ? 'done' : 'due'}`}>
          <span className="status-dot" aria-hidden="true" />
          <span className="milestone-text">{t('popup_goal_hygiene')}</span>
          <span className="pill">{percent(hygiene.overall.share)}</span>
        </li>
        <li className={`milestone goal status-${streak > 0 ? 'done' : 'due'}`}>
          <span className="status-dot" aria-hidden="true" />
          <span className="milestone-text">{t('popup_goal_streak')}</span>
          <span className="pill">{streak}</span>
        </li>
      </ul>
      <details className="past-journey">
        <summary>{t('popup_show_journey')}</summary>
        <Weeks progress={progress} startDate={startDate} actions={actions} />
      </details>
    </>
  );
}

export interface JourneySectionProps {
  progress: Progress;
  packsEnabled: number;
  startDate: string | null;
  actions: SnippetActions;
  onOpenOptions: () => void;
}

export function JourneySection({ progress, packsEnabled, startDate, actions, onOpenOptions }: JourneySectionProps) {
  const { plan } = progress;
  let body;
  if (packsEnabled === 0) {
    body = (
      <div className="empty" data-coach-no-packs>
        <p>{t('popup_no_packs')}</p>
        <button type="button" className="button" onClick={onOpenOptions}>
          {t('popup_manage_packs')}
        </button>
      </div>
    );
  } else if (progress.status.kind === 'graduated') {
    body = <Graduated progress={progress} startDate={startDate} actions={actions} />;
  } else {
    const fraction = plan.milestonesTotal ? plan.milestonesDone / plan.milestonesTotal : 0;
    body = (
      <>
        <p className="muted small">{t('popup_journey_summary', plan.milestonesDone, plan.milestonesTotal)}</p>
        <span className="meter meter-wide" aria-hidden="true">
          <span style={{ width: `${Math.round(fraction * 100)}%` }} />
        </span>
        <Weeks progress={progress} startDate={startDate} actions={actions} />
        {plan.ongoing.length > 0 && (
          <>
            <h3 className="subhead">{t('popup_ongoing')}</h3>
            <ul className="milestones">
              {plan.ongoing.map((m) => (
                <MilestoneRow key={itemKey(m.packId, m.milestone.id)} item={m} lang={actions.lang} />
              ))}
            </ul>
          </>
        )}
      </>
    );
  }
  return (
    <section className="card" aria-labelledby="popup-journey" data-coach-section="journey">
      <h2 id="popup-journey">{t('popup_journey')}</h2>
      {body}
    </section>
  );
}
