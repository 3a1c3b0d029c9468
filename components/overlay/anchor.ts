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
 *
 * Nothing here walks the reference's ancestors. A CRM field sits 20 to 40 shadow-including levels
 * deep (Lightning), and floating-ui's defaults read the computed style of each of them on every
 * placement: its ancestor scroll listeners (getOverflowAncestors) and its `hide` middleware
 * (clipping ancestors of the reference). Profiles of a navigation on the bench's 2,000-field page
 * put those walks at about 40% of the coach's work. Instead:
 * - moves of the reference are caught by floating-ui's `layoutShift` (an IntersectionObserver
 *   fitted to the reference's box: it reports any move, scrolling of inner scrollers included)
 *   and by one capture listener for scroll and one for resize on the window;
 * - the card and the covering box are placed within the viewport (flip and shift against the
 *   viewport: the overlay's own elements clip nothing);
 * - whether the reference is clipped out of view (scrolled away in an inner scroller, or out of
 *   the viewport) comes from an IntersectionObserver on it, which the browser computes with the
 *   clips of all its ancestors.
 */
import { autoUpdate, computePosition, flip, offset, shift, type Placement } from '@floating-ui/dom';
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
      const stopAuto = autoUpdate(reference, floating, update, { ...options, ancestorScroll: false, ancestorResize: false });
      const listen = { capture: true, passive: true };
      win?.addEventListener('scroll', update, listen);
      win?.addEventListener('resize', update, listen);
      stop = () => {
        stopAuto();
        win?.removeEventListener('scroll', update, listen);
        win?.removeEventListener('resize', update, listen);
      };
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

/** flip and shift against the viewport only (see the module comment). */
const VIEWPORT = { boundary: [] as Element[], rootBoundary: 'viewport' as const, padding: 8 };

/**
 * Calls `onChange(clipped)` whenever the reference goes out of view or comes back, as the browser
 * computes it (every ancestor's clip included); returns the function that stops it. Never calls
 * where there is no IntersectionObserver (the reference is then taken as in view).
 */
function watchClipped(reference: Element, onChange: (clipped: boolean) => void): () => void {
  const IO = reference.ownerDocument.defaultView?.IntersectionObserver;
  if (typeof IO !== 'function') return () => {};
  const io = new IO((entries) => {
    const last = entries[entries.length - 1];
    if (last) onChange(!last.isIntersecting);
  });
  io.observe(reference);
  return () => io.disconnect();
}

/**
 * Follows `reference` with `update` while it is in view, and keeps `el` hidden while it is not
 * (scrolled away, or clipped by an ancestor). Out of view there is nothing to place, and
 * floating-ui's layoutShift would re-measure every second for as long as the reference stays
 * clipped in place (its observeMove retries on a timer): a polling loop on an idle page. Back in
 * view, `el` shows again only once `update` has placed it (it calls `placed()`), never at its
 * old place. Returns the function that stops it all.
 */
function followInView(reference: Element, el: HTMLElement, update: (placed: () => void) => void, options?: Parameters<typeof autoUpdate>[3]): () => void {
  let placed = false;
  let clipped = false;
  let stopFollow: (() => void) | null = null;
  const show = () => {
    if (placed) el.style.visibility = clipped ? 'hidden' : '';
  };
  const place = () =>
    update(() => {
      placed = true;
      show();
    });
  const start = () => {
    stopFollow ??= follow(reference, el, place, options);
  };
  const stop = () => {
    stopFollow?.();
    stopFollow = null;
    placed = false;
  };
  const stopClipped = watchClipped(reference, (c) => {
    clipped = c;
    if (c) {
      stop();
      el.style.visibility = 'hidden';
    } else start();
  });
  start();
  return () => {
    stopClipped();
    stop();
  };
}

/** Places `floating` beside `reference` and keeps it there; returns the function that stops it. */
export function anchorTo(reference: Element, floating: HTMLElement, placement: Placement = 'bottom-start', gap = 10): () => void {
  return followInView(reference, floating, (placed) => {
    computePosition(reference, floating, {
      strategy: 'fixed',
      placement,
      middleware: [offset(gap), flip(VIEWPORT), shift(VIEWPORT)],
    })
      .then(({ x, y, placement: actual }) => {
        floating.style.left = `${Math.round(x)}px`;
        floating.style.top = `${Math.round(y)}px`;
        floating.dataset.placement = actual;
        placed();
      })
      .catch((err) => logOnce('overlay: position', err));
  });
}

/** Keeps `box` exactly over `reference` (outline highlights); returns the function that stops it. */
export function coverWith(reference: Element, box: HTMLElement, pad = 3): () => void {
  return followInView(
    reference,
    box,
    (placed) => {
      const r = reference.getBoundingClientRect();
      box.style.left = `${Math.round(r.left - pad)}px`;
      box.style.top = `${Math.round(r.top - pad)}px`;
      box.style.width = `${Math.round(r.width + pad * 2)}px`;
      box.style.height = `${Math.round(r.height + pad * 2)}px`;
      if (r.width === 0 && r.height === 0) box.style.visibility = 'hidden';
      else placed();
    },
    { elementResize: true, layoutShift: true },
  );
}
