/**
 * Keeping an overlay element next to (or over) an element of the CRM page: placed with
 * @floating-ui/dom's computePosition (flips at the edges), followed through scroll, resize and
 * re-layout by the observers below. Positions are written straight to the overlay element's style
 * (ours, in the shadow root). Plain DOM, no React: the every-page tip cards use it, and the React
 * overlay through the hooks in ./floating.ts.
 *
 * Nothing here measures the page while the page may have changed since its last layout: that
 * would make the browser lay the page out then and there, inside the coach's work, and again in
 * its next frame. The first placement waits for the reference's first ResizeObserver
 * notification (delivered after layout, before paint); moves are seen by an IntersectionObserver
 * whose entry carries the box the browser computed in its frame (see watchMove).
 *
 * Nothing here walks the reference's ancestors. A CRM field sits 20 to 40 shadow-including levels
 * deep (Lightning), and floating-ui's defaults read the computed style of each of them on every
 * placement: its ancestor scroll listeners and its `hide` middleware (clipping ancestors of the
 * reference). Profiles of a navigation on the bench's 2,000-field page put those walks at about
 * 40% of the coach's work. Instead:
 * - moves of the reference (scrolling of inner scrollers included) come from watchMove, and one
 *   capture listener for scroll and one for resize on the window place at once;
 * - size changes come from a ResizeObserver on the reference (and on the card, whose size
 *   decides where it fits);
 * - the card and the covering box are placed within the viewport (flip and shift against the
 *   viewport: the overlay's own elements clip nothing);
 * - whether the reference is clipped out of view (scrolled away in an inner scroller, or out of
 *   the viewport) comes from an IntersectionObserver on it, which the browser computes with the
 *   clips of all its ancestors.
 */
import { computePosition, flip, offset, shift, type Placement } from '@floating-ui/dom';
import { logOnce } from '@/utils/log';

export type { Placement };

/** Two boxes the same to the pixel (layout's sub-pixel jitter is no move). */
function sameBox(a: DOMRectReadOnly, b: DOMRectReadOnly): boolean {
  return (
    Math.round(a.left) === Math.round(b.left) &&
    Math.round(a.top) === Math.round(b.top) &&
    Math.round(a.width) === Math.round(b.width) &&
    Math.round(a.height) === Math.round(b.height)
  );
}

/**
 * Calls `onMove` when `reference` moves or changes size; returns the function that stops it.
 * An IntersectionObserver whose root is the viewport shrunk by its root margin to the
 * reference's box, with the threshold at the share of the box seen in it: any move changes that
 * share, and the browser reports it after its next frame (the technique of floating-ui's
 * layoutShift). The entry carries the box as the browser laid it out, so nothing is measured
 * here: floating-ui's own version calls getBoundingClientRect in each callback, which made the
 * browser lay out again whatever the page had changed since the frame (on the bench's page, after
 * every SPA navigation). Each report fits a new observer to the box it gives.
 */
function watchMove(reference: Element, onMove: () => void): () => void {
  const doc = reference.ownerDocument;
  const IO = doc.defaultView?.IntersectionObserver;
  if (typeof IO !== 'function') return () => {};
  let io: IntersectionObserver | null = null;
  /** The box the observer is fitted to (null: the first observer, on the whole viewport). */
  let box: DOMRectReadOnly | null = null;
  /** The observer's root margin, as insets from the viewport's edges (top, right, bottom, left). */
  let insets = [0, 0, 0, 0];
  let threshold = 0;
  let stopped = false;
  const watch = (next: number[], ratio: number): void => {
    io?.disconnect();
    // onMove may have stopped the watch (its update can end the following).
    if (stopped) return;
    insets = next;
    threshold = ratio;
    const rootMargin = next.map((n) => `${-n}px`).join(' ');
    try {
      io = new IO(seen, { root: doc, rootMargin, threshold });
    } catch {
      io = new IO(seen, { rootMargin, threshold }); // a browser without document roots: the viewport
    }
    io.observe(reference);
  };
  function seen(entries: IntersectionObserverEntry[]): void {
    const e = entries[entries.length - 1];
    const root = e?.rootBounds;
    if (!e || !root) return;
    const now = e.boundingClientRect;
    if (box && sameBox(now, box)) {
      // Not moved: only the share seen changed (an ancestor clips more or less of it); the
      // threshold follows it, so that the next move crosses it.
      if (e.intersectionRatio !== threshold) watch(insets, e.intersectionRatio);
      return;
    }
    if (box) onMove();
    box = now;
    if (now.width === 0 || now.height === 0) return watch([0, 0, 0, 0], 0); // not laid out: wait for a box
    // The viewport, from the root the browser used (the current root margin taken back off).
    const [t, r, b, l] = insets;
    const width = root.right + r - (root.left - l);
    const height = root.bottom + b - (root.top - t);
    const top = Math.floor(now.top);
    const left = Math.floor(now.left);
    watch([top, Math.floor(width - (now.left + now.width)), Math.floor(height - (now.top + now.height)), left], 1);
  }
  watch([0, 0, 0, 0], 0);
  return () => {
    stopped = true;
    io?.disconnect();
  };
}

/**
 * Places `floating` with `update` and keeps it placed; returns the function that stops it. The
 * first placement comes with the first ResizeObserver notification of `sized` (the reference, and
 * the card when its own size matters), after the browser's next layout and before its paint; when
 * none comes (a reference not rendered, or no ResizeObserver), after the next frame, with the
 * element hidden in that frame so that it never shows unplaced. Then: size changes (the same
 * observer), moves (watchMove), and scroll and resize of the window.
 */
function follow(reference: Element, floating: HTMLElement, update: () => void, sized: readonly Element[]): () => void {
  let started = false;
  let stopped = false;
  let stopMove: (() => void) | null = null;
  const win = reference.ownerDocument.defaultView;
  const listen = { capture: true, passive: true };
  const place = (): void => {
    if (stopped) return;
    try {
      update();
    } catch (err) {
      logOnce('overlay: place', err);
    }
  };
  // A new size, or a new viewport, needs a move watch fitted to it.
  const refit = (): void => {
    stopMove?.();
    stopMove = watchMove(reference, place);
  };
  const resized = (): void => {
    if (stopped) return;
    refit();
    place();
  };
  const start = (): void => {
    if (stopped || started) return;
    started = true;
    win?.addEventListener('scroll', place, listen);
    win?.addEventListener('resize', resized, listen);
    resized();
  };
  const RO = win?.ResizeObserver;
  const ro = RO ? new RO(() => (started ? resized() : start())) : null;
  for (const el of sized) ro?.observe(el);
  if (win?.requestAnimationFrame) {
    win.requestAnimationFrame(() => {
      if (stopped || started) return;
      floating.style.visibility = 'hidden';
      win.setTimeout(start, 0);
    });
  } else start();
  return () => {
    stopped = true;
    ro?.disconnect();
    stopMove?.();
    win?.removeEventListener('scroll', place, listen);
    win?.removeEventListener('resize', resized, listen);
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
 * (scrolled away, or clipped by an ancestor). Out of view there is nothing to place, so nothing
 * is observed but the clipping. Back in view, `el` shows again only once `update` has placed it
 * (it calls `placed()`), never at its old place. Returns the function that stops it all.
 */
function followInView(reference: Element, el: HTMLElement, update: (placed: () => void) => void, sized: readonly Element[]): () => void {
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
    stopFollow ??= follow(reference, el, place, sized);
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
  }, [reference, floating]);
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
    [reference],
  );
}
