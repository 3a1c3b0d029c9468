/**
 * Keeps an overlay element next to (or over) an element of the CRM page with @floating-ui/dom:
 * follows scroll, resize and re-layout, flips at the edges. Positions are written straight to
 * the overlay element's style (ours, in the shadow root), so scrolling costs no React render.
 */
import { autoUpdate, computePosition, flip, hide, offset, shift, type Placement } from '@floating-ui/dom';
import { useEffect, useState } from 'react';
import { logOnce } from './dom';

export function useAnchored(reference: Element | null, placement: Placement = 'bottom-start', gap = 10) {
  const [floating, setFloating] = useState<HTMLElement | null>(null);
  useEffect(() => {
    if (!reference || !floating) return;
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
    }
  }, [reference, floating, placement, gap]);
  return setFloating;
}

/** Keeps an overlay box exactly over an element (outline highlights). */
export function useCovering(reference: Element | null, pad = 3) {
  const [box, setBox] = useState<HTMLElement | null>(null);
  useEffect(() => {
    if (!reference || !box) return;
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
    }
  }, [reference, box, pad]);
  return setBox;
}
