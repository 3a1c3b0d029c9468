/**
 * Keeping an overlay element next to (or over) an element of the CRM page with @floating-ui/dom:
 * follows scroll, resize and re-layout, flips at the edges. Positions are written straight to the
 * overlay element's style (ours, in the shadow root). Plain DOM, no React: the every-page tip
 * cards use it, and the React overlay through the hooks in ./floating.ts.
 *
 * Placing starts after the browser's next layout (see follow): measuring the page right after it
 * changed (an SPA navigation puts in a new record page) would force the browser to lay out the
 * new page then and there, inside the coach's work; after the layout it is a read of numbers
 * already computed.
 */
import { autoUpdate, computePosition, flip, hide, offset, shift, type Placement } from '@floating-ui/dom';
import { logOnce } from '@/utils/log';

export type { Placement };

/**
 * Starts floating-ui's autoUpdate once the page is laid out: in the reference's first
 * ResizeObserver notification (delivered after layout and before paint, so the frame that shows
 * the page shows the element placed), or after the next frame when none comes (a reference not
 * rendered, or no ResizeObserver); the element is hidden in that frame, so it never shows
 * unplaced. Returns the function that cancels it, or stops what it started.
 */
function follow(reference: Element, floating: HTMLElement, update: () => void, options?: Parameters<typeof autoUpdate>[3]): () => void {
  let stop: (() => void) | null = null;
  let cancelled = false;
  const win = reference.ownerDocument.defaultView;
  const go = () => {
    if (cancelled || stop) return;
    ro?.disconnect();
    try {
      stop = autoUpdate(reference, floating, update, options);
    } catch (err) {
      logOnce('overlay: autoUpdate', err);
      stop = () => {};
    }
  };
  const RO = win?.ResizeObserver;
  const ro = RO ? new RO(go) : null;
  ro?.observe(reference);
  if (win?.requestAnimationFrame) {
    win.requestAnimationFrame(() => {
      if (cancelled || stop) return;
      floating.style.visibility = 'hidden';
      win.setTimeout(go, 0);
    });
  } else go();
  return () => {
    cancelled = true;
    ro?.disconnect();
    stop?.();
  };
}

/** Places `floating` beside `reference` and keeps it there; returns the function that stops it. */
export function anchorTo(reference: Element, floating: HTMLElement, placement: Placement = 'bottom-start', gap = 10): () => void {
  const update = () => {
    computePosition(reference, floating, {
      strategy: 'fixed',
      placement,
      middleware: [offset(gap), flip({ padding: 8 }), shift({ padding: 8 }), hide()],
    })
      .then(({ x, y, placement: actual, middlewareData }) => {
        floating.style.left = `${Math.round(x)}px`;
        floating.style.top = `${Math.round(y)}px`;
        floating.style.visibility = middlewareData.hide?.referenceHidden ? 'hidden' : '';
        floating.dataset.placement = actual;
      })
      .catch((err) => logOnce('overlay: position', err));
  };
  return follow(reference, floating, update);
}

/** Keeps `box` exactly over `reference` (outline highlights); returns the function that stops it. */
export function coverWith(reference: Element, box: HTMLElement, pad = 3): () => void {
  const update = () => {
    const r = reference.getBoundingClientRect();
    const gone = r.width === 0 && r.height === 0;
    box.style.visibility = gone ? 'hidden' : '';
    box.style.left = `${Math.round(r.left - pad)}px`;
    box.style.top = `${Math.round(r.top - pad)}px`;
    box.style.width = `${Math.round(r.width + pad * 2)}px`;
    box.style.height = `${Math.round(r.height + pad * 2)}px`;
  };
  return follow(reference, box, update, { elementResize: true, layoutShift: true });
}
