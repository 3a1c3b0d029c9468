/** The whole popup for one PopupData: header, notices and the sections. Presentational only. */
import { useEffect } from 'react';
import { browserUiLanguage, resolveUiLanguage, setUiLanguage } from '@/utils/i18n';
import type { PopupData } from '@/utils/usage/progress';
import type { JourneySnippet } from '@/utils/usage/report';
import { ActivitySection } from './ActivitySection';
import { BadgesSection } from './BadgesSection';
import { FirstRun } from './FirstRun';
import { Header } from './Header';
import { HygieneSection } from './HygieneSection';
import { JourneySection } from './JourneySection';
import { PageNotice } from './PageNotice';
import type { PageState } from './pageState';
import { TodaySection, type SnippetActions } from './TodaySection';
import { t } from '@/utils/i18n';

export interface PopupViewProps {
  data: PopupData;
  /** The active tab's state; null while unknown. */
  page: PageState | null;
  onStartToday: () => void;
  starting: boolean;
  startError: boolean;
  onOpenOptions: () => void;
  onOpenSnippet: (item: JourneySnippet) => void;
  previewKey: string | null;
  onClosePreview: () => void;
  /** For tests; defaults to the browser's UI language. */
  browserLanguage?: string;
}

export function PopupView(props: PopupViewProps) {
  const { data, page } = props;
  const { progress } = data;
  const lang = resolveUiLanguage(data.settings.language, props.browserLanguage ?? browserUiLanguage());
  // t() reads the module-level language: set it before the children render.
  setUiLanguage(lang);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const actions: SnippetActions = {
    lang,
    graduated: progress.status.kind === 'graduated',
    previewKey: props.previewKey,
    onOpenSnippet: props.onOpenSnippet,
    onClosePreview: props.onClosePreview,
  };
  const started = progress.status.kind !== 'not-started';

  return (
    <div className="popup" lang={lang} data-page-state={page?.kind ?? 'unknown'}>
      <Header status={progress.status} onOpenOptions={props.onOpenOptions} />
      <main className="content">
        <PageNotice page={page} onOpenOptions={props.onOpenOptions} />
        {!started && (
          <FirstRun onStart={props.onStartToday} onOpenOptions={props.onOpenOptions} starting={props.starting} error={props.startError} />
        )}
        <TodaySection progress={progress} actions={actions} showNext={started} />
        {started && (
          <JourneySection
            progress={progress}
            packsEnabled={data.packsEnabled}
            startDate={data.settings.startDate}
            actions={actions}
            onOpenOptions={props.onOpenOptions}
          />
        )}
        <HygieneSection hygiene={progress.hygiene} />
        <ActivitySection activity={progress.activity} totalEvents={progress.totalEvents} />
        <BadgesSection badges={progress.badges} lang={lang} />
      </main>
      <footer className="footer muted small">{t('popup_privacy')}</footer>
    </div>
  );
}
