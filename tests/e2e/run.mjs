#!/usr/bin/env node
// Runs the end-to-end suite: checks Chromium, builds the extension, runs tests/e2e/*.test.mjs
// with node's test runner, one file at a time (each starts its own browser).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (!existsSync(chromium)) {
  console.error(`Chromium is missing at ${chromium}. The end-to-end tests drive Debian's Chromium:
  sudo apt-get update && sudo apt-get install -y chromium
(or set CHROMIUM_PATH to a Chromium binary).`);
  process.exit(1);
}

// Build (serialised with flock so parallel runs on one machine never see a half-written build),
// then test a private copy so a rebuild during the run cannot change the extension under test.
if (process.env.CRM_COACH_SKIP_BUILD !== '1') {
  const build = spawnSync('flock', [path.join(tmpdir(), 'crm-coach-build.lock'), 'npx', 'wxt', 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
if (!process.env.CRM_COACH_EXTENSION) {
  const copy = mkdtempSync(path.join(tmpdir(), 'crm-coach-ext-'));
  cpSync(path.join(root, '.output/chrome-mv3'), copy, { recursive: true });
  process.env.CRM_COACH_EXTENSION = copy;
  process.on('exit', () => rmSync(copy, { recursive: true, force: true }));
}

const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.test.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort()
  .map((f) => path.join(here, f));

const result = spawnSync(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
