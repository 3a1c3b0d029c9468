// Anchored cards and outlines (components/overlay/anchor.ts) do no work while their field is out
// of view (floating-ui's layoutShift, used before, re-measured every second while a reference
// stayed clipped in place: a polling loop on an idle page whenever a tip's field sat scrolled away
// in an inner scroller), and follow moves from what the observer reports, never measuring the page
// in its callback. The observers here behave as the browser's: each delivers an entry for the
// present state right after observe(), with the field's box and the root's, margins applied.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { anchorTo, coverWith } from '@/components/overlay/anchor';

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
    const entries = this.targets.map(
      (target) => ({ target, isIntersecting: inView, intersectionRatio: share, boundingClientRect: rect(box), rootBounds: root }) as unknown as IntersectionObserverEntry,
    );
    this.callback(entries, this as unknown as IntersectionObserver);
  }
}

class FakeResizeObserver {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element): void {
    setTimeout(() => this.callback([{ target } as unknown as ResizeObserverEntry], this as unknown as ResizeObserver), 0);
  }
  unobserve(): void {}
  disconnect(): void {}
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
  ['a tip card (anchorTo)', (field: Element, el: HTMLElement) => anchorTo(field, el)],
  ['an outline (coverWith)', (field: Element, el: HTMLElement) => coverWith(field, el)],
])('%s', (_, start) => {
  it('measures nothing while its field is clipped, and shows again only once placed anew', async () => {
    const { field, el, measure } = setup();
    const stop = start(field, el);
    await vi.advanceTimersByTimeAsync(100);
    expect(measure).toHaveBeenCalled();
    expect(el.style.visibility).toBe('');

    scroll(false);
    await vi.advanceTimersByTimeAsync(0);
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
    stop();
    expect(FakeIntersectionObserver.live.size).toBe(0);
  });
});
