/**
 * The overlay: the snippet player, a running tour and the coach panel, drawn on the stage the
 * content script keeps on every page (its root, launcher, anchored tips and nudge cards,
 * components/overlay/stage.ts). State that lives only while the page is open
 * (snippet open, tour running) is kept here; whether the panel is open is the stage's (its
 * launcher opens it); everything else comes from the view.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import { createPortal } from 'react-dom';
import { t } from '@/utils/i18n';
import type { TipPlan, TourPlan } from '@/utils/coach/types';
import type { FieldModel } from '@/utils/crm/types';
import { itemKey, resolveSnippetRef } from '@/utils/packs/refs';
import { TipCard } from './TipCard';
import { learnMoreOf } from './tip-card';
import { SnippetPlayer } from './SnippetPlayer';
import { TourRunner } from './TourRunner';
import { DEFAULT_LAUNCHER } from './launcher';
import { Panel } from './Panel';
import { revealAndFocus } from './dom';
import type { Stage } from './stage';
import type { OverlayActions, OverlayView } from './types';

interface OpenSnippet {
  packId: string;
  snippetId: string;
  takeFocus: boolean;
}

interface RunningTour {
  plan: Pick<TourPlan, 'key' | 'packId' | 'tour'>;
  step: number;
  takeFocus: boolean;
}

/** The parts of the stage the overlay draws with. */
export type OverlayStage = Pick<Stage, 'after' | 'launcher' | 'panel' | 'takeOver' | 'setTouring' | 'setSnippetOpen'>;

export interface OverlayProps {
  view: OverlayView | null;
  actions: OverlayActions;
  stage: OverlayStage;
}

export function Overlay({ view, actions, stage }: OverlayProps) {
  const panelOpen = useSyncExternalStore(stage.panel.subscribe, stage.panel.isOpen);
  const [snippet, setSnippet] = useState<OpenSnippet | null>(null);
  const [tour, setTour] = useState<RunningTour | null>(null);
  const [live, setLive] = useState('');
  const snippetOpener = useRef<Element | null>(null);
  const lastRequest = useRef(0);

  const lang = view?.lang ?? 'en';
  const packs = view?.packs;

  const openSnippet = useCallback(
    (packId: string, snippetId: string, takeFocus: boolean) => {
      // Focus goes back where it was in the overlay when the snippet closes.
      const root = stage.launcher.getRootNode();
      snippetOpener.current = takeFocus && 'activeElement' in root ? (root as ShadowRoot).activeElement : null;
      setSnippet({ packId, snippetId, takeFocus });
      actions.openSnippet(packId, snippetId);
    },
    [actions, stage],
  );

  // A snippet asked for by the popup's journey.
  const request = view?.request;
  useEffect(() => {
    if (request && request.seq !== lastRequest.current) {
      lastRequest.current = request.seq;
      openSnippet(request.packId, request.snippetId, true);
    }
  }, [request, openSnippet]);

  const panelTipKeys = view && panelOpen ? view.plan.panelTips.map((tp) => tp.key).join(' ') : '';
  useEffect(() => {
    if (view && panelOpen && view.plan.panelTips.length) actions.tipsSeen(view.plan.panelTips);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [panelTipKeys, panelOpen]);

  const focusField = useCallback((field: FieldModel) => revealAndFocus(field.element, actions.shadowRootOf), [actions]);

  const closePanel = () => {
    stage.panel.set(false);
    stage.launcher.focus();
  };

  const closeSnippet = () => {
    const back = snippetOpener.current;
    setSnippet(null);
    if (back && back.isConnected && back instanceof HTMLElement) back.focus();
    else if (snippetOpener.current !== null) stage.launcher.focus();
  };

  const startTour = (plan: TourPlan) => {
    const saved = view?.tourProgress[plan.key] ?? plan.resumeStep;
    const step = saved > 0 && saved < plan.tour.steps.length ? saved : 0;
    if (step === 0) actions.startTour(plan);
    stage.panel.set(false);
    setTour({ plan, step, takeFocus: true });
  };

  const onTourStep = useCallback(
    (step: number) => {
      setTour((cur) => (cur ? { ...cur, step, takeFocus: false } : cur));
      if (tour) actions.setTourProgress(tour.plan.key, step);
    },
    [actions, tour],
  );
  const onTourExit = useCallback(() => setTour(null), []);
  const touring = tour !== null;
  useEffect(() => {
    actions.followPage(touring);
  }, [actions, touring]);
  // The stage's anchored tips and nudges give way to a running tour, its nudge dock to a snippet.
  useLayoutEffect(() => stage.setTouring(touring), [stage, touring]);
  const snippetOpen = snippet !== null;
  useLayoutEffect(() => stage.setSnippetOpen(snippetOpen), [stage, snippetOpen]);
  useEffect(() => {
    if (!panelOpen) return;
    actions.watchModel?.(true);
    return () => actions.watchModel?.(false);
  }, [actions, panelOpen]);
  const onTourComplete = useCallback(() => {
    if (!tour) return;
    const { plan } = tour;
    actions.completeTour(plan);
    setLive(t('coach_tour_done'));
    setTour(null);
  }, [actions, tour]);

  useLayoutEffect(() => stage.takeOver(), [stage]);

  if (!view) return null;
  const { plan, model } = view;

  // The panel's inline tips (anchored ones are the stage's).
  const renderTip = (tp: TipPlan) => (
    <TipCard
      key={tp.key}
      plan={tp}
      lang={lang}
      anchor={null}
      learnMore={learnMoreOf(tp, packs ?? [], lang)}
      onDismiss={() => actions.dismissTip(tp, false)}
      onSnooze={() => actions.dismissTip(tp, true)}
      onHelpful={(helpful) => actions.markHelpful(tp, helpful)}
      onLearnMore={() => {
        const lm = tp.tip.learnMore;
        const ref = lm && 'snippet' in lm ? resolveSnippetRef(lm.snippet, tp.packId, packs ?? []) : null;
        if (ref) openSnippet(ref.packId, ref.snippet.id, true);
      }}
    />
  );

  const openSnippetRef = snippet ? resolveSnippetRef(snippet.snippetId, snippet.packId, packs ?? []) : null;
  const launcher = view.launcher ?? DEFAULT_LAUNCHER;

  return (
    <>
      {tour && !view.paused && (
        <TourRunner
          tourKey={tour.plan.key}
          tour={tour.plan.tour}
          lang={lang}
          step={tour.step}
          tick={view.tick}
          takeFocus={tour.takeFocus}
          resolve={actions.resolveTarget}
          shadowRootOf={actions.shadowRootOf}
          onStep={onTourStep}
          onExit={onTourExit}
          onComplete={onTourComplete}
        />
      )}

      {snippet && openSnippetRef && (
        <SnippetPlayer
          key={itemKey(snippet.packId, snippet.snippetId)}
          packId={openSnippetRef.packId}
          snippet={openSnippetRef.snippet}
          lang={lang}
          completed={view.items[itemKey(openSnippetRef.packId, openSnippetRef.snippet.id)]?.completed ?? false}
          takeFocus={snippet.takeFocus}
          onClose={closeSnippet}
          onComplete={() => actions.completeSnippet(openSnippetRef.packId, openSnippetRef.snippet)}
        />
      )}

      {/* After the launcher (in tab order and painting order): the panel and the live region. */}
      {createPortal(
        <>
          {panelOpen && (
            <Panel
              lang={lang}
              model={model}
              plan={plan}
              packs={view.packs}
              items={view.items}
              paused={view.paused}
              host={view.host}
              launcher={launcher}
              tourProgress={view.tourProgress}
              renderTip={renderTip}
              onClose={closePanel}
              onOpenSnippet={(packId, snippetId) => openSnippet(packId, snippetId, true)}
              onStartTour={startTour}
              onFocusField={focusField}
              onPause={actions.setPaused}
              onAuthor={
                actions.startAuthor
                  ? () => {
                      stage.panel.set(false);
                      actions.startAuthor?.();
                    }
                  : undefined
              }
            />
          )}
          <div className="cc-sr" role="status" aria-live="polite">
            {live}
          </div>
        </>,
        stage.after,
      )}
    </>
  );
}
