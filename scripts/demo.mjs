#!/usr/bin/env node
// `npm start`: builds the extension, serves the bundled demo CRM (the fixture pages under their
// real host names) and opens Chromium with CRM Coach loaded on it. Without a display it says so,
// runs headless and saves screenshots to demo-screenshots/.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromiumPath)) {
  console.error(`Chromium is missing at ${chromiumPath}. Install it with:
  sudo apt-get update && sudo apt-get install -y chromium
or load .output/chrome-mv3 into your own Chrome (see README).`);
  process.exit(1);
}

console.log('Building the extension…');
const build = spawnSync('npx', ['wxt', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) process.exit(build.status ?? 1);

const { launch, openCrm, openPopup, openOptions, routes } = await import('../tests/e2e/harness.mjs');
const headed = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && process.env.CI !== 'true';
if (!headed) console.log('No display found: running headless and saving screenshots instead.');

const session = await launch({ headless: !headed });
console.log(`Demo CRM served on 127.0.0.1:${session.server.port}; CRM Coach id ${session.extensionId}`);

if (headed) {
  for (const r of routes) await openCrm(session, r, { waitForOverlay: false });
  await openPopup(session);
  console.log('Chromium is open with the demo CRM pages. Close the browser window (or press Ctrl+C) to stop.');
  await new Promise((resolve) => {
    session.context.on('close', resolve);
    process.on('SIGINT', resolve);
  });
  await session.close();
} else {
  const out = path.join(root, 'demo-screenshots');
  mkdirSync(out, { recursive: true });
  for (const r of routes) {
    const page = await openCrm(session, r, { waitForOverlay: false });
    await page.waitForTimeout(1500);
    const name = path.basename(r.file, '.html');
    await page.screenshot({ path: path.join(out, `${r.expect?.crm ?? 'crm'}-${name}.png`) });
    await page.close();
  }
  const popup = await openPopup(session);
  await popup.setViewportSize({ width: 400, height: 640 });
  await popup.waitForTimeout(800);
  await popup.screenshot({ path: path.join(out, 'popup.png') });
  const options = await openOptions(session);
  await options.waitForTimeout(800);
  await options.screenshot({ path: path.join(out, 'options.png'), fullPage: true });
  await session.close();
  console.log(`Screenshots saved in ${out}`);
}
