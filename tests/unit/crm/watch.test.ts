import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchPage, type ChangeReason } from '@/utils/crm/watch';

let frames: FrameRequestCallback[] = [];
let controller: AbortController;
let calls: ChangeReason[];

const microtasks = () => new Promise((r) => setTimeout(r, 0));
function runFrame(): void {
  const due = frames;
  frames = [];
  for (const cb of due) cb(0);
}

beforeEach(() => {
  frames = [];
  calls = [];
  controller = new AbortController();
  vi.spyOn(window, 'requestAnimationFrame').mockImplementation((cb) => {
    frames.push(cb);
    return frames.length;
  });
  vi.spyOn(window, 'cancelAnimationFrame').mockImplementation(() => {
    frames = [];
  });
  document.body.replaceChildren();
  history.replaceState({}, '', '/start');
});
afterEach(() => {
  controller.abort();
});

function start(shadowRootOf?: (el: Element) => ShadowRoot | null): void {
  watchPage({ doc: document, onChange: (r) => calls.push(r), signal: controller.signal, shadowRootOf });
}

describe('watchPage', () => {
  it('batches a burst of mutations into one callback per frame, and stays quiet when idle', async () => {
    start();
    await microtasks();
    expect(frames.length).toBe(0); // idle: nothing scheduled
    for (let i = 0; i < 50; i++) {
      const d = document.createElement('div');
      d.textContent = `row ${i}`;
      document.body.append(d);
      if (i % 10 === 0) await microtasks(); // several observer deliveries, same frame
    }
    await microtasks();
    expect(frames.length).toBe(1);
    runFrame();
    expect(calls).toEqual(['mutation']);
    await microtasks();
    expect(frames.length).toBe(0);
    document.body.firstElementChild!.setAttribute('class', 'x');
    await microtasks();
    runFrame();
    expect(calls).toEqual(['mutation', 'mutation']);
  });

  it('observes shadow roots as they appear, including ones attached after insertion', async () => {
    start();
    const host = document.createElement('records-record-layout-item');
    document.body.append(host);
    await microtasks();
    runFrame();
    calls = [];
    // attachShadow makes no mutation record: the host is rechecked on the next batch.
    const root = host.attachShadow({ mode: 'open' });
    document.body.append(document.createElement('span'));
    await microtasks();
    runFrame();
    calls = [];
    const input = document.createElement('input');
    root.append(input);
    await microtasks();
    runFrame();
    expect(calls).toEqual(['mutation']);
    // A host that arrives with its shadow root already populated.
    const later = document.createElement('lightning-input');
    const lr = later.attachShadow({ mode: 'open' });
    lr.append(document.createElement('label'));
    document.body.append(later);
    await microtasks();
    runFrame();
    calls = [];
    lr.firstElementChild!.textContent = 'Amount';
    await microtasks();
    runFrame();
    expect(calls).toEqual(['mutation']);
  });

  it('observes closed shadow roots through shadowRootOf', async () => {
    const host = document.createElement('x-closed');
    const root = host.attachShadow({ mode: 'closed' });
    document.body.append(host);
    start((el) => (el === host ? root : null));
    root.append(document.createElement('p'));
    await microtasks();
    runFrame();
    expect(calls).toEqual(['mutation']);
  });

  it('ignores our own overlay', async () => {
    start();
    const overlay = document.createElement('crm-coach-overlay');
    const root = overlay.attachShadow({ mode: 'open' });
    document.body.append(overlay);
    await microtasks();
    overlay.setAttribute('style', 'z-index: 9');
    // Its light children too (the document observer sees them; a record there is looked at in the document's tree).
    const light = document.createElement('span');
    overlay.append(light);
    await microtasks();
    light.setAttribute('title', 'x');
    light.textContent = 'x';
    root.append(document.createElement('div'));
    const input = document.createElement('input');
    root.append(input);
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await microtasks();
    expect(frames.length).toBe(0);
    expect(calls).toEqual([]);
  });

  it('reports typing (no mutation) as a change', async () => {
    const input = document.createElement('input');
    document.body.append(input);
    start();
    input.value = 'typed';
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    runFrame();
    expect(calls).toEqual(['mutation']);
  });

  it('reports SPA navigation: pushState seen on the next batch, popstate directly', async () => {
    start();
    history.pushState({}, '', '/lightning/r/Account/001/view');
    document.body.append(document.createElement('div'));
    await microtasks();
    runFrame();
    expect(calls).toEqual(['navigation']);
    window.dispatchEvent(new PopStateEvent('popstate'));
    runFrame();
    expect(calls).toEqual(['navigation', 'navigation']);
  });

  it('does nothing after the signal aborts', async () => {
    start();
    document.body.append(document.createElement('div'));
    await microtasks();
    expect(frames.length).toBe(1);
    controller.abort();
    runFrame();
    document.body.append(document.createElement('div'));
    window.dispatchEvent(new PopStateEvent('popstate'));
    await microtasks();
    runFrame();
    expect(calls).toEqual([]);
  });

  it('does not start with an aborted signal, and survives a throwing callback', async () => {
    const aborted = new AbortController();
    aborted.abort();
    watchPage({ doc: document, onChange: () => calls.push('mutation'), signal: aborted.signal });
    document.body.append(document.createElement('div'));
    await microtasks();
    expect(frames.length).toBe(0);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    watchPage({ doc: document, onChange: () => { throw new Error('boom'); }, signal: controller.signal });
    document.body.append(document.createElement('div'));
    await microtasks();
    expect(() => runFrame()).not.toThrow();
    expect(warn).toHaveBeenCalled();
  });
});

describe('watchPage observers', () => {
  /** A page of `n` hosts with open roots, each root holding one span. */
  function page(n: number): { wrap: HTMLElement; roots: ShadowRoot[] } {
    const wrap = document.createElement('div');
    const roots: ShadowRoot[] = [];
    for (let i = 0; i < n; i++) {
      const host = document.createElement('x-row');
      const root = host.attachShadow({ mode: 'open' });
      root.append(document.createElement('span'));
      wrap.append(host);
      roots.push(root);
    }
    return { wrap, roots };
  }
  let seen: { records: MutationRecord[] }[];
  function startWatching(compactFrom?: number): void {
    seen = [];
    watchPage({
      doc: document,
      onChange: (_r, _ms, changes) => seen.push({ records: [...changes.records] }),
      signal: controller.signal,
      compactFrom,
    });
  }
  async function settle(): Promise<void> {
    await microtasks();
    runFrame();
  }

  it('gives a page of many shadow roots an observer of its own, and still hears every root once', async () => {
    const observe = vi.spyOn(MutationObserver.prototype, 'observe');
    startWatching();
    const { wrap, roots } = page(150);
    document.body.append(wrap);
    await settle();
    const observers = new Set(observe.mock.contexts);
    // The document's observer, and the page's own for the roots after its first 64.
    expect(observers.size).toBe(2);
    seen = [];
    roots[10].firstElementChild!.setAttribute('title', 'a');
    roots[140].firstElementChild!.setAttribute('title', 'b');
    await settle();
    const records = seen.flatMap((s) => s.records);
    expect(records.map((r) => (r.target as Element).getAttribute('title')).sort()).toEqual(['a', 'b']);
  });

  it('observes a root found again by the observer that has it: one record, not two', async () => {
    startWatching();
    const { wrap, roots } = page(100);
    document.body.append(wrap);
    await settle();
    // Moved: the page is scanned again from where it lands, its roots found again.
    const other = document.createElement('section');
    document.body.append(other);
    other.append(wrap);
    await settle();
    seen = [];
    roots[90].firstElementChild!.setAttribute('title', 'once');
    await settle();
    expect(seen.flatMap((s) => s.records).filter((r) => r.type === 'attributes')).toHaveLength(1);
  });

  it('rebuilds its shared observer without the roots that left the page, losing no record', async () => {
    const disconnect = vi.spyOn(MutationObserver.prototype, 'disconnect');
    startWatching(8);
    // Small pages (under 64 roots each) stay on the shared observer.
    const first = page(20);
    document.body.append(first.wrap);
    await settle();
    first.roots[0].firstElementChild!.setAttribute('title', 'first');
    await settle();
    // 21 nodes observed, none gone: looked at, not rebuilt.
    expect(disconnect).not.toHaveBeenCalled();
    const second = page(20);
    document.body.append(second.wrap);
    await settle();
    first.wrap.remove();
    const third = page(20);
    document.body.append(third.wrap);
    await settle();
    // 61 nodes observed, 20 of them gone: rebuilt at this delivery, after its record is handled.
    seen = [];
    third.roots[0].firstElementChild!.setAttribute('title', 'pending');
    await settle();
    expect(disconnect).toHaveBeenCalledTimes(1);
    expect(seen.flatMap((s) => s.records).map((r) => (r.target as Element).getAttribute('title'))).toEqual(['pending']);
    // The pages in the page are still heard, the removed one no more.
    seen = [];
    second.roots[19].firstElementChild!.setAttribute('title', 'y');
    third.roots[5].firstElementChild!.setAttribute('title', 'z');
    first.roots[0].firstElementChild!.setAttribute('title', 'gone');
    await settle();
    expect(seen.flatMap((s) => s.records).map((r) => (r.target as Element).getAttribute('title'))).toEqual(['y', 'z']);
  });
});
