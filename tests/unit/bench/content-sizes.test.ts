// The bench's content-script sizes (bench/lib/bundle.mjs): what the manifest runs on every CRM
// page is summed against the budget; every other content script is on demand, reported apart.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { contentScriptSizes } from '../../../bench/lib/bundle.mjs';

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function build(files: Record<string, string>, manifest: object): string {
  dir = mkdtempSync(path.join(tmpdir(), 'crm-coach-sizes-'));
  mkdirSync(path.join(dir, 'content-scripts'));
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  for (const [rel, text] of Object.entries(files)) writeFileSync(path.join(dir, rel), text);
  return dir;
}

describe('contentScriptSizes', () => {
  it('sums the manifest content scripts as every-page and lists the others as on demand', () => {
    const content = 'const coach = 1;'.repeat(200);
    const main = 'patch();';
    const overlay = 'react();'.repeat(500);
    const d = build(
      { 'content-scripts/content.js': content, 'content-scripts/shadow-roots.js': main, 'content-scripts/overlay.js': overlay, 'content-scripts/author.js': 'a' },
      { content_scripts: [{ js: ['content-scripts/content.js'] }, { js: ['content-scripts/shadow-roots.js'], world: 'MAIN' }] },
    );
    const { everyPage, onDemand } = contentScriptSizes(d);
    expect(Object.keys(everyPage.files)).toEqual(['content-scripts/content.js', 'content-scripts/shadow-roots.js']);
    expect(everyPage.gzip).toBe(gzipSync(content).length + gzipSync(main).length);
    expect(everyPage.raw).toBe(content.length + main.length);
    expect(Object.keys(onDemand).sort()).toEqual(['author', 'overlay']);
    expect(onDemand.overlay).toEqual({ file: 'content-scripts/overlay.js', raw: overlay.length, gzip: gzipSync(overlay).length });
  });

  it('counts a stylesheet beside an every-page script', () => {
    const d = build({ 'content-scripts/content.js': 'x', 'content-scripts/content.css': '.a{}' }, { content_scripts: [{ js: ['content-scripts/content.js'] }] });
    expect(Object.keys(contentScriptSizes(d).everyPage.files)).toEqual(['content-scripts/content.css', 'content-scripts/content.js']);
  });
});
