// An update that takes more than one slice (a big page, a navigation) reads the page right after
// the page's next layout, not between the page's own tasks (entrypoints/content/controller.ts,
// scheduler.ts 'layout'): until then the coach shows what it read before.
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup } from '@testing-library/react';
import { domField, makePack, pageModel } from './fixtures';
import { startCoach } from './harness';

const realRO = window.ResizeObserver;
/** The fake ResizeObserver's callbacks waiting for a layout of the page's root (the coach's own anchors observe other elements). */
let waiting: (() => void)[] = [];
class FakeRO {
  constructor(private cb: () => void) {}
  observe(el: Element) {
    if (el === document.documentElement) waiting.push(this.cb);
  }
  unobserve() {}
  disconnect() {
    waiting = waiting.filter((c) => c !== this.cb);
  }
}

afterEach(() => {
  cleanup();
  document.body.replaceChildren();
  window.ResizeObserver = realRO;
  waiting = [];
});

const pack = makePack({
  nudges: [{ id: 'hyg', fields: ['Amount', 'Next Step'], message: 'Forecasts need these.', severity: 'warn', points: 5 }],
});
const missing = () => [...document.querySelectorAll('[data-coach-missing]')].map((e) => e.getAttribute('data-coach-missing'));
const turn = () => act(() => new Promise<void>((r) => setTimeout(r, 0)));

describe('updates in slices', () => {
  it('a read that needed more than one slice waits for the next layout, then draws what it read', async () => {
    const h = await startCoach([pack], pageModel([domField('Amount'), domField('Next Step')]));
    expect(missing()).toEqual(['Amount', 'Next Step']);
    window.ResizeObserver = FakeRO as unknown as typeof ResizeObserver;

    h.page.model = pageModel([domField('Amount', '1000'), domField('Next Step')]);
    h.stall(1);
    h.batch();
    await turn();
    // Two slices ran (the page was still being indexed in the first): the reading waits for a layout.
    expect(waiting).toHaveLength(1);
    expect(missing()).toEqual(['Amount', 'Next Step']);
    act(() => waiting[0]());
    expect(missing()).toEqual(['Next Step']);
    expect(waiting).toHaveLength(0);
  });

  it('an update of one slice reads at once', async () => {
    const h = await startCoach([pack], pageModel([domField('Amount'), domField('Next Step')]));
    window.ResizeObserver = FakeRO as unknown as typeof ResizeObserver;
    h.page.model = pageModel([domField('Amount', '1000'), domField('Next Step')]);
    h.batch();
    expect(waiting).toHaveLength(0);
    expect(missing()).toEqual(['Next Step']);
  });
});
