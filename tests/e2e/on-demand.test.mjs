// The overlay's React UI is loaded on demand (docs/architecture.md, "Budgets"): the content
// script on every CRM page draws the launcher, the anchored tips and the nudges (plain DOM) and
// asks the background for the overlay script only when there is more to show (a snippet) or the
// user opens the launcher. Checked in both browsers (Chromium MV3, Firefox MV2 through
// scripting.executeScript): a page with nothing to show never loads it; a page with tips only
// draws them without it; opening the launcher from the keyboard loads it with the panel open and
// focused; a page with tips and a nudge draws them all without it. The overlay stylesheet is the
// one trace the overlay script leaves in the shadow root before it draws (its second <style>).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EXTENSION_DIR, FIREFOX_EXTENSION_DIR, IS_FIREFOX, e2eTest, eventually, inWorker, openCrm, overlay, route, screenshot } from './harness.mjs';

const OPP = route({ crm: 'salesforce', object: 'Opportunity', page: 'record' });

/** Style sheets in the overlay's shadow root: 1 = the stage's only, 2 = the overlay script has run. */
const styles = (page) => page.locator('crm-coach-overlay').evaluate((host) => host.shadowRoot.querySelectorAll('style').length);
/** Where focus is inside the overlay: the dialog's name, or the launcher. */
const focused = (page) =>
  page.locator('crm-coach-overlay').evaluate((host) => {
    const el = host.shadowRoot.activeElement;
    if (!el) return null;
    if (el.hasAttribute('data-coach-launcher')) return 'launcher';
    return el.closest('[role=dialog]') ? 'dialog' : el.localName;
  });

e2eTest('the overlay script is not in the manifest nor web-accessible; a page with nothing to show does not load it; the launcher opens the panel from the keyboard, loading it', async (session) => {
  const manifest = JSON.parse(readFileSync(path.join(IS_FIREFOX ? FIREFOX_EXTENSION_DIR : EXTENSION_DIR, 'manifest.json'), 'utf8'));
  assert.equal(manifest.web_accessible_resources, undefined, 'no web-accessible resources');
  assert.deepEqual(
    (manifest.content_scripts ?? []).flatMap((cs) => cs.js ?? []).filter((f) => /overlay|author/.test(f)),
    [],
    'the overlay and author scripts are injected on request only',
  );

  // No packs: the coach plans nothing, so nothing but the launcher is drawn.
  await eventually(async () => Object.keys((await inWorker(session, () => chrome.storage.local.get('packs'))).packs ?? {}).length >= 5, {
    message: 'the built-in packs to be stored',
  });
  await inWorker(session, () => chrome.storage.local.set({ packs: {} }));
  const page = await openCrm(session, OPP);
  const root = overlay(page, '[data-coach-root][data-coach-settled]');
  await root.waitFor({ state: 'attached', timeout: 15_000 });
  assert.equal(await root.getAttribute('data-coach-packs'), '0');
  assert.equal(await root.getAttribute('data-coach-tips'), '0');
  const launcher = overlay(page).getByRole('button', { name: 'CRM Coach', exact: true });
  await launcher.waitFor({ state: 'visible' });
  assert.equal(await launcher.getAttribute('aria-expanded'), 'false');
  // Settled with nothing to show, and still nothing loaded a moment later (a round trip to the background).
  await page.evaluate(() => new Promise((r) => setTimeout(r, 500)));
  assert.equal(await styles(page), 1, 'nothing to show: the overlay script was not loaded');

  // The page hears nothing from the scripts the coach injects (no window message naming them).
  await page.evaluate(() => {
    window.__coachTestMessages = [];
    window.addEventListener('message', (e) => window.__coachTestMessages.push(JSON.stringify(e.data ?? null).slice(0, 120)));
  });
  // Keyboard only: focus the launcher, press Enter.
  await launcher.focus();
  assert.equal(await focused(page), 'launcher');
  await page.keyboard.press('Enter');
  const panel = overlay(page).getByRole('dialog', { name: 'CRM Coach' });
  await panel.waitFor({ state: 'visible', timeout: 15_000 });
  assert.equal(await styles(page), 2, 'the overlay script loaded its stylesheet');
  assert.deepEqual(await page.evaluate(() => window.__coachTestMessages), [], 'no window message from the overlay script');
  assert.equal(await launcher.getAttribute('aria-expanded'), 'true');
  await eventually(async () => (await focused(page)) === 'dialog', { message: 'focus in the panel' });

  // Esc closes it and focus returns to the launcher; Space opens it again (now loaded).
  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'detached' });
  assert.equal(await focused(page), 'launcher');
  assert.equal(await launcher.getAttribute('aria-expanded'), 'false');
  await page.keyboard.press(' ');
  await panel.waitFor({ state: 'visible' });
  assert.equal(await styles(page), 2, 'loaded once');
  assert.equal(await page.locator('crm-coach-overlay').count(), 1, 'one overlay host');
});

e2eTest('tips only: the every-page script draws the tip without the overlay script, usable from the keyboard; its Learn more loads the overlay for the snippet', async (session) => {
  await eventually(async () => Object.keys((await inWorker(session, () => chrome.storage.local.get('packs'))).packs ?? {}).length >= 5, {
    message: 'the built-in packs to be stored',
  });
  // The built-in packs without their nudges, tours and milestones: tips (and the snippets they
  // lead to, opened only on a click) are all there is to draw.
  await inWorker(session, async () => {
    const { packs } = await chrome.storage.local.get('packs');
    for (const entry of Object.values(packs)) {
      delete entry.pack.nudges;
      delete entry.pack.tours;
      delete entry.pack.milestones;
    }
    await chrome.storage.local.set({ packs });
  });
  const page = await openCrm(session, OPP);
  const tip = overlay(page, '[data-coach-tip="salesforce-starter/next-step"]');
  await tip.waitFor({ state: 'visible', timeout: 15_000 });
  const root = overlay(page, '[data-coach-root][data-coach-settled]');
  await root.waitFor({ state: 'attached' });
  assert.equal(await root.getAttribute('data-coach-tips'), '1');
  assert.equal(await root.getAttribute('data-coach-nudges'), '0');
  // Branded as the coach, styled (the stage's stylesheet carries the card's rules), placed by its field.
  assert.equal(await tip.locator('[data-coach-brand]').textContent(), 'CRM Coach');
  const box = await tip.boundingBox();
  assert.ok(box && box.width >= 200 && box.width <= 320, `a 300 px card, not an unstyled block (${JSON.stringify(box)})`);
  assert.equal(await tip.getAttribute('role'), 'dialog');
  await screenshot(page, 'tip-without-overlay-script');
  await page.evaluate(() => new Promise((r) => setTimeout(r, 500)));
  assert.equal(await styles(page), 1, 'the overlay script was not loaded for a tip');

  // "Learn more" opens its snippet: that loads the overlay script, which shows it.
  await tip.getByRole('button', { name: /^Learn more/ }).click();
  await overlay(page, '[data-coach-snippet]').waitFor({ state: 'visible', timeout: 15_000 });
  assert.equal(await styles(page), 2, 'loaded for the snippet');
  await page.keyboard.press('Escape');
  await overlay(page, '[data-coach-snippet]').waitFor({ state: 'detached' });

  // Keyboard: "Not now" snoozes it.
  await tip.getByRole('button', { name: 'Not now' }).focus();
  await page.keyboard.press('Enter');
  await tip.waitFor({ state: 'detached' });
  // The next tip of the page may take its place: the root counts what is drawn.
  await eventually(async () => String(await overlay(page, '[data-coach-tip]').count()) === (await overlay(page, '[data-coach-root]').getAttribute('data-coach-tips')), {
    message: 'data-coach-tips to count the cards drawn',
  });
});

e2eTest('a page with a nudge draws it without the overlay script: tip, nudge card and outlines, settled, usable from the keyboard', async (session) => {
  const page = await openCrm(session, OPP);
  await overlay(page, '[data-coach-tip="salesforce-starter/next-step"]').waitFor({ state: 'visible', timeout: 15_000 });
  const card = overlay(page, '[data-coach-nudge="salesforce-starter/opp-hygiene"]');
  await card.waitFor({ state: 'visible' });
  const root = overlay(page, '[data-coach-root][data-coach-settled]');
  await root.waitFor({ state: 'attached' });
  assert.ok(Number(await root.getAttribute('data-coach-tips')) >= 1);
  assert.ok(Number(await root.getAttribute('data-coach-nudges')) >= 1);
  // Styled by the stage's stylesheet (a 300 px card in the dock), an outline over each empty field it lists.
  const box = await card.boundingBox();
  assert.ok(box && box.width >= 250 && box.width <= 330, `a docked card, not an unstyled block (${JSON.stringify(box)})`);
  const missing = await card.locator('[data-coach-missing]').evaluateAll((els) => els.map((e) => e.getAttribute('data-coach-missing')));
  assert.ok(missing.length >= 1, 'the card lists the empty fields');
  for (const label of missing) assert.equal(await overlay(page, `[data-coach-highlight="${label}"]`).count(), 1, `an outline over ${label}`);
  await screenshot(page, 'nudge-without-overlay-script');
  const outlinedBefore = await overlay(page, '[data-coach-highlight]').count();
  // Keyboard: Minimize collapses the card (its outlines go) and keeps the focus; Enter opens it again.
  const toggle = card.getByRole('button', { name: 'Minimize' });
  await toggle.focus();
  await page.keyboard.press('Enter');
  await card.locator('[data-coach-missing]').first().waitFor({ state: 'detached' });
  // Only the other cards' empty fields keep an outline.
  const attrs = (sel, name) => overlay(page, sel).evaluateAll((els, n) => els.map((e) => e.getAttribute(n)), name);
  const others = await attrs('[data-coach-missing]', 'data-coach-missing');
  const outlined = await attrs('[data-coach-highlight]', 'data-coach-highlight');
  assert.ok(outlined.length < outlinedBefore, `collapsing takes the card's outlines away (${outlinedBefore} → ${outlined.length})`);
  assert.deepEqual(outlined.filter((l) => !others.includes(l)), [], 'no outline left for a field only the collapsed card lists');
  assert.equal(await page.locator('crm-coach-overlay').evaluate((host) => host.shadowRoot.activeElement?.getAttribute('aria-label')), 'Show missing fields');
  await page.keyboard.press('Enter');
  // A missing field's button takes the user to the field.
  await card.getByRole('button', { name: missing[0] }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.localName !== 'crm-coach-overlay' && document.activeElement !== document.body), true, 'focus went to the page');
  // A window too short for the cards makes the dock a scroller; a tall one takes that back.
  const dock = overlay(page, '.cc-dock');
  const size = page.viewportSize();
  await page.setViewportSize({ width: size.width, height: 360 });
  await eventually(async () => (await dock.getAttribute('data-scroll')) !== null, { message: 'the dock to scroll in a short window' });
  assert.ok(await dock.evaluate((d) => d.scrollHeight > d.clientHeight), 'its cards overflow it');
  await page.setViewportSize(size);
  await eventually(async () => (await dock.getAttribute('data-scroll')) === null, { message: 'the dock to stop scrolling in a tall window' });
  await page.evaluate(() => new Promise((r) => setTimeout(r, 500)));
  assert.equal(await styles(page), 1, 'the overlay script was not loaded for tips and nudges');
  // The launcher is the stage's, inside the same root as the cards.
  assert.equal(await overlay(page, '[data-coach-root] [data-coach-launcher]').count(), 1);
});
