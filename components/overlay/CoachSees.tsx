/** "What the coach sees": the page model (never field values) and why each item did or did not fire. */
import { useMemo, useState } from 'react';
import { t } from '@/utils/i18n';
import type { PageModel } from '@/utils/crm/types';
import type { ItemExplanation, Reason } from '@/utils/coach/types';

const MAX_ROWS = 150;

export function reasonText(r: Reason): string {
  return t(`coach_why_${r.code}`, r.expected ?? '', r.actual || t('coach_unset'));
}

export function CoachSees({ model, explanations }: { model: PageModel; explanations: ItemExplanation[] }) {
  const [filter, setFilter] = useState('');
  const fields = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return q ? model.fields.filter((f) => f.label.toLowerCase().includes(q) || f.apiName.toLowerCase().includes(q)) : model.fields;
  }, [model.fields, filter]);
  const yes = t('coach_yes_short');
  const no = t('coach_no_short');
  return (
    <div data-coach-sees="">
      <dl className="cc-kv">
        <dt>{t('coach_sees_crm')}</dt>
        <dd data-coach-seen="crm">{model.crm}</dd>
        <dt>{t('coach_sees_object')}</dt>
        <dd data-coach-seen="object" data-coach-seen-label={model.object?.label} data-coach-seen-api={model.object?.apiName}>
          {model.object ? `${model.object.label} (${model.object.apiName})` : t('coach_none')}
        </dd>
        <dt>{t('coach_sees_page')}</dt>
        <dd data-coach-seen="page">{model.page}</dd>
        <dt>{t('coach_sees_record')}</dt>
        <dd data-coach-seen="record">{model.recordKey ? t('coach_sees_record_yes') : t('coach_none')}</dd>
      </dl>

      <h3 className="cc-section-title">{t('coach_sees_items')}</h3>
      {explanations.length === 0 ? (
        <p className="cc-empty">{t('coach_none')}</p>
      ) : (
        <ul className="cc-list">
          {explanations.map((e) => (
            <li key={`${e.kind}:${e.key}`} className="cc-row" data-coach-why={e.key} data-coach-why-status={e.status}>
              <div className="cc-row-main">
                <div className="cc-row-title cc-mono">{e.key}</div>
                <div className="cc-row-sub">
                  {t(`coach_kind_${e.kind}`)} ·{' '}
                  <span className={e.status === 'hidden' ? undefined : 'cc-ok-text'}>{t(`coach_status_${e.status}`)}</span>
                </div>
                {e.reasons.length > 0 && (
                  <ul className="cc-why">
                    {e.reasons.map((r, i) => (
                      <li key={i}>{reasonText(r)}</li>
                    ))}
                  </ul>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}

      <h3 className="cc-section-title">{t('coach_sees_fields', model.fields.length)}</h3>
      <p className="cc-row-sub" style={{ margin: '0 0 6px' }}>
        {t('coach_sees_privacy')}
      </p>
      {model.fields.length > 8 && (
        <input
          className="cc-input"
          type="search"
          aria-label={t('coach_sees_filter')}
          placeholder={t('coach_sees_filter')}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          style={{ marginBottom: 6 }}
        />
      )}
      <table className="cc-table">
        <thead>
          <tr>
            <th scope="col">{t('coach_sees_label')}</th>
            <th scope="col">{t('coach_sees_api')}</th>
            <th scope="col">{t('coach_sees_empty')}</th>
            <th scope="col">{t('coach_sees_required')}</th>
          </tr>
        </thead>
        <tbody>
          {fields.slice(0, MAX_ROWS).map((f, i) => (
            <tr
              key={i}
              data-coach-seen-field={f.label}
              data-coach-seen-empty={String(f.empty)}
              data-coach-seen-required={String(f.required)}
              data-coach-seen-visible={String(f.visible)}
              className={f.visible ? undefined : 'cc-row-hidden'}
            >
              <td>
                {f.label}
                {!f.visible && <span className="cc-badge cc-badge-muted cc-seen-hidden">{t('coach_sees_hidden')}</span>}
              </td>
              <td className="cc-mono">{f.apiName}</td>
              <td>{f.empty ? yes : no}</td>
              <td>{f.required ? yes : no}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {fields.length > MAX_ROWS && <p className="cc-empty">{t('coach_sees_more', fields.length - MAX_ROWS)}</p>}
    </div>
  );
}
