// Right after the page's next layout (entrypoints/content/after-layout.ts): a ResizeObserver's
// first notification, once; the fallback timer when none comes; cancel stops both.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterLayout, LAYOUT_FALLBACK_MS } from '@/entrypoints/content/after-layout';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A document whose ResizeObserver is driven by the test. */
function fakeDoc() {
  const observers: { cb: () => void; observed: unknown[]; disconnected: boolean }[] = [];
  class RO {
    state: (typeof observers)[number];
    constructor(cb: () => void) {
      this.state = { cb, observed: [], disconnected: false };
      observers.push(this.state);
    }
    observe(el: unknown) {
      this.state.observed.push(el);
    }
    disconnect() {
      this.state.disconnected = true;
    }
  }
  const root = {};
  const doc = { defaultView: { ResizeObserver: RO }, documentElement: root } as unknown as Document;
  return { doc, root, observers, layout: () => observers.forEach((o) => !o.disconnected && o.cb()) };
}

describe('afterLayout', () => {
  it('calls back once, on the first notification for the root element, and stops observing', () => {
    const f = fakeDoc();
    const fn = vi.fn();
    afterLayout(f.doc, fn);
    expect(f.observers[0].observed).toEqual([f.root]);
    expect(fn).not.toHaveBeenCalled();
    f.layout();
    f.layout();
    vi.advanceTimersByTime(LAYOUT_FALLBACK_MS * 2);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(f.observers[0].disconnected).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('calls back after the fallback when no layout comes, and never again', () => {
    const f = fakeDoc();
    const fn = vi.fn();
    afterLayout(f.doc, fn);
    vi.advanceTimersByTime(LAYOUT_FALLBACK_MS - 1);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
    f.layout();
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('without a ResizeObserver, the fallback; cancelled, nothing', () => {
    const fn = vi.fn();
    afterLayout({ defaultView: {}, documentElement: {} } as unknown as Document, fn);
    vi.advanceTimersByTime(LAYOUT_FALLBACK_MS);
    expect(fn).toHaveBeenCalledTimes(1);

    const f = fakeDoc();
    const never = vi.fn();
    const cancel = afterLayout(f.doc, never);
    cancel();
    f.layout();
    vi.advanceTimersByTime(LAYOUT_FALLBACK_MS);
    expect(never).not.toHaveBeenCalled();
    expect(f.observers[0].disconnected).toBe(true);
  });
});
