/** The coach panel: what applies to this page, a search over every snippet, what the coach sees, pause. */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { t } from '@/utils/i18n';
import { localize } from '@/utils/packs/text';
import type { Pack } from '@/utils/packs/types';
import type { FieldModel } from '@/utils/crm/types';
import type { TipPlan, TourPlan } from '@/utils/coach/types';
import { allSnippets, itemKey } from '@/utils/packs/refs';
import { CoachSees } from './CoachSees';
import type { OverlayView } from './types';

type Tab = 'page' | 'snippets' | 'sees';
const TABS: Tab[] = ['page', 'snippets', 'sees'];
const TAB_LABEL: Record<Tab, string> = { page: 'coach_tab_page', snippets: 'coach_tab_snippets', sees: 'coach_tab_sees' };
const MAX_RESULTS = 50;

export interface PanelProps
  extends Pick<OverlayView, 'lang' | 'model' | 'plan' | 'packs' | 'items' | 'paused' | 'host' | 'launcher' | 'tourProgress'> {
  renderTip(tip: TipPlan): ReactNode;
  onClose(): void;
  onOpenSnippet(packId: string, snippetId: string): void;
  onStartTour(tour: TourPlan): void;
  onFocusField(field: FieldModel): void;
  onPause(paused: boolean): void;
}

/** Snippets whose title or body holds every word of the query (case insensitive). */
export function searchSnippets(packs: readonly Pack[], query: string, lang: string) {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return allSnippets(packs).filter(({ snippet }) => {
    if (!words.length) return true;
    const hay = `${localize(snippet.title, lang)}\n${localize(snippet.body, lang)}\n${(snippet.steps ?? []).map((s) => localize(s, lang)).join('\n')}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

export function Panel(props: PanelProps) {
  const { lang, model, plan, packs, items, paused, host, launcher, tourProgress, renderTip } = props;
  const id = useId();
  const [tab, setTab] = useState<Tab>('page');
  const [query, setQuery] = useState('');
  const root = useRef<HTMLDivElement>(null);
  const tabRefs = useRef<Record<Tab, HTMLButtonElement | null>>({ page: null, snippets: null, sees: null });

  useEffect(() => {
    // Opened by the user: focus goes into the panel.
    tabRefs.current.page?.focus();
  }, []);

  const results = useMemo(() => (tab === 'snippets' ? searchSnippets(packs, query, lang) : []), [tab, packs, query, lang]);

  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    const i = TABS.indexOf(tab);
    const next = e.key === 'ArrowRight' ? TABS[(i + 1) % TABS.length] : e.key === 'ArrowLeft' ? TABS[(i + TABS.length - 1) % TABS.length] : null;
    if (next) {
      e.preventDefault();
      setTab(next);
      tabRefs.current[next]?.focus();
    }
  };

  const vh = typeof window === 'undefined' ? 800 : window.innerHeight;
  const below = launcher.bottom + 56;
  const style = below + 320 > vh ? { right: launcher.right, top: 12 } : { right: launcher.right, bottom: below };

  const nudges = plan.nudges.filter((n) => n.missing.length > 0);
  const nothing = !plan.panelTips.length && !nudges.length && !plan.snippets.length && !plan.tours.length;

  return (
    <div
      ref={root}
      className="cc-panel"
      role="dialog"
      aria-modal="false"
      aria-labelledby={`${id}-h`}
      data-coach-panel=""
      style={style}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          props.onClose();
        }
      }}
    >
      <div className="cc-panel-head">
        <h2 id={`${id}-h`}>CRM Coach</h2>
        <button type="button" className="cc-icon-btn" aria-label={t('coach_close')} onClick={props.onClose}>
          ×
        </button>
      </div>
      <div className="cc-tabs" role="tablist">
        {TABS.map((name) => (
          <button
            key={name}
            ref={(el) => {
              tabRefs.current[name] = el;
            }}
            type="button"
            role="tab"
            id={`${id}-tab-${name}`}
            className="cc-tab"
            aria-selected={tab === name}
            aria-controls={`${id}-panel`}
            tabIndex={tab === name ? 0 : -1}
            onClick={() => setTab(name)}
            onKeyDown={onTabKey}
          >
            {t(TAB_LABEL[name])}
          </button>
        ))}
      </div>
      <div className="cc-panel-body" role="tabpanel" tabIndex={0} id={`${id}-panel`} aria-labelledby={`${id}-tab-${tab}`}>
        {tab === 'page' && (
          <div data-coach-panel-page="">
            {paused && <p className="cc-empty">{t('coach_paused_note', host)}</p>}
            {!paused && nothing && <p className="cc-empty">{t('coach_page_empty')}</p>}
            {!paused && plan.panelTips.length > 0 && (
              <>
                <h3 className="cc-section-title">{t('coach_section_tips')}</h3>
                <div className="cc-list">{plan.panelTips.map((tip) => renderTip(tip))}</div>
              </>
            )}
            {!paused && nudges.length > 0 && (
              <>
                <h3 className="cc-section-title">{t('coach_section_nudges')}</h3>
                <ul className="cc-list">
                  {nudges.map((n) => (
                    <li key={n.key} className="cc-row" data-coach-panel-nudge={n.key}>
                      <div className="cc-row-main">
                        <div className="cc-row-sub">{localize(n.nudge.message, lang)}</div>
                        <ul className="cc-fields">
                          {n.missing.map((f) => (
                            <li key={f.field.label}>
                              <button type="button" className="cc-field-btn" onClick={() => props.onFocusField(f.field)}>
                                {f.field.label}
                              </button>
                            </li>
                          ))}
                        </ul>
                      </div>
                    </li>
                  ))}
                </ul>
              </>
            )}
            {!paused && plan.snippets.length > 0 && (
              <>
                <h3 className="cc-section-title">{t('coach_section_snippets')}</h3>
                <ul className="cc-list">
                  {plan.snippets.map((s) => (
                    <SnippetRow
                      key={s.key}
                      title={localize(s.snippet.title, lang)}
                      minutes={s.snippet.minutes}
                      completed={s.completed}
                      onOpen={() => props.onOpenSnippet(s.packId, s.snippet.id)}
                    />
                  ))}
                </ul>
              </>
            )}
            {!paused && plan.tours.length > 0 && (
              <>
                <h3 className="cc-section-title">{t('coach_section_tours')}</h3>
                <ul className="cc-list">
                  {plan.tours.map((tour) => {
                    const resume = tourProgress[tour.key] ?? tour.resumeStep;
                    return (
                      <li key={tour.key} className="cc-row" data-coach-panel-tour={tour.key}>
                        <div className="cc-row-main">
                          <div className="cc-row-title">{localize(tour.tour.title, lang)}</div>
                          <div className="cc-row-sub">
                            {t('coach_tour_steps', tour.tour.steps.length)}
                            {tour.completed && (
                              <>
                                {' · '}
                                <span className="cc-badge cc-badge-ok">{t('coach_snippet_completed')}</span>
                              </>
                            )}
                          </div>
                        </div>
                        <button type="button" className="cc-btn cc-btn-small cc-btn-primary" onClick={() => props.onStartTour(tour)}>
                          {resume > 0 ? t('coach_tour_resume', resume + 1) : t('coach_tour_start')}
                        </button>
                      </li>
                    );
                  })}
                </ul>
              </>
            )}
          </div>
        )}
        {tab === 'snippets' && (
          <div data-coach-panel-search="">
            <input
              className="cc-input"
              type="search"
              aria-label={t('coach_search_label')}
              placeholder={t('coach_search_placeholder')}
              value={query}
              onChange={(e) => setQuery(e.target.value)}
            />
            {results.length === 0 ? (
              <p className="cc-empty" role="status">
                {t('coach_search_none')}
              </p>
            ) : (
              <ul className="cc-list" style={{ marginTop: 8 }}>
                {results.slice(0, MAX_RESULTS).map(({ packId, snippet }) => (
                  <SnippetRow
                    key={itemKey(packId, snippet.id)}
                    title={localize(snippet.title, lang)}
                    minutes={snippet.minutes}
                    completed={items[itemKey(packId, snippet.id)]?.completed ?? false}
                    onOpen={() => props.onOpenSnippet(packId, snippet.id)}
                  />
                ))}
              </ul>
            )}
          </div>
        )}
        {tab === 'sees' && <CoachSees model={model} explanations={plan.explanations} />}
      </div>
      <div className="cc-panel-foot">
        <button type="button" role="switch" className="cc-switch" aria-checked={paused} onClick={() => props.onPause(!paused)}>
          <span className="cc-switch-track" aria-hidden="true" />
          <span>{t('coach_pause_site')}</span>
        </button>
      </div>
    </div>
  );
}

function SnippetRow({ title, minutes, completed, onOpen }: { title: string; minutes?: number; completed: boolean; onOpen(): void }) {
  return (
    <li className="cc-row">
      <div className="cc-row-main">
        <div className="cc-row-title">{title}</div>
        <div className="cc-row-sub">
          {minutes !== undefined && t('coach_snippet_minutes', minutes)}
          {completed && (
            <>
              {minutes !== undefined && ' · '}
              <span className="cc-badge cc-badge-ok">{t('coach_snippet_completed')}</span>
            </>
          )}
        </div>
      </div>
      <button type="button" className="cc-btn cc-btn-small" onClick={onOpen} aria-label={`${t('coach_open')}: ${title}`}>
        {t('coach_open')}
      </button>
    </li>
  );
}
