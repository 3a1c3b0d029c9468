#!/usr/bin/env node
// Runs the end-to-end suite: checks Chromium, builds the extension, runs tests/e2e/*.test.mjs
// with node's test runner, one file at a time (each starts its own browser).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
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

if (process.env.CRM_COACH_SKIP_BUILD !== '1') {
  const build = spawnSync('npx', ['wxt', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) process.exit(build.status ?? 1);
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
