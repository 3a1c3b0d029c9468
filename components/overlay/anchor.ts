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
 * whose entry carries the box the browser computed in its frame (see watchPosition).
 *
 * Nothing here walks the reference's ancestors. A CRM field sits 20 to 40 shadow-including levels
 * deep (Lightning), and floating-ui's defaults read the computed style of each of them on every
 * placement: its ancestor scroll listeners and its `hide` middleware (clipping ancestors of the
 * reference). Profiles of a navigation on the bench's 2,000-field page put those walks at about
 * 40% of the coach's work. Instead:
 * - moves of the reference (scrolling of inner scrollers included) come from watchPosition, and
 *   one capture listener for scroll and one for resize on the window place at once;
 * - size changes come from one ResizeObserver for all anchored elements (the reference, and the
 *   card, whose size decides where it fits): one delivery places them all, reads first, then
 *   writes (see writer);
 * - the card and the covering box are placed within the viewport (flip and shift against the
 *   viewport: the overlay's own elements clip nothing);
 * - whether the reference is clipped out of view (scrolled away in an inner scroller, or out of
 *   the viewport) comes from the same IntersectionObserver as its moves (watchPosition), which
 *   the browser computes with the clips of all its ancestors: one observer per anchored element.
 */
import { computePosition, flip, offset, shift, type Middleware, type Placement } from '@floating-ui/dom';
import { logOnce } from '@/utils/log';
import { setAttr, setStyle } from './write';

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

/** A position watch (watchPosition): `refit` starts it afresh (a new size, or a new viewport). */
interface PositionWatch {
  refit(): void;
  stop(): void;
}

interface Edges {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** True when the two boxes share some area. */
function overlaps(a: DOMRectReadOnly, b: Edges): boolean {
  return Math.min(a.right, b.right) > Math.max(a.left, b.left) && Math.min(a.bottom, b.bottom) > Math.max(a.top, b.top);
}

/**
 * Whether an entry's target shows in the viewport: some of what its ancestors' clips leave of it
 * lies inside (a target without a size: whether the browser calls it intersecting). The same test
 * whatever the observer's root, so that the two kinds of observer of watchPosition agree.
 */
function inView(e: IntersectionObserverEntry, viewport: Edges): boolean {
  const b = e.boundingClientRect;
  return e.isIntersecting && (b.width === 0 || b.height === 0 || overlaps(e.intersectionRect, viewport));
}

/** Whether `doc` is the page's top-level document (its viewport is the implicit root's). */
function isTopLevel(doc: Document): boolean {
  try {
    const win = doc.defaultView;
    return !!win && win.top === win;
  } catch {
    return false;
  }
}

/**
 * Reports when `reference` moves (`onMove`) and when it goes out of view or comes back
 * (`onClipped`: scrolled away, or clipped by an ancestor), from one IntersectionObserver at a
 * time, and measures nothing: each entry carries the box as the browser laid it out in its frame
 * and the part of it its ancestors' clips leave. (floating-ui's layoutShift, which this follows,
 * calls getBoundingClientRect in each callback: that made the browser lay out again whatever the
 * page had changed since the frame, after every SPA navigation of the bench's page.)
 *
 * - In view, the observer is fitted to the box: its root is the viewport shrunk by its root
 *   margin to the box, its threshold the share of the box seen in it. Any move changes that
 *   share, and the browser reports it after its next frame; each move fits a new observer.
 * - Out of view (and before the first fit, and after `refit`), it watches the whole viewport
 *   with threshold 0: it reports only when the reference comes into view again.
 */
function watchPosition(reference: Element, onMove: () => void, onClipped: (clipped: boolean) => void): PositionWatch {
  const doc = reference.ownerDocument;
  const IO = doc.defaultView?.IntersectionObserver;
  if (typeof IO !== 'function') return { refit: () => {}, stop: () => {} };
  let io: IntersectionObserver | null = null;
  /** The box the observer is fitted to; null while it watches the whole viewport. */
  let box: DOMRectReadOnly | null = null;
  /** The observer's root margin, as insets from the viewport's edges (top, right, bottom, left). */
  let insets = [0, 0, 0, 0];
  let threshold = 0;
  let clipped: boolean | null = null;
  let stopped = false;
  const topLevel = isTopLevel(doc);
  const watch = (next: number[], ratio: number): void => {
    io?.disconnect();
    // A report may have stopped the watch (its update can end the following).
    if (stopped) return;
    insets = next;
    threshold = ratio;
    const rootMargin = next.map((n) => `${-n}px`).join(' ');
    try {
      // The whole viewport of a top-level page: the implicit root, the same box. An observer with
      // the document as its root is kept by the document, and with it the reference: a field of
      // a record page the CRM took out while this watch was not stopped would stay in memory.
      io = box === null && topLevel ? new IO(seen, { threshold }) : new IO(seen, { root: doc, rootMargin, threshold });
    } catch {
      io = new IO(seen, { rootMargin, threshold }); // a browser without document roots: the viewport
    }
    io.observe(reference);
  };
  const whole = (): void => {
    box = null;
    watch([0, 0, 0, 0], 0);
  };
  /** Reports a change of view; true when the watch goes on. */
  const clip = (c: boolean): boolean => {
    if (c !== clipped) {
      clipped = c;
      onClipped(c);
    }
    return !stopped;
  };
  /** Fits the observer to `now`, inside `viewport`. */
  const fit = (now: DOMRectReadOnly, viewport: Edges): void => {
    if (now.width === 0 || now.height === 0) return whole(); // not laid out: its size watch tells when it is
    box = now;
    const width = viewport.right - viewport.left;
    const height = viewport.bottom - viewport.top;
    watch([Math.floor(now.top), Math.floor(width - (now.left + now.width)), Math.floor(height - (now.top + now.height)), Math.floor(now.left)], 1);
  };
  function seen(entries: IntersectionObserverEntry[]): void {
    const e = entries[entries.length - 1];
    const root = e?.rootBounds;
    if (!e || !root) return;
    const now = e.boundingClientRect;
    // The viewport, from the root the browser used (the current root margin taken back off).
    const [t, r, b, l] = insets;
    const viewport = { left: root.left - l, top: root.top - t, right: root.right + r, bottom: root.bottom + b };
    if (!box) {
      // The whole viewport: fitted once in view; out of view, this observer waits for it.
      if (clip(!inView(e, viewport)) && !clipped) fit(now, viewport);
      return;
    }
    if (!sameBox(now, box)) {
      // Moved (the entry's share is of the old box: the new observer's first report tells what is seen).
      onMove();
      if (!stopped) fit(now, viewport);
      return;
    }
    // Its own box: what is seen of it.
    if (!inView(e, viewport)) {
      if (clip(true)) whole();
      return;
    }
    // Not moved: only the share seen changed (an ancestor clips more or less of it); the
    // threshold follows it, so that the next move crosses it.
    if (e.intersectionRatio !== threshold) watch(insets, e.intersectionRatio);
  }
  whole();
  return {
    refit: whole,
    stop() {
      stopped = true;
      io?.disconnect();
    },
  };
}

/** One ResizeObserver per window for every anchored element, with the listeners of each element it observes. */
interface SizeWatch {
  RO: typeof ResizeObserver;
  ro: ResizeObserver;
  listeners: Map<Element, Set<() => void>>;
}
const sizeWatches = new WeakMap<Window, SizeWatch>();

/**
 * A size delivery in progress: the writes to overlay elements held back until every listener has
 * read what it needs (some read after an await: floating-ui measures in promise reactions), and
 * those later reads.
 */
interface Delivery {
  writes: (() => void)[];
  pending: Promise<unknown>[];
}
let delivery: Delivery | null = null;

/**
 * How to write to the overlay's elements from here on: at once, or, inside a size delivery, once
 * every listener of the delivery has read (its later reads included, see hold). A read after
 * another element's write would make the browser lay out again there and then: on a page of a
 * thousand shadow roots, about 0.4 ms each time.
 */
function writer(): (fn: () => void) => void {
  const d = delivery;
  return d ? (fn) => d.writes.push(fn) : (fn) => fn();
}

/** Reads that finish later (a promise): the delivery's writes wait for them. */
function hold(reads: Promise<unknown>): void {
  delivery?.pending.push(reads);
}

/** Runs `fn`; a failure is logged once under `what`, and the caller carries on. */
function attempt(fn: () => void, what: string): void {
  try {
    fn();
  } catch (err) {
    logOnce(what, err);
  }
}

function runWrites(writes: readonly (() => void)[]): void {
  for (const w of writes) attempt(w, 'overlay: place');
}

function deliver(listeners: Map<Element, Set<() => void>>, entries: readonly ResizeObserverEntry[]): void {
  const due = new Set<() => void>();
  for (const e of entries) listeners.get(e.target)?.forEach((l) => due.add(l));
  const d: Delivery = { writes: [], pending: [] };
  delivery = d;
  try {
    for (const l of due) attempt(l, 'overlay: resize');
  } finally {
    delivery = null;
  }
  // Still before the paint: promise reactions run right after this callback.
  if (d.pending.length) void Promise.allSettled(d.pending).then(() => runWrites(d.writes));
  else runWrites(d.writes);
}

/**
 * The observer outlives every caller, so it is made here, where its callback's closure holds
 * nothing but its own listeners: made inside watchSize, it would share that call's scope and keep
 * the first caller's elements (a record page the CRM took out) for the life of the page.
 */
function newSizeWatch(RO: typeof ResizeObserver): SizeWatch {
  const listeners = new Map<Element, Set<() => void>>();
  return { RO, ro: new RO((entries) => deliver(listeners, entries)), listeners };
}

/**
 * Calls `listener` after the browser's layout whenever one of `els` changes size (and once for
 * each, first); returns the function that stops it, or null where there is no ResizeObserver.
 * One observer serves every anchored element of the window, so one delivery places them all, and
 * their writes wait until all have read (writer()).
 */
function watchSize(win: Window, els: readonly Element[], listener: () => void): (() => void) | null {
  const RO = (win as Window & { ResizeObserver?: typeof ResizeObserver }).ResizeObserver;
  if (typeof RO !== 'function') return null;
  let watch = sizeWatches.get(win);
  if (!watch || watch.RO !== RO) {
    watch = newSizeWatch(RO);
    sizeWatches.set(win, watch);
  }
  for (const el of els) {
    let set = watch.listeners.get(el);
    if (!set) watch.listeners.set(el, (set = new Set()));
    set.add(listener);
    // Observed again when already observed: a first notification for the new listener too.
    watch.ro.observe(el);
  }
  return () => {
    for (const el of els) {
      const set = watch.listeners.get(el);
      if (!set?.delete(listener) || set.size) continue;
      watch.listeners.delete(el);
      watch.ro.unobserve(el);
    }
  };
}

/**
 * Places `floating` with `update` and keeps it placed; returns the function that stops it. The
 * first placement comes with the first size notification of `sized` (the reference, and the card
 * when its own size matters), after the browser's next layout and before its paint; when none
 * comes (a reference not rendered, or no ResizeObserver), after the next frame, with the element
 * hidden in that frame so that it never shows unplaced (unless `retarget`: it shows where the
 * previous reference was, see FollowOptions). Then: size changes (the same notifications), and
 * scroll and resize of the window. Moves come from the caller's position watch, which a new size
 * or viewport refits (`refit`).
 */
function follow(reference: Element, floating: HTMLElement, update: () => void, sized: readonly Element[], refit: () => void, retarget: boolean): { place(): void; stop(): void } {
  let started = false;
  let stopped = false;
  const win = reference.ownerDocument.defaultView;
  const listen = { capture: true, passive: true };
  const place = (): void => {
    if (!stopped && started) attempt(update, 'overlay: place');
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
  const stopSize = win ? watchSize(win, sized, () => (started ? resized() : start())) : null;
  if (win?.requestAnimationFrame) {
    win.requestAnimationFrame(() => {
      if (stopped || started) return;
      if (!retarget) setStyle(floating, 'visibility', 'hidden');
      win.setTimeout(start, 0);
    });
  } else start();
  return {
    place,
    stop() {
      stopped = true;
      stopSize?.();
      win?.removeEventListener('scroll', place, listen);
      win?.removeEventListener('resize', resized, listen);
    },
  };
}

/** flip and shift against the viewport only (see the module comment). */
const VIEWPORT = { boundary: [] as Element[], rootBoundary: 'viewport' as const, padding: 8 };

/**
 * How a follow starts. `retarget`: the element shows already, placed for an earlier reference
 * that this one replaces (the page re-rendered the field, or a navigation brought the same field
 * of another record). It keeps showing where it is until this reference is placed: a field
 * re-rendered at the same place then costs no write to the overlay and no paint (on the bench's
 * 2,000-field page, each paint of the overlay alone re-recorded the whole page: 2 to 7 ms per
 * navigation), and the element does not blink.
 */
export interface FollowOptions {
  retarget?: boolean;
}

/**
 * What an update tells its follow: `placed()` once it has placed the element for the reference,
 * `gone()` when the reference has no box to be placed at (taken out of the page, or not rendered).
 */
type Update = (placed: () => void, gone: () => void) => void;

/** How long a hide waits at most for the coach's reading (see holdHidesWhile). */
const HOLD_MAX_MS = 1000;
let reading: () => boolean = () => false;

/**
 * While `fn` answers true (the coach is reading a changed page), an element whose reference went
 * stays where it is rather than hiding: what the coach publishes next most often gives it the
 * element that replaced its reference (FollowOptions.retarget), and it then never leaves its
 * place. At most HOLD_MAX_MS. Returns what ends it.
 */
export function holdHidesWhile(fn: () => boolean): () => void {
  reading = fn;
  return () => {
    if (reading === fn) reading = () => false;
  };
}

/**
 * Follows `reference` with `update` while it is in view, and keeps `el` hidden while it is not
 * (scrolled away, or clipped by an ancestor) or while the reference has no box. Out of view there
 * is nothing to place: only the position watch runs. Back in view, `el` shows again only once
 * `update` has placed it (it calls `placed()`), never at its old place. Returns the function that
 * stops it all.
 *
 * A reference that goes (out of view, or without a box) hides `el` at the next frame, not at once,
 * and not while the coach reads (holdHidesWhile): a reference taken out is most often replaced by
 * the coach's next update, which stops this follow and starts one for the new element with
 * `retarget`, and `el` then never leaves its place (see FollowOptions).
 */
function followInView(reference: Element, el: HTMLElement, update: Update, sized: readonly Element[], options: FollowOptions): () => void {
  let placed = false;
  let clipped = false;
  let ended = false;
  let hiding = false;
  let following: { place(): void; stop(): void } | null = null;
  const win = reference.ownerDocument.defaultView;
  const show = () => {
    if (placed) setStyle(el, 'visibility', clipped ? 'hidden' : '');
  };
  /**
   * Hides `el` at the start of a frame: the next one, or while the coach reads (holdHidesWhile)
   * the first after. Unless, by then, it is placed (and in view) again or the follow ended.
   */
  const hideSoon = () => {
    if (hiding) return;
    hiding = true;
    const since = performance.now();
    const frame = win?.requestAnimationFrame ? (fn: () => void) => win.requestAnimationFrame(fn) : null;
    const hide = () => {
      if (!ended && (clipped || !placed)) {
        if (frame && reading() && performance.now() - since < HOLD_MAX_MS) return void frame(hide);
        setStyle(el, 'visibility', 'hidden');
      }
      hiding = false;
    };
    if (frame) frame(hide);
    else hide();
  };
  const place = () =>
    update(
      () => {
        placed = true;
        show();
      },
      () => {
        placed = false;
        hideSoon();
      },
    );
  const start = () => {
    following ??= follow(reference, el, place, sized, () => position.refit(), !!options.retarget);
  };
  const stop = () => {
    following?.stop();
    following = null;
    placed = false;
  };
  const position = watchPosition(
    reference,
    () => following?.place(),
    (c) => {
      clipped = c;
      if (c) {
        stop();
        hideSoon();
      } else start();
    },
  );
  start();
  return () => {
    ended = true;
    position.stop();
    stop();
  };
}

/** A reference with no box (0×0): taken out of the page, or not rendered. Nothing to place at. */
const noBox = (r: { width: number; height: number }): boolean => r.width === 0 && r.height === 0;

/**
 * floating-ui middleware that tells whether the reference has a box (noBox). Placed against no
 * box, a card would jump to the viewport's corner.
 */
const boxless: Middleware = { name: 'boxless', fn: ({ rects }) => ({ data: { none: noBox(rects.reference) } }) };

/** Places `floating` beside `reference` and keeps it there; returns the function that stops it. */
export function anchorTo(reference: Element, floating: HTMLElement, placement: Placement = 'bottom-start', gap = 10, options: FollowOptions = {}): () => void {
  return followInView(
    reference,
    floating,
    (placed, gone) => {
      const write = writer();
      hold(
        computePosition(reference, floating, {
          strategy: 'fixed',
          placement,
          middleware: [offset(gap), flip(VIEWPORT), shift(VIEWPORT), boxless],
        })
          .then(({ x, y, placement: actual, middlewareData }) =>
            write(() => {
              if ((middlewareData.boxless as { none?: boolean } | undefined)?.none) return gone();
              setStyle(floating, 'left', `${Math.round(x)}px`);
              setStyle(floating, 'top', `${Math.round(y)}px`);
              setAttr(floating, 'data-placement', actual);
              placed();
            }),
          )
          .catch((err) => logOnce('overlay: position', err)),
      );
    },
    [reference, floating],
    options,
  );
}

/** Keeps `box` exactly over `reference` (outline highlights); returns the function that stops it. */
export function coverWith(reference: Element, box: HTMLElement, pad = 3, options: FollowOptions = {}): () => void {
  return followInView(
    reference,
    box,
    (placed, gone) => {
      const r = reference.getBoundingClientRect();
      if (noBox(r)) return writer()(gone);
      writer()(() => {
        setStyle(box, 'left', `${Math.round(r.left - pad)}px`);
        setStyle(box, 'top', `${Math.round(r.top - pad)}px`);
        setStyle(box, 'width', `${Math.round(r.width + pad * 2)}px`);
        setStyle(box, 'height', `${Math.round(r.height + pad * 2)}px`);
        placed();
      });
    },
    [reference],
    options,
  );
}
