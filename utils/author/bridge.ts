/**
 * The hand-over between the coach's content script and the author mode's script (loaded on
 * demand into the same isolated world, so the page cannot see or reach this object; see
 * docs/authoring.md). The coach publishes what the author mode needs; the author mode adds
 * `open`. Kept to types and one constant: it is part of the content script on every CRM page.
 */
import type { OverlayView } from '@/components/overlay/types';
import type { ShadowRootOf } from '@/components/overlay/dom';

export const AUTHOR_BRIDGE = '__crmCoachAuthor';

export interface AuthorHost {
  doc: Document;
  /** The overlay's shadow root: the author mode draws only in it. */
  shadow: ShadowRoot;
  /** The overlay's host element (never picked, never read as page). */
  host: Element;
  shadowRootOf?: ShadowRootOf;
  /** The coach's current view (page model, language), or null off a CRM page. */
  view(): OverlayView | null;
  subscribe(listener: () => void): () => void;
  /** While true the view follows every change of the page model. */
  watch(active: boolean): void;
  /** Fetch the coach state again (the draft pack changed). */
  reload(): void;
  /** Set by the author mode once loaded: opens it again. */
  open?: () => void;
}

type WithBridge = { [AUTHOR_BRIDGE]?: AuthorHost };

export function authorBridge(): AuthorHost | undefined {
  return (globalThis as WithBridge)[AUTHOR_BRIDGE];
}

/** Publishes the coach's side; an author mode already loaded for this overlay is kept (its `open`). */
export function setAuthorBridge(host: AuthorHost): AuthorHost {
  const g = globalThis as WithBridge;
  const current = g[AUTHOR_BRIDGE];
  // A bridge left by a coach that was replaced (extension reloaded) points at a dead overlay.
  if (current && current.shadow === host.shadow) return current;
  return (g[AUTHOR_BRIDGE] = host);
}
