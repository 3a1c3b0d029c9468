/** A one-line notice about the active tab: not a CRM page the coach knows, or a paused site. */
import { t } from '@/utils/i18n';
import type { PageState } from './pageState';

export function PageNotice({ page, onOpenOptions }: { page: PageState | null; onOpenOptions: () => void }) {
  if (!page || page.kind === 'crm') return null;
  if (page.kind === 'paused') {
    return (
      <div className="notice notice-paused" data-coach-page-state="paused">
        <span>{t('popup_notice_paused', page.host)}</span>{' '}
        <button type="button" className="link" onClick={onOpenOptions}>
          {t('popup_notice_paused_action')}
        </button>
      </div>
    );
  }
  return (
    <p className="notice" data-coach-page-state="not-crm">
      {t('popup_notice_not_crm')}
    </p>
  );
}
