/** Activity: last 30 days of pages, tips, fields filled and snippets done, as a chart and a hidden table. */
import { useMemo, useState } from 'react';
import { t } from '@/utils/i18n';
import { ACTIVITY_METRICS, seriesTotals, type ActivityDay, type ActivityMetric } from '@/utils/usage/progress';
import { ActivityChart } from './ActivityChart';
import { shortDate } from './format';

const LABEL_KEY: Record<ActivityMetric, string> = {
  pages: 'popup_metric_pages',
  tips: 'popup_metric_tips',
  fields: 'popup_metric_fields',
  snippets: 'popup_metric_snippets',
};

export function ActivitySection({ activity, totalEvents }: { activity: ActivityDay[]; totalEvents: number }) {
  const [metric, setMetric] = useState<ActivityMetric>('pages');
  const totals = useMemo(() => seriesTotals(activity), [activity]);
  const max = useMemo(() => Math.max(0, ...activity.map((d) => d[metric])), [activity, metric]);
  const label = t(LABEL_KEY[metric]);
  return (
    <section className="card" aria-labelledby="popup-activity" data-coach-section="activity">
      <h2 id="popup-activity">{t('popup_activity')}</h2>
      <p className="muted small">{t('popup_activity_intro')}</p>
      <div className="segmented" role="group" aria-label={t('popup_metric_choice')}>
        {ACTIVITY_METRICS.map((m) => (
          <button key={m} type="button" aria-pressed={metric === m} onClick={() => setMetric(m)} data-metric={m}>
            <span className="seg-value">{totals[m]}</span>
            <span className="seg-label">{t(LABEL_KEY[m])}</span>
          </button>
        ))}
      </div>
      <ActivityChart series={activity} metric={metric} description={t('popup_chart_label', label, totals[metric], max)} />
      <div className="vh">
        <table>
          <caption>{t('popup_chart_table_caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('popup_col_date')}</th>
              {ACTIVITY_METRICS.map((m) => (
                <th key={m} scope="col">
                  {t(LABEL_KEY[m])}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {activity.map((d) => (
              <tr key={d.day}>
                <th scope="row">{shortDate(d.day)}</th>
                {ACTIVITY_METRICS.map((m) => (
                  <td key={m}>{d[m]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small events">
        {t('popup_events_recorded')}
        {t('popup_label_colon')}
        <span data-coach-events>{totalEvents}</span>
      </p>
    </section>
  );
}
