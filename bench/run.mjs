#!/usr/bin/env node
// `npm run bench`: builds the extension (production build with MODE "bench"), measures it in
// Debian's Chromium against the budgets of docs/architecture.md, side by side with a browser
// without it, prints a table and writes bench/results.json. Exits 0 whatever the figures say;
// 1 only when something failed to run. BENCH_QUICK=1 for a short smoke run (see bench/README.md).
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startServer } from '../tests/e2e/server.mjs';
import { BENCH_DIR, BENCH_EXTENSION_DIR, ROOT, loadConfig } from './lib/config.mjs';
import { Report } from './lib/report.mjs';
import * as sizes from './sections/sizes.mjs';
import * as overhead from './sections/overhead.mjs';
import * as idle from './sections/idle.mjs';
import * as firstTip from './sections/first-tip.mjs';
import * as coldStart from './sections/cold-start.mjs';
import * as memory from './sections/memory.mjs';
import * as popup from './sections/popup.mjs';
import * as suitecrm from './sections/suitecrm.mjs';

const SECTIONS = [
  ['sizes', sizes],
  ['overhead', overhead],
  ['idle', idle],
  ['tip', firstTip],
  ['cold', coldStart],
  ['memory', memory],
  ['popup', popup],
  ['suitecrm', suitecrm],
];

function chromiumVersion(bin) {
  try {
    return execFileSync(bin, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return 'unknown';
  }
}

function build() {
  const t0 = Date.now();
  const r = spawnSync('npx', ['wxt', 'build', '--mode', 'bench', '-c', 'bench/wxt.bench.config.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    process.stderr.write(r.stdout ?? '');
    process.stderr.write(r.stderr ?? '');
    throw new Error(`wxt build --mode bench failed (exit ${r.status})`);
  }
  return Date.now() - t0;
}

async function main() {
  const started = Date.now();
  const config = loadConfig();
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    console.error(`Chromium is missing at ${chromium}: sudo apt-get install -y chromium (or set CHROMIUM_PATH).`);
    process.exit(1);
  }
  console.log(`CRM Coach benchmark${config.quick ? ' (BENCH_QUICK=1: short smoke run, figures are indicative only)' : ''}`);
  let buildMs = null;
  if (!config.skipBuild) {
    process.stdout.write('building .output/chrome-mv3-bench (production build, MODE=bench)… ');
    buildMs = build();
    console.log(`${(buildMs / 1000).toFixed(1)} s`);
  }
  const contentJs = path.join(BENCH_EXTENSION_DIR, 'content-scripts/content.js');
  if (!existsSync(contentJs)) throw new Error(`No built content script at ${contentJs}`);
  const contentSource = readFileSync(contentJs, 'utf8');
  const marksCompiled = contentSource.includes('crm-coach:batch');

  const report = new Report();
  const server = await startServer();
  const ctx = { config, report, server, extDir: BENCH_EXTENSION_DIR, marksCompiled };
  try {
    for (const [id, section] of SECTIONS) {
      if (config.only.length && !config.only.includes(id)) continue;
      const t0 = Date.now();
      process.stdout.write(`running ${id}…\n`);
      try {
        await section.run(ctx);
      } catch (err) {
        report.error(id, err);
        console.error(err);
      }
      report.detail('timings', { [id]: Date.now() - t0 });
    }
  } finally {
    await server.close();
  }

  const totalMs = Date.now() - started;
  const results = {
    date: new Date().toISOString(),
    command: 'npm run bench',
    quick: config.quick,
    chromium: chromiumVersion(chromium),
    cpus: (await import('node:os')).cpus().length,
    buildMs,
    totalMs,
    marksCompiled,
    config,
    figures: report.rows,
    details: report.details,
    errors: report.errors,
  };
  writeFileSync(path.join(BENCH_DIR, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('');
  console.log(report.table());
  console.log('');
  console.log(`${results.chromium}; ${results.cpus} CPUs; total ${(totalMs / 1000).toFixed(0)} s; results in bench/results.json`);
  if (report.errors.length) {
    console.error(`${report.errors.length} section(s) failed to run: ${report.errors.map((e) => e.section).join(', ')}`);
    process.exit(1);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
