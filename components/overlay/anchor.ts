/**
 * Keeping an overlay element next to (or over) an element of the CRM page with @floating-ui/dom:
 * follows scroll, resize and re-layout, flips at the edges. Positions are written straight to the
 * overlay element's style (ours, in the shadow root). Plain DOM, no React: the every-page tip
 * cards use it, and the React overlay through the hooks in ./floating.ts.
 */
import { autoUpdate, computePosition, flip, hide, offset, shift, type Placement } from '@floating-ui/dom';
import { logOnce } from '@/utils/log';

export type { Placement };

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
  try {
    return autoUpdate(reference, floating, update);
  } catch (err) {
    logOnce('overlay: autoUpdate', err);
    return () => {};
  }
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
  try {
    return autoUpdate(reference, box, update, { elementResize: true, layoutShift: true });
  } catch (err) {
    logOnce('overlay: autoUpdate', err);
    return () => {};
  }
}
