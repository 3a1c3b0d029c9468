/**
 * Right after the page's next layout: a ResizeObserver notifies each new observation once, in the
 * rendering step after style and layout and before paint, so work done then reads what is visible
 * without making the browser compute the page's style a second time (a check of visibility made
 * between the page's own tasks styles whatever the page changed, inside the coach's work).
 * Observing reads the page and never changes it.
 */

/** Waits this long when no layout comes (a hidden tab, a page whose root is not rendered, no ResizeObserver). */
export const LAYOUT_FALLBACK_MS = 500;

/** Calls `fn` once, right after the next layout of `doc` or after LAYOUT_FALLBACK_MS; returns what cancels it. */
export function afterLayout(doc: Document, fn: () => void, fallbackMs = LAYOUT_FALLBACK_MS): () => void {
  let done = false;
  const RO = doc.defaultView?.ResizeObserver;
  const root = doc.documentElement;
  const stop = () => {
    done = true;
    ro?.disconnect();
    clearTimeout(timer);
  };
  const fire = () => {
    if (done) return;
    stop();
    fn();
  };
  const ro = RO && root ? new RO(fire) : null;
  ro?.observe(root);
  const timer = setTimeout(fire, fallbackMs);
  return stop;
}
