// A content-script-only extension for the bench's tools (world-walk.mjs, gc-probe.mjs): one
// script in every page's isolated world at document_start, and nothing else of the coach.
import fs from 'node:fs';
import path from 'node:path';
import { BENCH_EXTENSION_DIR } from './config.mjs';

/**
 * Writes the extension into `dir` (created if need be) with `source` as its content script. It
 * carries the bench build's manifest key (so the id the bench's launcher waits for) and a worker
 * that does nothing: the launcher waits for an extension's worker to start.
 */
export function writeProbeExtension(dir, name, source) {
  const { key } = JSON.parse(fs.readFileSync(path.join(BENCH_EXTENSION_DIR, 'manifest.json'), 'utf8'));
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({
    manifest_version: 3, name, version: '1', key,
    background: { service_worker: 'worker.js' },
    content_scripts: [{ matches: ['<all_urls>'], js: ['probe.js'], run_at: 'document_start' }],
  }));
  fs.writeFileSync(path.join(dir, 'worker.js'), '');
  fs.writeFileSync(path.join(dir, 'probe.js'), source);
  return dir;
}
