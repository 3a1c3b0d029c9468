/**
 * The hand-over between the coach's content script and the on-demand overlay script
 * (entrypoints/overlay.content), which the background loads into the same isolated world when
 * the stage asks for it (docs/architecture.md, "Budgets"): the page cannot see or reach this
 * object. The content script publishes the stage and the coach; the overlay script mounts
 * React on the stage and adds `unmount`. Kept to types and two small functions: it is part of
 * the content script on every CRM page.
 */
import type { Stage } from './stage';
import type { OverlaySource } from './types';

export const OVERLAY_BRIDGE = '__crmCoachOverlay';

export interface OverlayBridge {
  doc: Document;
  /** The overlay's shadow root: the overlay script adds its stylesheet there. */
  shadow: ShadowRoot;
  stage: Stage;
  coach: OverlaySource;
  /** Set by the overlay script once mounted: takes the React overlay down again. */
  unmount?: () => void;
}

type WithBridge = { [OVERLAY_BRIDGE]?: OverlayBridge };

export function overlayBridge(): OverlayBridge | undefined {
  return (globalThis as WithBridge)[OVERLAY_BRIDGE];
}

/** Publishes this coach's side; one coach per page, so a bridge left by a replaced coach is dropped. */
export function setOverlayBridge(bridge: OverlayBridge): OverlayBridge {
  return ((globalThis as WithBridge)[OVERLAY_BRIDGE] = bridge);
}
