import { describe, expect, it } from 'vitest';
import { closure, htmlAssets, jsImports } from '../../../bench/lib/bundle.mjs';
import { Report, judge } from '../../../bench/lib/report.mjs';

describe('bundle closure', () => {
  it('reads static, side-effect and dynamic relative imports from minified code', () => {
    const code = 'import{a as b}from"./chunks/x-1.js";import"./y.js";const z=()=>import("./lazy.js");import e from "react";';
    expect(jsImports(code).sort()).toEqual(['./chunks/x-1.js', './lazy.js', './y.js']);
  });

  it('reads scripts, module preloads and stylesheets from HTML, not other links', () => {
    const html = '<script type="module" src="/chunks/popup.js"></script><link rel="modulepreload" href="/chunks/react.js">'
      + '<link rel="stylesheet" href="/assets/popup.css"><link rel="icon" href="/icon.png"><script src="https://cdn.example/x.js"></script>';
    expect(htmlAssets(html)).toEqual(['/chunks/popup.js', '/chunks/react.js', '/assets/popup.css']);
  });

  it('follows an entrypoint through every file it loads, once each', () => {
    const files: Record<string, string> = {
      'popup.html': '<script type="module" src="/chunks/popup.js"></script>',
      'chunks/popup.js': 'import{a}from"./react.js";import{b}from"./messaging.js";',
      'chunks/react.js': 'import"./runtime.js";',
      'chunks/messaging.js': 'import"./runtime.js";',
      'chunks/runtime.js': '',
      'chunks/unused.js': '',
    };
    const got = closure('/x', ['popup.html'], (p) => {
      if (!(p in files)) throw new Error(`missing ${p}`);
      return files[p];
    });
    expect(got).toEqual(['chunks/messaging.js', 'chunks/popup.js', 'chunks/react.js', 'chunks/runtime.js', 'popup.html']);
  });
});

describe('report', () => {
  it('judges a value against a max or min budget', () => {
    expect(judge(1, { max: 1 })).toBe('pass');
    expect(judge(1.01, { max: 1 })).toBe('over');
    expect(judge(5, { min: 10 })).toBe('over');
    expect(judge(null, { max: 1 })).toBe('info');
    expect(judge(3, null)).toBe('info');
  });

  it('prints n/a reasons as numbered notes and keeps every row', () => {
    const r = new Report();
    r.figure('A', 'size', 2048, { unit: 'B', budget: { max: 1024 } });
    r.na('A', 'batch median', 'no marks yet', { budget: { max: 1 }, unit: 'ms' });
    r.error('B', new Error('browser crashed\nstack'));
    const text = r.table();
    expect(text).toContain('[A]');
    expect(text).toMatch(/size\s+2 KB\s+≤ 1 KB\s+over/);
    expect(text).toMatch(/batch median\s+n\/a \[1\]\s+≤ 1 ms\s+n\/a/);
    expect(text).toContain('[1] no marks yet');
    expect(text).toContain('[2] error: browser crashed');
    expect(r.errors).toHaveLength(1);
    expect(r.rows.map((x) => x.status)).toEqual(['over', 'n/a', 'error']);
  });
});
