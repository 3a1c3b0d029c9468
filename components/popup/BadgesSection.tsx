/** Badges for milestones, streaks (7, 30, 90 work days) and graduation. Private to the user. */
import { useMemo } from 'react';
import { t } from '@/utils/i18n';
import { localize } from '@/utils/packs/text';
import type { Badge } from '@/utils/usage/progress';

function BadgeIcon({ kind }: { kind: Badge['kind'] }) {
  const path =
    kind === 'streak'
      ? 'M12 2c1 4 5 6 5 11a5 5 0 0 1-10 0c0-2 1-3.5 2-4.5 0 2 1 3 2 3 0-3-1-6 1-9.5Z'
      : kind === 'graduate'
        ? 'M12 4 1 9l11 5 9-4.1V16h2V9L12 4Zm-6 9.2V17c0 1.7 2.7 3 6 3s6-1.3 6-3v-3.8l-6 2.7-6-2.7Z'
        : 'm12 2 2.9 6.3 6.9.7-5.2 4.6 1.5 6.8L12 17l-6.1 3.4 1.5-6.8L2.2 9l6.9-.7L12 2Z';
  return (
    <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
      <path fill="currentColor" d={path} />
    </svg>
  );
}

function badgeText(badge: Badge, lang: string): { name: string; state: string } {
  const earned = t('popup_badge_earned');
  switch (badge.kind) {
    case 'streak':
      return {
        name: t('popup_badge_streak', badge.days),
        state: badge.earned ? earned : t('popup_badge_progress', Math.min(badge.best, badge.days), badge.days),
      };
    case 'graduate':
      return { name: t('popup_badge_graduate'), state: badge.earned ? earned : t('popup_badge_graduate_hint') };
    case 'milestone':
      return { name: localize(badge.item.milestone.title, lang), state: badge.earned ? earned : t('popup_badge_locked') };
  }
}

/** Locked milestone badges shown before the rest are summed up in one line. */
export const LOCKED_MILESTONES_SHOWN = 3;

/** All earned badges, the streak and graduate badges, and the next few locked milestones. */
export function visibleBadges(badges: Badge[]): { shown: Badge[]; hidden: number } {
  let locked = 0;
  const shown = badges.filter((b) => b.earned || b.kind !== 'milestone' || locked++ < LOCKED_MILESTONES_SHOWN);
  return { shown, hidden: badges.length - shown.length };
}

export function BadgesSection({ badges, lang }: { badges: Badge[]; lang: string }) {
  const { shown, hidden } = useMemo(() => visibleBadges(badges), [badges]);
  return (
    <section className="card" aria-labelledby="popup-badges" data-coach-section="badges">
      <h2 id="popup-badges">{t('popup_badges')}</h2>
      <p className="muted small">{t('popup_badges_private')}</p>
      <ul className="badges">
        {shown.map((b) => {
          const { name, state } = badgeText(b, lang);
          return (
            <li key={b.id} className={`badge badge-${b.kind} ${b.earned ? 'is-earned' : 'is-locked'}`} data-coach-badge={b.id} data-earned={String(b.earned)}>
              <span className="badge-icon">
                <BadgeIcon kind={b.kind} />
              </span>
              <span className="badge-name">{name}</span>
              <span className="badge-state">{state}</span>
            </li>
          );
        })}
      </ul>
      {hidden > 0 && <p className="badges-more">{t('popup_badges_more', hidden)}</p>}
    </section>
  );
}
