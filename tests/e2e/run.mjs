#!/usr/bin/env node
// Runs the end-to-end suite in both browsers: checks Chromium and Firefox ESR, builds the
// extension for each (chrome-mv3, firefox-mv2), then runs tests/e2e/*.test.mjs with node's test
// runner once per browser (CRM_COACH_BROWSER), the two browsers in parallel processes, one file
// at a time within each (each test starts its own browser).
//   node tests/e2e/run.mjs [file-part…] [--browser=chromium|firefox] [--serial]
// CRM_COACH_BROWSERS=chromium (or firefox) limits the run to one browser as --browser does.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const argv = process.argv.slice(2);
const flag = (name) => argv.find((a) => a.startsWith(`--${name}`));
const only = argv.filter((a) => !a.startsWith('--'));
const chosen = (flag('browser')?.split('=')[1] ?? process.env.CRM_COACH_BROWSERS ?? 'chromium,firefox').split(',');
const serial = !!flag('serial') || process.env.CRM_COACH_E2E_SERIAL === '1';

const BROWSERS = {
  chromium: {
    binary: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    install: 'sudo apt-get update && sudo apt-get install -y chromium\n(or set CHROMIUM_PATH to a Chromium binary)',
    build: ['npx', 'wxt', 'build'],
    output: '.output/chrome-mv3',
    env: 'CRM_COACH_EXTENSION',
  },
  firefox: {
    binary: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    install: 'sudo apt-get update && sudo apt-get install -y firefox-esr\n(or set FIREFOX_PATH to a Firefox binary)',
    build: ['npx', 'wxt', 'build', '-b', 'firefox'],
    output: '.output/firefox-mv2',
    env: 'CRM_COACH_FIREFOX_EXTENSION',
  },
};

const browsers = chosen.filter((b) => BROWSERS[b]);
if (browsers.length === 0) {
  console.error(`Unknown browser in ${chosen.join(',')}: use chromium, firefox or both.`);
  process.exit(1);
}
for (const b of browsers) {
  if (!existsSync(BROWSERS[b].binary)) {
    console.error(`${b} is missing at ${BROWSERS[b].binary}. The end-to-end tests drive it:\n  ${BROWSERS[b].install}.`);
    process.exit(1);
  }
}

// Build (serialised with flock so parallel runs on one machine never see a half-written build),
// then test a private copy so a rebuild during the run cannot change the extension under test.
const copies = [];
process.on('exit', () => copies.forEach((c) => rmSync(c, { recursive: true, force: true })));
for (const b of browsers) {
  const spec = BROWSERS[b];
  if (process.env[spec.env]) continue;
  if (process.env.CRM_COACH_SKIP_BUILD !== '1') {
    const build = spawnSync('flock', [path.join(tmpdir(), 'crm-coach-build.lock'), ...spec.build], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const copy = mkdtempSync(path.join(tmpdir(), `crm-coach-ext-${b}-`));
  cpSync(path.join(root, spec.output), copy, { recursive: true });
  copies.push(copy);
  process.env[spec.env] = copy;
}

const files = readdirSync(here)
  .filter((f) => f.endsWith('.test.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort()
  .map((f) => path.join(here, f));

/** Runs the files in one browser; resolves with its exit code. Output lines carry the browser's name. */
function runIn(browser) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files], {
      cwd: root,
      env: { ...process.env, CRM_COACH_BROWSER: browser },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const prefix = browsers.length > 1 ? `[${browser}] ` : '';
    for (const [from, to] of [[child.stdout, process.stdout], [child.stderr, process.stderr]]) {
      let rest = '';
      from.on('data', (chunk) => {
        const lines = (rest + chunk.toString()).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) to.write(`${prefix}${line}\n`);
      });
      from.on('end', () => rest && to.write(`${prefix}${rest}\n`));
    }
    child.on('close', (code) => resolve(code ?? 1));
  });
}

const codes = [];
if (serial) {
  for (const b of browsers) codes.push(await runIn(b));
} else {
  codes.push(...(await Promise.all(browsers.map(runIn))));
}
browsers.forEach((b, i) => console.log(`e2e ${b}: ${codes[i] === 0 ? 'passed' : `FAILED (exit ${codes[i]})`}`));
process.exit(codes.every((c) => c === 0) ? 0 : 1);
