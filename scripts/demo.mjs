#!/usr/bin/env node
// `npm start`: builds the extension, serves the bundled demo CRM (the fixture pages under their
// real host names, each with a small stylesheet that makes it look like the CRM it stands for)
// and opens Chromium with CRM Coach loaded on a fresh profile. Every page is shown once the coach
// has drawn on it (its own ready signal: the overlay's data-coach-* attributes, no fixed delay).
// With a display, the pages stay open in tabs; without one it runs headless and saves one
// screenshot per page to demo-screenshots/. Either way it ends with a summary of what was coached.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decorateFixture, formatSummary, isChineseRoute, isPackSite, shotNames } from './demo/lib.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromiumPath)) {
  console.error(`Chromium is missing at ${chromiumPath}. Install it with:
  sudo apt-get update && sudo apt-get install -y chromium
or load .output/chrome-mv3 into your own Chrome (see README).`);
  process.exit(1);
}

/** True when fontconfig knows a font with Chinese glyphs (else zh-CN pages would show boxes). */
function hasCjkFont() {
  try {
    return execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false;
  }
}

const started = Date.now();
console.log('Building the extension…');
const build = spawnSync('npx', ['wxt', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) process.exit(build.status ?? 1);

const { launch, openPopup, openOptions, routes } = await import('../tests/e2e/harness.mjs');
const { startServer } = await import('../tests/e2e/server.mjs');
const headed = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && process.env.CI !== 'true';
if (!headed) console.log('No display found: running headless and saving screenshots instead.');

const cjk = hasCjkFont();
if (!cjk) {
  console.log('No Chinese font found: the zh-CN pages are skipped. To see them:\n  sudo apt-get install -y fonts-wqy-microhei');
}

const names = shotNames(routes);
const READY_MS = 20_000;

/**
 * Waits until the coach has drawn on the page: the overlay planned with the stored packs, its
 * deferred render (nudges, outlines) caught up, every anchored tip placed next to its field.
 * Returns what it drew.
 */
async function coachDrawn(page, { waitForLabels = [] } = {}) {
  const handle = await page.waitForFunction(
    (labels) => {
      const root = document.querySelector('crm-coach-overlay')?.shadowRoot?.querySelector('[data-coach-root]');
      if (!(root instanceof HTMLElement)) return null;
      const d = root.dataset;
      if (Number(d.coachPacks) === 0 || d.coachSettled === undefined) return null;
      const tips = [...root.querySelectorAll('[data-coach-tip]')];
      if (tips.length < Number(d.coachTips) || tips.some((t) => !(t instanceof HTMLElement) || !t.dataset.placement)) return null;
      const nudges = root.querySelectorAll('[data-coach-nudge]').length;
      if (nudges < Number(d.coachNudges)) return null;
      // Components that render their fields late: the nudges name the fields once the coach found them.
      const nudgeText = [...root.querySelectorAll('[data-coach-nudge]')].map((n) => n.textContent ?? '').join('\n');
      if (labels.some((l) => !nudgeText.includes(l))) return null;
      return { tips: tips.length, nudges, launcher: root.querySelector('[data-coach-launcher]') !== null };
    },
    waitForLabels,
    { timeout: READY_MS, polling: 'raf' },
  );
  const drawn = await handle.jsonValue();
  await page.evaluate(() => document.fonts.ready);
  return drawn;
}

const server = await startServer({ decorate: decorateFixture });
// Headed, the window keeps its own size (no fixed viewport), so the pages fill it.
const session = await launch({ headless: !headed, server, ...(headed ? { viewport: null, args: ['--start-maximized'] } : {}) });
console.log(`Demo CRM served on 127.0.0.1:${server.port}; CRM Coach id ${session.extensionId}`);

const out = path.join(root, 'demo-screenshots');
if (!headed) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
}

const rows = [];
let firstCoached = null;
for (const route of routes) {
  const name = names.get(route);
  if (isPackSite(route)) {
    rows.push({ name, skipped: 'a CRM only a pack describes: coached after you add its pack and click the toolbar button (README)' });
    continue;
  }
  if (isChineseRoute(route) && !cjk) {
    rows.push({ name, skipped: 'no Chinese font (sudo apt-get install -y fonts-wqy-microhei)' });
    continue;
  }
  const page = await session.context.newPage();
  try {
    await page.goto(route.url, { waitUntil: 'domcontentloaded' });
    // The late-rendering Lightning page (its components attach their shadow roots after a random
    // delay): wait for the page's own "all rendered" promise, then for the nudges to name its empties.
    const late = new URL(route.url).hostname.startsWith('late.');
    if (late) await page.evaluate(() => /** @type {any} */ (window).lateShadowDone);
    const drawn = await coachDrawn(page, { waitForLabels: late ? route.expect?.empty ?? [] : [] });
    rows.push({ name, ...drawn });
    firstCoached ??= page;
    if (!headed) await page.screenshot({ path: path.join(out, `${name}.png`), animations: 'disabled' });
  } catch (err) {
    rows.push({ name, error: err instanceof Error ? err.message.split('\n')[0] : String(err) });
    if (!headed) await page.screenshot({ path: path.join(out, `${name}.png`) }).catch(() => {});
  }
  if (!headed) await page.close();
}

// The popup as a newcomer meets it (first run), then after "Start my 90 days today", with the
// events the pages above recorded.
const popup = await openPopup(session);
if (!headed) await popup.setViewportSize({ width: 400, height: 720 });
await popup.locator('[data-coach-first-run]').waitFor({ timeout: READY_MS });
if (!headed) await popup.screenshot({ path: path.join(out, 'popup-first-run.png'), fullPage: true });
await popup.getByRole('button', { name: 'Start my 90 days today' }).click();
await popup.locator('[data-coach-section="journey"]').waitFor({ timeout: READY_MS });
const points = (await popup.locator('[data-coach-points]').innerText()).trim();
if (!headed) {
  await popup.screenshot({ path: path.join(out, 'popup-day-0.png') });
  const options = await openOptions(session);
  await options.locator('[data-coach-pack]').first().waitFor({ timeout: READY_MS });
  await options.screenshot({ path: path.join(out, 'options.png'), fullPage: true });
}

console.log(`\n${formatSummary(rows)}`);
console.log(`Popup: first run, then day 0 with ${points} points.`);
console.log(`Done in ${Math.round((Date.now() - started) / 1000)} s.`);

if (headed) {
  // The popup stays open in its tab; the first CRM page is in front, coach and all.
  await firstCoached?.bringToFront();
  console.log('Chromium is open with the demo CRM pages in tabs. Close the browser window (or press Ctrl+C) to stop.');
  await new Promise((resolve) => {
    session.context.on('close', resolve);
    process.on('SIGINT', resolve);
  });
  await session.close();
  await server.close();
} else {
  await session.close();
  await server.close();
  console.log(`Screenshots saved in ${out}`);
}
const failed = rows.filter((r) => r.error).length;
process.exit(failed > 0 ? 1 : 0);
