/** "About you": role, start date and language. Controls the policy sets are locked. */
import { useId, useState } from 'react';
import { t } from '@/utils/i18n';
import type { InstalledPack } from '@/utils/packs/types';
import type { EffectiveSettings, Settings } from '@/utils/settings';
import { roleChoices, roleLabelKey } from './roles';

interface Props {
  settings: EffectiveSettings;
  packs: InstalledPack[];
  onSave: (patch: Partial<Settings>) => Promise<EffectiveSettings>;
}

type Status = { kind: 'saved' } | { kind: 'error'; message: string } | null;

export function ProfileSection({ settings, packs, onSave }: Props) {
  const [status, setStatus] = useState<Status>(null);
  const headingId = useId();
  const roleId = useId();
  const dateId = useId();
  const langId = useId();
  const lockedRoleId = useId();
  const lockedDateId = useId();
  const roles = roleChoices(packs, settings.role);

  const save = async (patch: Partial<Settings>) => {
    try {
      await onSave(patch);
      setStatus({ kind: 'saved' });
    } catch (err) {
      setStatus({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  };

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('options_profile_heading')}</h2>
      <p className="muted">{t('options_profile_intro')}</p>
      <div className="fields">
        <div className="field">
          <label htmlFor={roleId}>{t('options_your_role')}</label>
          <select
            id={roleId}
            value={settings.role ?? ''}
            disabled={settings.locked.role}
            aria-describedby={settings.locked.role ? lockedRoleId : undefined}
            onChange={(e) => void save({ role: e.target.value === '' ? null : e.target.value })}
          >
            <option value="">{t('options_role_none')}</option>
            {roles.map((role) => {
              const key = roleLabelKey(role);
              return (
                <option key={role} value={role}>
                  {key ? t(key) : role}
                </option>
              );
            })}
          </select>
          {settings.locked.role && (
            <span className="locked-note" id={lockedRoleId}>
              {t('options_locked')}
            </span>
          )}
        </div>

        <div className="field">
          <label htmlFor={dateId}>{t('options_start_date')}</label>
          <input
            id={dateId}
            type="date"
            value={settings.startDate ?? ''}
            disabled={settings.locked.startDate}
            aria-describedby={settings.locked.startDate ? lockedDateId : undefined}
            onChange={(e) => {
              const value = e.target.value;
              // A date input reports '' while a date is half typed: only whole dates (or clearing) save.
              if (value === '' || /^\d{4}-\d{2}-\d{2}$/.test(value)) void save({ startDate: value === '' ? null : value });
            }}
          />
          <span className="hint">{t('options_start_date_hint')}</span>
          {settings.locked.startDate && (
            <span className="locked-note" id={lockedDateId}>
              {t('options_locked')}
            </span>
          )}
        </div>

        <div className="field">
          <label htmlFor={langId}>{t('options_language')}</label>
          <select
            id={langId}
            value={settings.language}
            onChange={(e) => void save({ language: e.target.value as Settings['language'] })}
          >
            <option value="auto">{t('options_language_auto')}</option>
            <option value="en" lang="en">
              English
            </option>
            <option value="zh-CN" lang="zh-CN">
              中文（简体）
            </option>
          </select>
        </div>
      </div>
      {status?.kind === 'saved' && (
        <p role="status" className="saved">
          {t('options_saved')}
        </p>
      )}
      {status?.kind === 'error' && (
        <p role="alert" className="notice notice-error">
          {status.message}
        </p>
      )}
    </section>
  );
}
