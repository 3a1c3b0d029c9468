import { describe, expect, it } from 'vitest';
import { attributeProfile } from '../../../bench/lib/profile.mjs';
import { summarizeTrace } from '../../../bench/lib/trace.mjs';

const EXT = 'chrome-extension://abc/';
const frame = (functionName: string, url = '') => ({ functionName, url, lineNumber: 0, columnNumber: 0 });

describe('attributeProfile', () => {
  // root -> page() -> ext() -> native(); root -> (idle)
  const nodes = [
    { id: 1, callFrame: frame('(root)'), children: [2, 5] },
    { id: 2, callFrame: frame('page', 'https://crm.example/app.js'), children: [3] },
    { id: 3, callFrame: frame('ext', `${EXT}content.js`), children: [4] },
    { id: 4, callFrame: frame('querySelectorAll') },
    { id: 5, callFrame: frame('(idle)') },
  ];

  it('attributes samples whose stack holds an extension frame, including native callees', () => {
    // Samples every 1000 µs: idle, ext, native-under-ext, page, idle.
    const r = attributeProfile({ nodes, samples: [5, 3, 4, 2, 5], timeDeltas: [0, 1000, 1000, 1000, 1000], startTime: 0 }, EXT);
    expect(r.attributedSamples).toBe(2);
    expect(r.attributedMs).toBeCloseTo(2);
    expect(r.longestRunMs).toBeCloseTo(2);
    expect(r.busyMs).toBeCloseTo(3);
    expect(r.topFunctions[0]).toEqual({ frame: 'ext content.js:1:1', ms: 2 });
  });

  it('breaks runs at samples outside the extension', () => {
    const r = attributeProfile({ nodes, samples: [3, 2, 3, 4, 4, 5], timeDeltas: [0, 1000, 1000, 1000, 1000, 1000], startTime: 0 }, EXT);
    expect(r.attributedSamples).toBe(4);
    expect(r.longestRunMs).toBeCloseTo(3);
  });

  it('finds nothing in a profile without extension frames', () => {
    const r = attributeProfile({ nodes, samples: [2, 5, 2], timeDeltas: [0, 500, 500], startTime: 0 }, 'chrome-extension://other/');
    expect(r.attributedMs).toBe(0);
    expect(r.longestRunMs).toBe(0);
  });
});

describe('summarizeTrace', () => {
  it('counts script entries by origin, timers, events and paints', () => {
    const events = [
      { name: 'TracingStartedInBrowser', ph: 'I', ts: 1_000_000 },
      { name: 'FunctionCall', ph: 'X', ts: 1_010_000, dur: 2000, args: { data: { url: `${EXT}content-scripts/content.js`, functionName: 'flush', lineNumber: 3, columnNumber: 9 } } },
      { name: 'FunctionCall', ph: 'X', ts: 1_500_000, dur: 1000, args: { data: { url: `${EXT}content-scripts/content.js`, functionName: 'flush', lineNumber: 3, columnNumber: 9 } } },
      { name: 'FunctionCall', ph: 'X', ts: 1_600_000, dur: 5000, args: { data: { url: 'https://crm.example/app.js' } } },
      { name: 'TimerFire', ph: 'X', ts: 1_600_000, dur: 5000 },
      { name: 'EventDispatch', ph: 'X', ts: 1_700_000, dur: 10, args: { data: { type: 'animationend' } } },
      { name: 'Paint', ph: 'X', ts: 1_800_000, dur: 100 },
      { name: 'AnimationFrame', ph: 'b', ts: 1_800_000 },
    ];
    const s = summarizeTrace(events, EXT);
    expect(s.extensionCalls).toBe(2);
    expect(s.extensionMs).toBeCloseTo(3);
    expect(s.pageCalls).toBe(1);
    expect(s.timers).toBe(1);
    expect(s.eventDispatches).toEqual({ animationend: 1 });
    expect(s.paints).toBe(1);
    expect(s.frames).toBe(1);
    expect(s.topExtensionFunctions).toEqual([{ frame: 'flush content-scripts/content.js:3:9', calls: 2 }]);
    expect(s.extensionCallTimes).toEqual([10, 500]);
    expect(s.lastExtensionCallMs).toBe(500);
  });

  it('reports no extension work in an empty window', () => {
    const s = summarizeTrace([{ name: 'Paint', ph: 'X', ts: 5, dur: 1 }], EXT);
    expect(s.extensionCalls).toBe(0);
    expect(s.lastExtensionCallMs).toBeNull();
  });
});
