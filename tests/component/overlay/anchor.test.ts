// Anchored cards and outlines (components/overlay/anchor.ts) do no work while their field is out
// of view (floating-ui's layoutShift, used before, re-measured every second while a reference
// stayed clipped in place: a polling loop on an idle page whenever a tip's field sat scrolled away
// in an inner scroller), and follow moves from what the observer reports, never measuring the page
// in its callback. The observers here behave as the browser's: each delivers an entry for the
// present state right after observe(), with the field's box and the root's, margins applied.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { anchorTo, coverWith, holdHidesWhile, type FollowOptions } from '@/components/overlay/anchor';

let inView = true;
/** Where the field is (what the browser would report) and the viewport. */
let box = { left: 40, top: 300, width: 200, height: 30 };
const VIEWPORT = { width: 1000, height: 800 };

const rect = (r: { left: number; top: number; width: number; height: number }) =>
  ({ ...r, x: r.left, y: r.top, right: r.left + r.width, bottom: r.top + r.height, toJSON: () => ({}) }) as DOMRectReadOnly;

class FakeIntersectionObserver {
  static live = new Set<FakeIntersectionObserver>();
  private targets: Element[] = [];
  readonly margin: number[];
  constructor(
    private readonly callback: IntersectionObserverCallback,
    readonly options: IntersectionObserverInit = {},
  ) {
    // "-300px -760px -470px -40px": top, right, bottom, left, in px.
    this.margin = (options.rootMargin ?? '0px 0px 0px 0px').split(' ').map((m) => parseFloat(m));
  }
  observe(target: Element): void {
    this.targets.push(target);
    FakeIntersectionObserver.live.add(this);
    setTimeout(() => this.deliver(), 0);
  }
  unobserve(): void {}
  takeRecords(): IntersectionObserverEntry[] {
    return [];
  }
  disconnect(): void {
    this.targets = [];
    FakeIntersectionObserver.live.delete(this);
  }
  deliver(): void {
    if (!this.targets.length) return;
    const [t, r, b, l] = this.margin.length === 4 ? this.margin : [0, 0, 0, 0];
    const root = rect({ left: -l, top: -t, width: VIEWPORT.width + l + r, height: VIEWPORT.height + t + b });
    const w = Math.max(0, Math.min(box.left + box.width, root.right) - Math.max(box.left, root.left));
    const h = Math.max(0, Math.min(box.top + box.height, root.bottom) - Math.max(box.top, root.top));
    const share = inView ? (w * h) / (box.width * box.height) : 0;
    const seen = inView ? rect({ left: Math.max(box.left, root.left), top: Math.max(box.top, root.top), width: w, height: h }) : rect({ left: 0, top: 0, width: 0, height: 0 });
    const entries = this.targets.map(
      (target) =>
        ({ target, isIntersecting: inView, intersectionRatio: share, boundingClientRect: rect(box), intersectionRect: seen, rootBounds: root }) as unknown as IntersectionObserverEntry,
    );
    this.callback(entries, this as unknown as IntersectionObserver);
  }
}

/** Like the browser's: the targets observed since its last delivery are reported together, in one callback. */
class FakeResizeObserver {
  static count = 0;
  /** Every one made (anchor.ts keeps one per window across tests). */
  static live = new Set<FakeResizeObserver>();
  private due: Element[] = [];
  private readonly observed = new Set<Element>();
  constructor(private readonly callback: ResizeObserverCallback) {
    FakeResizeObserver.count++;
    FakeResizeObserver.live.add(this);
  }
  /** `target` changed size (or left the page): every observer of it delivers, as after a layout. */
  static resized(target: Element): void {
    for (const ro of FakeResizeObserver.live) if (ro.observed.has(target)) ro.callback([{ target } as unknown as ResizeObserverEntry], ro as unknown as ResizeObserver);
  }
  observe(target: Element): void {
    this.observed.add(target);
    // After the next frame's layout: after that frame's animation-frame callbacks.
    if (!this.due.length) requestAnimationFrame(() => setTimeout(() => this.deliver(), 0));
    this.due.push(target);
  }
  private deliver(): void {
    const targets = this.due;
    this.due = [];
    this.callback(
      targets.map((target) => ({ target }) as unknown as ResizeObserverEntry),
      this as unknown as ResizeObserver,
    );
  }
  unobserve(target: Element): void {
    this.observed.delete(target);
  }
  disconnect(): void {
    this.observed.clear();
  }
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame'] });
  vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver);
  vi.stubGlobal('ResizeObserver', FakeResizeObserver);
  inView = true;
  box = { left: 40, top: 300, width: 200, height: 30 };
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  FakeIntersectionObserver.live.clear();
  document.body.replaceChildren();
});

/** A field with a box, and an overlay element to place beside or over it. */
function setup() {
  const field = document.createElement('input');
  const measure = vi.spyOn(field, 'getBoundingClientRect').mockImplementation(() => rect(box) as DOMRect);
  const el = document.createElement('div');
  document.body.append(field, el);
  return { field, el, measure };
}

/** The field goes out of view (or comes back): every observer delivers an entry, as the browser does. */
function scroll(to: boolean): void {
  inView = to;
  for (const io of [...FakeIntersectionObserver.live]) io.deliver();
}

describe.each([
  ['a tip card (anchorTo)', (field: Element, el: HTMLElement, options?: FollowOptions) => anchorTo(field, el, undefined, undefined, options)],
  ['an outline (coverWith)', (field: Element, el: HTMLElement, options?: FollowOptions) => coverWith(field, el, undefined, options)],
])('%s', (_, start) => {
  /** Every change the anchoring makes to the element's style, from now on. */
  function styleWrites(el: HTMLElement): string[] {
    const seen: string[] = [];
    new MutationObserver((records) => records.forEach(() => seen.push(el.getAttribute('style') ?? ''))).observe(el, { attributes: true, attributeFilter: ['style'] });
    return seen;
  }

  /** The field taken out of the page, as the browser reports it: no box, a size notification. */
  function takeOut(field: Element, measure: ReturnType<typeof setup>['measure']): void {
    measure.mockImplementation(() => rect({ left: 0, top: 0, width: 0, height: 0 }) as DOMRect);
    field.remove();
    FakeResizeObserver.resized(field);
  }

  it('stays put, writing nothing, when the field is replaced by one at the same place (retarget)', async () => {
    const { field, el, measure } = setup();
    const stop = start(field, el);
    await vi.advanceTimersByTimeAsync(100);
    const placedAt = el.getAttribute('style');
    expect(el.style.visibility).toBe('');

    // The page re-renders the field; the coach's next update follows the new element.
    const writes = styleWrites(el);
    takeOut(field, measure);
    const next = setup();
    stop();
    const stopNext = start(next.field, el, { retarget: true });
    await vi.advanceTimersByTimeAsync(100);
    expect(next.measure).toHaveBeenCalled();
    await Promise.resolve();
    expect(writes).toEqual([]);
    expect(el.getAttribute('style')).toBe(placedAt);
    stopNext();
  });

  it('without retarget, a new follow hides the element until it is placed', async () => {
    const { field, el } = setup();
    const stop = start(field, el);
    await vi.advanceTimersByTimeAsync(100);
    stop();
    const writes = styleWrites(el);
    const next = setup();
    const stopNext = start(next.field, el);
    await vi.advanceTimersByTimeAsync(100);
    await Promise.resolve();
    expect(writes.some((w) => w.includes('visibility: hidden'))).toBe(true);
    expect(el.style.visibility).toBe('');
    stopNext();
  });

  /** A placed element whose field is then taken out while hides wait for `reading` (holdHidesWhile). */
  async function goneWhile(reading: () => boolean) {
    const { field, el, measure } = setup();
    const stop = start(field, el);
    await vi.advanceTimersByTimeAsync(100);
    const release = holdHidesWhile(reading);
    takeOut(field, measure);
    return { el, end: () => (release(), stop()) };
  }

  it('hides at the next frame once its field is gone, and waits while the coach reads', async () => {
    let busy = true;
    const gone = await goneWhile(() => busy);
    try {
      await vi.advanceTimersByTimeAsync(200);
      expect(gone.el.style.visibility).toBe('');
      // The coach published without giving it a new field: hidden at the next frame.
      busy = false;
      await vi.advanceTimersByTimeAsync(16);
      expect(gone.el.style.visibility).toBe('hidden');
    } finally {
      gone.end();
    }
  });

  it('waits for the coach at most a second', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame', 'performance'] });
    const gone = await goneWhile(() => true);
    try {
      await vi.advanceTimersByTimeAsync(900);
      expect(gone.el.style.visibility).toBe('');
      await vi.advanceTimersByTimeAsync(200);
      expect(gone.el.style.visibility).toBe('hidden');
    } finally {
      gone.end();
    }
  });

  it('measures nothing while its field is clipped, and shows again only once placed anew', async () => {
    const { field, el, measure } = setup();
    const stop = start(field, el);
    await vi.advanceTimersByTimeAsync(100);
    expect(measure).toHaveBeenCalled();
    expect(el.style.visibility).toBe('');

    scroll(false);
    await vi.advanceTimersByTimeAsync(0);
    // Hidden at the start of the next frame (a re-render replacing the field retargets it before).
    expect(el.style.visibility).toBe('');
    await vi.advanceTimersByTimeAsync(16);
    expect(el.style.visibility).toBe('hidden');
    measure.mockClear();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(measure).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);

    // Back in view: placed again, then shown.
    scroll(true);
    await vi.advanceTimersByTimeAsync(100);
    expect(measure).toHaveBeenCalled();
    expect(el.style.visibility).toBe('');

    stop();
    measure.mockClear();
    scroll(false);
    scroll(true);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(measure).not.toHaveBeenCalled();
  });

  it('follows a move the browser reports, from a watch fitted to the field, and measures nothing else in between', async () => {
    const { field, el, measure } = setup();
    const stop = start(field, el);
    await vi.advanceTimersByTimeAsync(100);
    expect(measure).toHaveBeenCalled();
    // Fitted: the move watch's root is the viewport shrunk to the field's box.
    const fitted = () => [...FakeIntersectionObserver.live].find((io) => io.options.threshold === 1);
    expect(fitted()?.options.rootMargin).toBe('-300px -760px -470px -40px');

    // Reported again without a move (an observer's own delivery): nothing measured.
    measure.mockClear();
    for (const io of [...FakeIntersectionObserver.live]) io.deliver();
    await vi.advanceTimersByTimeAsync(100);
    expect(measure).not.toHaveBeenCalled();

    // The page moves the field: placed anew, and the watch fitted to where it is now.
    box = { left: 40, top: 420, width: 200, height: 30 };
    for (const io of [...FakeIntersectionObserver.live]) io.deliver();
    await vi.advanceTimersByTimeAsync(100);
    expect(measure).toHaveBeenCalled();
    expect(fitted()?.options.rootMargin).toBe('-420px -760px -350px -40px');
    // One observer tells both moves and clipping.
    expect(FakeIntersectionObserver.live.size).toBe(1);
    stop();
    expect(FakeIntersectionObserver.live.size).toBe(0);
  });
});

describe('outlines placed together', () => {
  it('read every field first and write after: no read follows a write of another outline', async () => {
    const a = setup();
    const b = setup();
    const reads: string[] = [];
    a.measure.mockImplementation(() => {
      reads.push(`a read, b ${b.el.style.left ? 'placed' : 'unplaced'}`);
      return rect(box) as DOMRect;
    });
    b.measure.mockImplementation(() => {
      reads.push(`b read, a ${a.el.style.left ? 'placed' : 'unplaced'}`);
      return rect(box) as DOMRect;
    });
    const stops = [coverWith(a.field, a.el), coverWith(b.field, b.el)];
    await vi.advanceTimersByTimeAsync(100);
    // One delivery of sizes for both: both read before either wrote.
    expect(reads.slice(0, 2)).toEqual(['a read, b unplaced', 'b read, a unplaced']);
    expect(a.el.style.left).toBe('37px');
    expect(b.el.style.left).toBe('37px');
    for (const stop of stops) stop();
  });

  it('share one size observer, and each stops only its own', async () => {
    const before = FakeResizeObserver.count;
    const a = setup();
    const b = setup();
    const stopA = coverWith(a.field, a.el);
    const stopB = anchorTo(b.field, b.el);
    await vi.advanceTimersByTimeAsync(100);
    expect(FakeResizeObserver.count - before).toBeLessThanOrEqual(1);
    stopA();
    a.measure.mockClear();
    b.measure.mockClear();
    // A new size of both: only the one still followed is placed.
    box = { left: 40, top: 300, width: 260, height: 30 };
    for (const io of [...FakeIntersectionObserver.live]) io.deliver();
    await vi.advanceTimersByTimeAsync(100);
    expect(a.measure).not.toHaveBeenCalled();
    expect(b.measure).toHaveBeenCalled();
    stopB();
  });
});
