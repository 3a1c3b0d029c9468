/**
 * The overlay's every-page part, in plain DOM (docs/architecture.md, "Budgets"): the root
 * `[data-coach-root]` with the anchored tips (./tip-layer.ts), the nudge cards and the outlines
 * over their empty fields (./nudge-layer.ts) and the launcher in it, attached while the coach has
 * a view of the page; on the root, `data-coach-tips` and `data-coach-nudges` (how many are drawn)
 * and `data-coach-settled` (nothing more is on its way). The React overlay (the on-demand overlay
 * script) is asked for only when the view needs it (./drawn.ts `needsOverlay`: a snippet asked
 * for) or the user opens the panel; it renders into `before` (tour, snippet: under the launcher)
 * and `after` (the panel and its live region: after the launcher in tab order), and tells the
 * stage when a tour runs or a snippet is open (they cover tips and nudges).
 */
import { t } from '@/utils/i18n';
import { createLauncher, DEFAULT_LAUNCHER } from './launcher';
import { needsOverlay, waitingCount } from './drawn';
import { createTipLayer, type TipLayerSource } from './tip-layer';
import { createNudgeLayer } from './nudge-layer';
import { holdHidesWhile } from './anchor';
import type { OverlayActions, OverlayView } from './types';
import { setAttr } from './write';

/** Whether the coach panel is open: the launcher toggles it, the overlay draws and closes it. */
export interface PanelSwitch {
  isOpen(): boolean;
  set(open: boolean): void;
  subscribe(listener: () => void): () => void;
}

export interface Stage {
  root: HTMLElement;
  before: HTMLElement;
  after: HTMLElement;
  launcher: HTMLButtonElement;
  panel: PanelSwitch;
  /** The overlay UI is there: nothing more is on its way (`data-coach-settled`). */
  takeOver(): void;
  /** A tour runs (true) or ends: anchored tips, nudges and outlines give way to it. */
  setTouring(active: boolean): void;
  /** A snippet is open (true) or closed: it sits where the nudge dock is. */
  setSnippetOpen(open: boolean): void;
  dispose(): void;
}

export interface StageSource extends TipLayerSource {
  getSnapshot(): OverlayView | null;
  subscribe(listener: () => void): () => void;
  actions: Pick<OverlayActions, 'moveLauncher' | 'markHelpful' | 'dismissTip' | 'resolveTarget' | 'shadowRootOf'>;
  /** True while the coach reads a changed page: tips and outlines whose field went wait for what it publishes (./anchor.ts holdHidesWhile). */
  reading?(): boolean;
}

/** Why the stage asks for the overlay UI: the view draws something, or the user opened the panel. */
export type UiReason = 'view' | 'user';

export function createStage(doc: Document, container: HTMLElement, source: StageSource, needUi: (reason: UiReason) => void): Stage {
  const root = doc.createElement('div');
  root.className = 'cc-root';
  root.setAttribute('data-coach-root', '');
  const tips = doc.createElement('div');
  const nudges = doc.createElement('div');
  const before = doc.createElement('div');
  const after = doc.createElement('div');
  const live = doc.createElement('div');
  live.className = 'cc-sr';
  live.setAttribute('role', 'status');
  live.setAttribute('aria-live', 'polite');
  const tipLayer = createTipLayer(doc, tips, live, source);
  const nudgeLayer = createNudgeLayer(doc, nudges, source);
  const reading = source.reading?.bind(source);
  const releaseHides = reading ? holdHidesWhile(reading) : null;

  let open = false;
  let ui = false;
  let touring = false;
  let snippetOpen = false;
  const panelListeners = new Set<() => void>();
  const panel: PanelSwitch = {
    isOpen: () => open,
    set(next) {
      if (next === open) return;
      open = next;
      render(next ? 'user' : 'view');
      for (const l of panelListeners) l();
    },
    subscribe(listener) {
      panelListeners.add(listener);
      return () => panelListeners.delete(listener);
    },
  };

  const launcher = createLauncher(doc, {
    onOpen: () => panel.set(!open),
    onMove: (pos) => source.actions.moveLauncher(pos),
  });
  root.append(tips, nudges, before, launcher.wrap, after, live);

  function render(reason: UiReason = 'view'): void {
    const view = source.getSnapshot();
    if (!view) {
      tipLayer.render(null, true);
      nudgeLayer.render(null, { touring, dockHidden: true });
      root.remove();
      return;
    }
    if (root.parentNode !== container) container.append(root);
    setAttr(root, 'data-coach-packs', String(view.packs.length));
    // Tips go in first: the frame that paints the launcher paints them too.
    setAttr(root, 'data-coach-tips', String(tipLayer.render(view, open || touring)));
    setAttr(root, 'data-coach-nudges', String(nudgeLayer.render(view, { touring, dockHidden: open || snippetOpen })));
    const draws = needsOverlay(view);
    // Settled when there is nothing more to draw; not while the overlay is on its way.
    setAttr(root, 'data-coach-settled', !ui && (draws || open) ? null : '');
    launcher.render({ position: view.launcher ?? DEFAULT_LAUNCHER, expanded: open, paused: view.paused, count: waitingCount(view), title: t('coach_launcher_hint') });
    if (!ui && (draws || open)) needUi(open && reason === 'user' ? 'user' : 'view');
  }

  const unsubscribe = source.subscribe(() => render());
  render();

  return {
    root,
    before,
    after,
    launcher: launcher.button,
    panel,
    takeOver() {
      if (ui) return;
      ui = true;
      render();
    },
    setTouring(active) {
      if (active === touring) return;
      touring = active;
      render();
    },
    setSnippetOpen(next) {
      if (next === snippetOpen) return;
      snippetOpen = next;
      render();
    },
    dispose() {
      unsubscribe();
      releaseHides?.();
      tipLayer.dispose();
      nudgeLayer.dispose();
      panelListeners.clear();
      root.remove();
    },
  };
}

/**
 * The stage's `needUi` for a loader that may fail: asks once; after a failed load, asks again
 * only when the user opens the launcher (never in a loop on every view).
 */
export function askForUi(load: () => Promise<{ ok: true } | { ok: false; error: string }>, onFail: (err: unknown) => void): (reason: UiReason) => void {
  let asked = false;
  let failed = false;
  const fail = (err: unknown) => {
    asked = false;
    failed = true;
    onFail(err);
  };
  return (reason) => {
    if (asked || (failed && reason !== 'user')) return;
    asked = true;
    load().then((r) => {
      if (!r.ok) fail(r.error);
    }, fail);
  };
}
