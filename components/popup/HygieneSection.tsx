/** Record hygiene: the share of nudged fields filled in the last 30 days, per object, with the trend. */
import { t } from '@/utils/i18n';
import type { Hygiene, HygieneRow } from '@/utils/usage/progress';
import { percent, points } from './format';

const GLYPH = { up: '↑', down: '↓', flat: '→' } as const;

/** The trend against the 30 days before; nothing when there is nothing to compare with. */
export function TrendMark({ row }: { row: HygieneRow }) {
  if (row.trend === null || row.delta === null) return <span className="trend" />;
  const text =
    row.trend === 'up'
      ? t('popup_trend_up', points(row.delta))
      : row.trend === 'down'
        ? t('popup_trend_down', points(row.delta))
        : t('popup_trend_flat');
  return (
    <span className={`trend trend-${row.trend}`} title={text} data-trend={row.trend}>
      <span aria-hidden="true">
        {GLYPH[row.trend]}
        {row.trend !== 'flat' ? points(row.delta) : ''}
      </span>
      <span className="vh">{text}</span>
    </span>
  );
}

function Meter({ share }: { share: number | null }) {
  return (
    <span className="meter" aria-hidden="true">
      <span style={{ width: `${Math.round((share ?? 0) * 100)}%` }} />
    </span>
  );
}

export function HygieneSection({ hygiene }: { hygiene: Hygiene }) {
  const { overall, objects, emptyFields } = hygiene;
  return (
    <section className="card" aria-labelledby="popup-hygiene" data-coach-section="hygiene">
      <h2 id="popup-hygiene">{t('popup_hygiene')}</h2>
      <p className="muted small">{t('popup_hygiene_intro')}</p>
      {overall.shown === 0 && objects.length === 0 ? (
        <p className="empty">{t('popup_hygiene_none')}</p>
      ) : (
        <>
          <div className="hygiene-overall" data-coach-hygiene="">
            <span className="hygiene-big" data-coach-hygiene-share>
              {percent(overall.share)}
            </span>
            <span className="hygiene-overall-text">
              <span>{t('popup_hygiene_overall')}</span>
              <span className="muted small">{t('popup_hygiene_counts', Math.min(overall.resolved, overall.shown), overall.shown)}</span>
            </span>
            <TrendMark row={overall} />
          </div>
          <ul className="hygiene-list">
            {objects.map((o) => (
              <li key={o.object} className="hygiene-row" data-coach-hygiene={o.object}>
                <span className="hygiene-object">{o.object}</span>
                <Meter share={o.share} />
                <span className="hygiene-pct" data-coach-hygiene-share>
                  {percent(o.share)}
                </span>
                <TrendMark row={o} />
              </li>
            ))}
          </ul>
        </>
      )}
      {emptyFields.length > 0 && (
        <>
          <h3 className="subhead">{t('popup_empty_fields')}</h3>
          <ol className="empty-fields">
            {emptyFields.map((f) => (
              <li key={`${f.object}|${f.field}`}>
                <span>
                  {f.object && <span className="muted">{f.object} · </span>}
                  <strong>{f.field}</strong>
                </span>
                <span className="muted small">{f.count === 1 ? t('popup_times_one') : t('popup_times', f.count)}</span>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
