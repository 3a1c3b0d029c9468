/** A missing-field nudge: message, severity, one button per empty field, done marks as they fill. */
import { useId } from 'react';
import { t } from '@/utils/i18n';
import { localize } from '@/utils/packs/text';
import { nudgeFieldKey } from '@/utils/coach/nudge-tracker';
import type { NudgePlan } from '@/utils/coach/types';
import type { FieldModel } from '@/utils/crm/types';

export interface NudgeCardProps {
  plan: NudgePlan;
  lang: string;
  /** Field keys (`<nudgeKey>|<label>`) filled on this page after being seen empty. */
  done: ReadonlySet<string>;
  /** The last confirmation to announce, e.g. "Amount filled. Nice work!". */
  announcement: string;
  collapsed: boolean;
  onToggle(): void;
  onFocusField(field: FieldModel): void;
}

export function NudgeCard({ plan, lang, done, announcement, collapsed, onToggle, onFocusField }: NudgeCardProps) {
  const id = useId();
  const severity = plan.nudge.severity ?? 'info';
  const doneFields = plan.fields.filter((f) => !f.empty && done.has(nudgeFieldKey(plan.key, f.field.label)));
  const points = plan.nudge.points ?? 1;
  // Every card has a live region: only the card whose field was filled says so (once, not per card).
  const ownAnnouncement = doneFields.some((f) => announcement.startsWith(t('coach_nudge_filled', f.field.label))) ? announcement : '';
  return (
    <section
      className={`cc-card cc-nudge cc-nudge-${severity}`}
      data-coach-nudge={plan.key}
      data-coach-severity={severity}
      aria-labelledby={`${id}-h`}
    >
      <div className="cc-card-head">
        <span className={`cc-badge cc-badge-${severity}`}>{t(`coach_severity_${severity}`)}</span>
        <h3 className="cc-card-title" id={`${id}-h`}>
          {plan.missing.length ? t('coach_nudge_count', plan.missing.length) : t('coach_nudge_all_done')}
        </h3>
        <button
          type="button"
          className="cc-icon-btn"
          aria-expanded={!collapsed}
          aria-label={collapsed ? t('coach_nudge_expand') : t('coach_nudge_collapse')}
          onClick={onToggle}
        >
          {collapsed ? '+' : '−'}
        </button>
      </div>
      {!collapsed && (
        <>
          <div className="cc-md">{localize(plan.nudge.message, lang)}</div>
          <ul className="cc-fields">
            {plan.missing.map((f) => (
              <li key={f.field.label}>
                <button type="button" className="cc-field-btn" data-coach-missing={f.field.label} onClick={() => onFocusField(f.field)}>
                  {f.field.label}
                </button>
              </li>
            ))}
            {doneFields.map((f) => (
              <li key={f.field.label} className="cc-field-done" data-coach-done={f.field.label}>
                <span className="cc-check" aria-hidden="true">
                  ✓
                </span>
                {f.field.label}
                <span className="cc-points">{t('coach_nudge_points', points)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="cc-status-line" role="status">
        {ownAnnouncement}
      </p>
    </section>
  );
}
