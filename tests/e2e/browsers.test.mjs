// What a user sees, checked the same way in Chromium and Firefox ESR (run.mjs runs this file in
// both): a built-in CRM page shows its tip and a nudge listing exactly the empty fields, the
// field outlines stay under the open panel, the popup shows day and points, the options page
// lists the packs, and the browser console holds no "[CRM Coach]" warning or error. With
// CRM_COACH_DOCS_SCREENSHOTS=1 the Firefox screenshots are copied to docs/screenshots/.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { BROWSER, ROOT, e2eTest, eventually, openCrm, openOptions, openPopup, overlay, route, screenshot } from './harness.mjs';

function saveForDocs(file, name) {
  if (process.env.CRM_COACH_DOCS_SCREENSHOTS !== '1' || BROWSER !== 'firefox') return;
  const dir = path.join(ROOT, 'docs/screenshots');
  mkdirSync(dir, { recursive: true });
  copyFileSync(file, path.join(dir, name));
}

/** Console lines the extension wrote with its own tag (any level but debug). */
const coachLines = (session) => session.consoleLines().filter((l) => /\[crm[ -]coach\]/i.test(l) && !/^console\.(debug|log)/.test(l));

e2eTest('Salesforce opportunity: tip, nudge with exactly the empty fields, outlines under the panel, popup day and points, no [CRM Coach] warning', async (session) => {
  // First run through the popup: day 0 and points.
  const popup = await openPopup(session);
  await popup.getByRole('button', { name: 'Start my 90 days today' }).click();
  await popup.locator('[data-coach-first-run]').waitFor({ state: 'detached' });
  assert.equal((await popup.locator('[data-coach-day]').innerText()).trim(), 'Day 0 of 90');
  await popup.close();

  const page = await openCrm(session, route({ crm: 'salesforce', object: 'Opportunity', page: 'record' }));
  const tip = overlay(page, '[data-coach-tip="salesforce-starter/next-step"]');
  await tip.waitFor({ state: 'visible', timeout: 10_000 });
  assert.match(await tip.innerText(), /Next Step/);
  const nudge = overlay(page, '[data-coach-nudge="salesforce-starter/opp-hygiene"]');
  await nudge.waitFor({ state: 'visible' });
  const missing = await nudge.locator('[data-coach-missing]').evaluateAll((els) => els.map((e) => e.getAttribute('data-coach-missing')));
  assert.deepEqual(missing.sort(), ['Amount', 'Next Step']);
  const overlayShot = await screenshot(page, 'browsers-overlay-tip-nudge');
  saveForDocs(overlayShot, 'firefox-overlay.png');

  // The open panel stays above the field outlines (Firefox computes calc() on z-index in float32).
  await overlay(page).getByRole('button', { name: 'CRM Coach', exact: true }).click();
  const panel = overlay(page).getByRole('dialog', { name: 'CRM Coach' });
  await panel.waitFor({ state: 'visible' });
  const z = await overlay(page, '.cc-root').evaluate((root) => {
    const num = (el) => Number(getComputedStyle(el).zIndex);
    return { outline: num(root.querySelector('.cc-highlight')), panel: num(root.querySelector('.cc-panel')) };
  });
  assert.ok(Number.isInteger(z.outline) && Number.isInteger(z.panel) && z.outline < z.panel, `outline z ${z.outline} < panel z ${z.panel}`);
  saveForDocs(await screenshot(page, 'browsers-overlay-panel'), 'firefox-overlay-panel.png');

  // The popup counts the visit: day and points.
  const after = await openPopup(session);
  await eventually(async () => Number(await after.locator('[data-coach-events]').innerText()) >= 1, { message: 'the page view counted' });
  assert.equal((await after.locator('[data-coach-day]').innerText()).trim(), 'Day 0 of 90');
  assert.ok(Number.isFinite(Number((await after.locator('[data-coach-points]').innerText()).trim())), 'points shown as a number');
  await after.setViewportSize({ width: 400, height: 640 });
  saveForDocs(await screenshot(after, 'browsers-popup'), 'firefox-popup.png');

  const options = await openOptions(session);
  await options.locator('[data-coach-pack="salesforce-starter"]').waitFor();
  saveForDocs(await screenshot(options, 'browsers-options', { fullPage: true }), 'firefox-options.png');

  assert.deepEqual(coachLines(session), [], 'no [CRM Coach] line in the browser console');
});
