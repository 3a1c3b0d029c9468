/** The popup header: where the user is on the 90-day journey, with a ring, and the options button. */
import { t } from '@/utils/i18n';
import { JOURNEY_DAYS, type JourneyStatus } from '@/utils/usage/progress';
import { ProgressRing } from './ProgressRing';

function headerText(status: JourneyStatus): { marker: string; subtitle: string; fraction: number; ring: string } {
  switch (status.kind) {
    case 'not-started':
      return { marker: t('popup_not_started'), subtitle: t('popup_header_subtitle'), fraction: 0, ring: '0' };
    case 'upcoming':
      return { marker: t('popup_starts_in', status.daysUntil), subtitle: t('popup_header_subtitle'), fraction: 0, ring: '0' };
    case 'journey':
      return { marker: t('popup_day_of', status.day, JOURNEY_DAYS), subtitle: t('popup_header_subtitle'), fraction: status.fraction, ring: String(status.day) };
    case 'graduated':
      return { marker: t('popup_graduated'), subtitle: t('popup_graduated_since', status.day), fraction: 1, ring: '✓' };
  }
}

export function Header({ status, onOpenOptions }: { status: JourneyStatus; onOpenOptions: () => void }) {
  const { marker, subtitle, fraction, ring } = headerText(status);
  return (
    <header className={`header header-${status.kind}`}>
      <ProgressRing fraction={fraction} label={ring} />
      <div className="header-text">
        <h1 className="header-title" data-coach-day>
          {marker}
        </h1>
        <p className="header-subtitle">{subtitle}</p>
      </div>
      <button type="button" className="icon-button" aria-label={t('popup_open_options')} title={t('popup_open_options')} onClick={onOpenOptions}>
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
          <path
            fill="currentColor"
            d="M19.4 13a7.6 7.6 0 0 0 0-2l2.1-1.6-2-3.5-2.5 1a7.4 7.4 0 0 0-1.7-1L15 3.2h-4l-.3 2.7a7.4 7.4 0 0 0-1.7 1l-2.5-1-2 3.5L4.6 11a7.6 7.6 0 0 0 0 2l-2.1 1.6 2 3.5 2.5-1c.5.4 1.1.7 1.7 1l.3 2.7h4l.3-2.7c.6-.3 1.2-.6 1.7-1l2.5 1 2-3.5L19.4 13ZM13 15.5a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7Z"
            transform="translate(-1 0)"
          />
        </svg>
      </button>
    </header>
  );
}
