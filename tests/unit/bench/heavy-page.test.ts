// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { HEAVY_URL, KEY_FIELDS, fieldDefs, heavyPageHtml, warmupTicks, windowTicks } from '../../../bench/heavy-page.mjs';

describe('heavy page', () => {
  it('has the requested number of fields, the key fields first, empty Next Step, Amount and Close Date', () => {
    const defs = fieldDefs(2000);
    expect(defs).toHaveLength(2000);
    expect(defs.slice(0, KEY_FIELDS.length).map((f) => f.label)).toEqual(KEY_FIELDS.map((f) => f.label));
    for (const label of ['Next Step', 'Amount', 'Close Date']) {
      expect(defs.find((f) => f.label === label)?.value).toBe('');
    }
    expect(new Set(defs.map((f) => f.api)).size).toBe(2000);
  });

  it('serves a Lightning record URL and a self-contained page with its options and no innerHTML', () => {
    expect(new URL(HEAVY_URL).pathname).toMatch(/^\/lightning\/r\/Opportunity\/006\w{15}\/view$/);
    const html = heavyPageHtml({ fields: 123 });
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const config = doc.scripts[0].textContent ?? '';
    expect(config).toContain('"fields":123');
    expect(html).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML/);
    expect(html).toContain("attachShadow({ mode: 'open' })");
    expect(html).toContain('records-record-layout-item');
  });
});

describe('heavy page churn', () => {
  /** The JSDOM class, from the instance vitest's jsdom environment puts on the global object. */
  type JsdomClass = new (html: string, options: object) => { window: Window & typeof globalThis };
  const JSDOM = (globalThis as unknown as { jsdom: { constructor: JsdomClass } }).jsdom.constructor;

  /** The page in its own jsdom window, its scripts run (constructable style sheets stubbed: jsdom has none). */
  async function openPage(): Promise<{ bench: HeavyBench; close: () => void }> {
    const dom = new JSDOM(heavyPageHtml({ fields: 40, sectionSize: 10 }), {
      url: HEAVY_URL,
      runScripts: 'dangerously',
      pretendToBeVisual: true,
      beforeParse(win: object) {
        (win as unknown as { CSSStyleSheet: unknown }).CSSStyleSheet = class {
          replaceSync(): void {}
        };
      },
    });
    const bench = (dom.window as unknown as { __crmBench: HeavyBench }).__crmBench;
    await bench.ready;
    return { bench, close: () => dom.window.close() };
  }

  interface Ops { fields: number; toggles: number; navigations: number }
  interface HeavyBench {
    ready: Promise<boolean>;
    churn(ms: number, opts?: { ticks?: number; tickMs?: number; navEvery?: number }): Promise<{ ops: Ops; t0: number; t1: number }>;
  }

  it('churns exactly the ticks asked for, whatever the time, and two pages do the same work', async () => {
    const a = await openPage();
    const b = await openPage();
    try {
      const opts = { ticks: 12, tickMs: 1, navEvery: 6 };
      const first = await a.bench.churn(0, opts);
      // 12 ticks: navigations on ticks 6 and 12, a toggle on tick 10, 5 re-renders on each of the other 10.
      expect(first.ops.navigations).toBe(2);
      expect(first.ops.toggles).toBe(1);
      expect(first.ops.fields).toBe(50);
      expect(first.t1).toBeGreaterThanOrEqual(first.t0);
      // Another page, slower or not, does the same ticks with the same seeded choices; and the
      // schedule carries on from one call to the next on both.
      expect((await b.bench.churn(0, opts)).ops).toEqual(first.ops);
      const again = await a.bench.churn(0, { ...opts, ticks: 3 });
      expect(again.ops).toEqual((await b.bench.churn(0, { ...opts, ticks: 3 })).ops);
      expect(again.ops.navigations).toBe(0);
    } finally {
      a.close();
      b.close();
    }
  });

  it("side-by-side windows: 60 ticks of 3 s, and a warm-up of half that puts each window's navigation in its middle", () => {
    expect(windowTicks(3000)).toBe(60);
    expect(warmupTicks(3000)).toBe(30);
    // Navigations come every 60 ticks: after the warm-up, window k covers ticks 31+60k … 90+60k.
    const navTick = 60;
    const firstWindowStart = warmupTicks(3000) + 1;
    expect(navTick - firstWindowStart + 1).toBe(windowTicks(3000) / 2);
    expect(windowTicks(10)).toBe(1);
    expect(warmupTicks(10)).toBe(1);
  });

  it('without ticks, churns for the time asked', async () => {
    const a = await openPage();
    try {
      const r = await a.bench.churn(60, { tickMs: 5 });
      expect(r.t1 - r.t0).toBe(60);
      expect(r.ops.fields + r.ops.toggles + r.ops.navigations).toBeGreaterThan(0);
    } finally {
      a.close();
    }
  });
});
