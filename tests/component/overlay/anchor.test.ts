// Anchored cards and outlines (components/overlay/anchor.ts) do no work while their field is out
// of view. floating-ui's layoutShift re-measures every second while a reference stays clipped in
// place (its observeMove retries on a timer): that was a polling loop on an idle page whenever a
// tip's field sat scrolled away in an inner scroller. The observers here behave as the browser's:
// each delivers an entry for the present state right after observe().
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { anchorTo, coverWith } from '@/components/overlay/anchor';

let inView = true;

class FakeIntersectionObserver {
  static live = new Set<FakeIntersectionObserver>();
  private targets: Element[] = [];
  constructor(private readonly callback: IntersectionObserverCallback) {}
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
    const entries = this.targets.map((target) => ({ target, isIntersecting: inView, intersectionRatio: inView ? 1 : 0 }) as unknown as IntersectionObserverEntry);
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

const RECT = { x: 40, y: 300, left: 40, top: 300, right: 240, bottom: 330, width: 200, height: 30, toJSON: () => ({}) } as DOMRect;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame'] });
  vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver);
  vi.stubGlobal('ResizeObserver', FakeResizeObserver);
  inView = true;
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
  const measure = vi.spyOn(field, 'getBoundingClientRect').mockReturnValue(RECT);
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
});
