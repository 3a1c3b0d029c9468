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
