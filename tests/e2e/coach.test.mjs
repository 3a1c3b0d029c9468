// The in-page coach as a user meets it in real Chromium: an anchored tip and its dismissal, a
// missing-field nudge that clears as fields are filled, requiredWhen and audience gates, a tour
// through an SPA navigation, the snippet player, a hostile pack rendered inert, an axe check of
// the overlay, and screenshots in light and dark, English and Chinese.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  ROOT,
  e2eTest,
  eventually,
  inWorker,
  openCrm,
  openOptions,
  openPopup,
  outlineCovers,
  overlay,
  overlayWrites,
  recordOverlayWrites,
  route,
  screenshot,
} from './harness.mjs';

const PACKS = path.join(ROOT, 'tests/fixtures/packs/e2e-coach');
const AXE = path.join(ROOT, 'node_modules/axe-core/axe.min.js');
const OPP = route({ crm: 'salesforce', object: 'Opportunity', page: 'record' });
const OPP_EDIT = { url: OPP.url.replace(/\/view$/, '/edit') };
const OPP_NEW = route({ crm: 'salesforce', object: 'Opportunity', page: 'new' });

// ------------------------------------------------------------------ helpers

/** Installs a pack the way a user does: the options page's "Import pack file". Returns its id. */
async function installPack(session, file) {
  const buffer = readFileSync(path.join(PACKS, file));
  const id = JSON.parse(buffer.toString('utf8')).id;
  const page = await openOptions(session);
  await page.getByLabel('Import pack file').setInputFiles({ name: file, mimeType: 'application/json', buffer });
  const row = page.locator(`[data-coach-pack="${id}"]`);
  const alert = page.getByRole('alert');
  await row.or(alert).first().waitFor();
  if (await alert.isVisible()) throw new Error(`${file} was refused: ${await alert.innerText()}`);
  await page.close();
  return id;
}

/** A local calendar date n days ago as YYYY-MM-DD (the browser runs on this machine's clock). */
function isoDaysAgo(n) {
  const d = new Date(Date.now() - n * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

async function storedSettings(session) {
  return (await inWorker(session, () => chrome.storage.local.get('settings'))).settings ?? {};
}

/** Sets role and/or start date through the options page controls, and waits until they are saved. */
async function setProfile(session, { role, startDate }) {
  const page = await openOptions(session);
  if (role !== undefined) await page.getByLabel('Your role').selectOption(role ?? '');
  if (startDate !== undefined) await page.getByLabel('Start date').fill(startDate ?? '');
  await eventually(
    async () => {
      const s = await storedSettings(session);
      return (role === undefined || s.role === role) && (startDate === undefined || s.startDate === startDate);
    },
    { message: 'the profile to be saved' },
  );
  await page.close();
}

async function popupPoints(session) {
  const popup = await openPopup(session);
  const text = await popup.locator('[data-coach-points]').innerText();
  await popup.close();
  return Number(text.replace(/[^\d]/g, ''));
}

/** Waits until the overlay's entry animations have finished (screenshots and contrast checks). */
async function settled(page) {
  await page.locator('crm-coach-overlay').evaluate(async (host) => {
    await Promise.all(host.shadowRoot.getAnimations().map((a) => a.finished.catch(() => {})));
  });
}

/** Elements with data-coach-* markers in the CRM page's own DOM (its shadow roots included, the overlay's excluded). */
async function markersOutsideOverlay(page) {
  return page.evaluate(() => {
    let n = 0;
    const walk = (root) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.localName === 'crm-coach-overlay') continue;
        if ([...el.attributes].some((a) => a.name.startsWith('data-coach'))) n++;
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return n;
  });
}

const launcher = (page) => overlay(page, '[data-coach-launcher]');
const panel = (page) => overlay(page, '[data-coach-panel]');

async function openPanel(page, tabIndex = 0) {
  if (!(await panel(page).isVisible())) {
    await launcher(page).click();
    await panel(page).waitFor({ state: 'visible' });
  }
  await panel(page).getByRole('tab').nth(tabIndex).click();
  return panel(page);
}

/** The deepest focused element (through shadow roots), described. */
async function focused(page) {
  return page.evaluate(() => {
    let a = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    const host = a?.getRootNode?.()?.host;
    return a
      ? { tag: a.localName, name: a.getAttribute('name'), inOverlay: host?.localName === 'crm-coach-overlay' || !!host?.closest?.('crm-coach-overlay'), text: a.textContent?.trim().slice(0, 40) }
      : null;
  });
}

/** Labels listed by a nudge card (data-coach-missing), in order. */
async function missingOf(nudge) {
  return nudge.locator('[data-coach-missing]').evaluateAll((els) => els.map((e) => e.getAttribute('data-coach-missing')));
}

const visibleField = (page, label) => page.locator(`records-record-layout-item[field-label="${label}"]`).locator('visible=true').first();

/** True when box `a` sits just below or just above `b`, horizontally overlapping it (an anchored card). */
function isAnchoredTo(a, b, maxGap = 24) {
  const below = a.y - (b.y + b.height);
  const above = b.y - (a.y + a.height);
  const vertical = (below >= 0 && below <= maxGap) || (above >= 0 && above <= maxGap);
  const overlapX = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  return vertical && overlapX > Math.min(a.width, b.width) / 2;
}

/** Runs axe-core on the overlay (its shadow tree) and returns serious and critical violations. */
async function axeOverlay(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  await settled(page);
  const result = await page.evaluate(async () => {
    const r = await window.axe.run({ include: [['crm-coach-overlay']] }, { resultTypes: ['violations', 'passes'] });
    return {
      violations: r.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => JSON.stringify(n.target) + ' ' + n.failureSummary) })),
      // Proof that the overlay's shadow tree was checked: nodes inside it passed rules.
      shadowNodesChecked: r.passes.flatMap((p) => p.nodes).filter((n) => Array.isArray(n.target[0]) && n.target[0][0] === 'crm-coach-overlay').length,
    };
  });
  return result;
}

// ------------------------------------------------------------------ tips

e2eTest('a tip appears anchored on its field, follows scrolling, and "Got it" keeps it dismissed after reload', async (session) => {
  const page = await openCrm(session, OPP);
  await page.setViewportSize({ width: 1280, height: 620 });
  const tip = overlay(page, '[data-coach-tip="salesforce-starter/next-step"]');
  await tip.waitFor({ state: 'visible' });
  assert.equal(await tip.getAttribute('role'), 'dialog');
  assert.match(await tip.innerText(), /Keep Next Step current/);
  assert.equal(await overlay(page, '[data-coach-tip]').count(), 1, 'one anchored tip at a time');

  const field = visibleField(page, 'Next Step');
  await eventually(async () => isAnchoredTo(await tip.boundingBox(), await field.boundingBox()), { message: 'the tip next to Next Step' });

  // Scrolling the page moves the field; the tip follows it.
  const before = await field.boundingBox();
  await page.mouse.move(300, 300);
  await page.mouse.wheel(0, 200);
  await eventually(async () => (await field.boundingBox()).y < before.y - 60, { message: 'the page to scroll' });
  await eventually(async () => isAnchoredTo(await tip.boundingBox(), await field.boundingBox()), { message: 'the tip to follow the scroll' });

  // The page moves the field with neither a scroll nor a mutation (a style sheet it adopts): only
  // the coach's move watch can see that; the tip follows.
  const resting = await field.boundingBox();
  await page.evaluate(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('body { padding-top: 90px !important; }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  });
  await eventually(async () => (await field.boundingBox()).y > resting.y + 60, { message: 'the page to move the field' });
  await eventually(async () => isAnchoredTo(await tip.boundingBox(), await field.boundingBox()), { message: 'the tip to follow the move' });

  // "Was this helpful?" records an answer and thanks the user.
  await tip.getByRole('button', { name: 'Yes' }).click();
  await tip.getByRole('status').getByText('Thanks for the feedback!').waitFor();

  // Got it: the tip goes, and the next tip by priority takes its place.
  await tip.getByRole('button', { name: 'Got it' }).click();
  await tip.waitFor({ state: 'detached' });
  await overlay(page, '[data-coach-tip="salesforce-starter/close-date"]').waitFor({ state: 'visible' });

  await page.reload();
  await overlay(page, '[data-coach-tip]').first().waitFor({ state: 'visible' });
  assert.equal(await overlay(page, '[data-coach-tip="salesforce-starter/next-step"]').count(), 0, 'still dismissed after reload');
  await openPanel(page, 2);
  const why = overlay(page, '[data-coach-why="salesforce-starter/next-step"]');
  assert.equal(await why.getAttribute('data-coach-why-status'), 'hidden');
  assert.match(await why.innerText(), /Dismissed/);
});

e2eTest('a tip follows its field inside a scroller of the page, hides while the field is scrolled out of view, and comes back with it', async (session) => {
  const page = await openCrm(session, OPP);
  await page.setViewportSize({ width: 1280, height: 860 });
  const tip = overlay(page, '[data-coach-tip="salesforce-starter/next-step"]');
  await tip.waitFor({ state: 'visible' });
  const field = visibleField(page, 'Next Step');
  await eventually(async () => isAnchoredTo(await tip.boundingBox(), await field.boundingBox()), { message: 'the tip next to Next Step' });

  // The field's section becomes a scroller of its own (as Lightning's panels are): scrolled to
  // its end, Next Step leaves the scroller's view while it stays on the page.
  await field.evaluate((el) => {
    let n = el;
    for (;;) {
      const up = n.parentElement ?? n.getRootNode().host;
      if (!up || up === document.body) break;
      n = up;
      if (n.localName === 'records-record-layout-section') break;
    }
    n.style.cssText = 'display:block;height:60px;overflow:auto';
    n.setAttribute('data-test-scroller', '');
    n.scrollTop = n.scrollHeight;
  });
  // Still the same tip, only out of sight.
  await eventually(async () => (await tip.evaluate((el) => getComputedStyle(el).visibility)) === 'hidden', { message: 'the tip hidden with its field' });

  // Scrolled back, the tip shows again, beside the field where it is now.
  await field.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await tip.waitFor({ state: 'visible' });
  await eventually(async () => isAnchoredTo(await tip.boundingBox(), await field.boundingBox()), { message: 'the tip back beside Next Step' });
});

// ------------------------------------------------------------------ nudges

e2eTest('a nudge lists exactly the empty fields, focuses a field on click, and clears it when the user types (points rise)', async (session) => {
  await setProfile(session, { startDate: isoDaysAgo(3) });
  const pointsBefore = await popupPoints(session);

  const page = await openCrm(session, OPP_EDIT);
  await page.setViewportSize({ width: 1280, height: 560 }); // the edit modal scrolls
  const nudge = overlay(page, '[data-coach-nudge="salesforce-starter/opp-hygiene"]');
  await nudge.waitFor({ state: 'visible' });
  // Amount, Close Date and Next Step are listed; Close Date is filled on this record.
  assert.deepEqual(await missingOf(nudge), ['Amount', 'Next Step']);
  assert.equal(await nudge.getAttribute('data-coach-severity'), 'warn');
  assert.match(await nudge.innerText(), /If it isn't in the CRM, it didn't happen/);

  // Outlines drawn in the overlay over the empty fields (the page's own DOM is not touched).
  for (const label of ['Amount', 'Next Step']) {
    const box = await overlay(page, `[data-coach-highlight="${label}"]`).boundingBox();
    const target = await page.locator(`section[role=dialog] records-record-layout-item[field-label="${label}"]`).first().boundingBox();
    assert.ok(box && target, `a highlight over ${label}`);
    assert.ok(Math.abs(box.x - target.x) <= 6 && Math.abs(box.y - target.y) <= 6 && Math.abs(box.width - target.width) <= 10, `the ${label} outline covers the field`);
  }
  assert.equal(await markersOutsideOverlay(page), 0, 'nothing added to the CRM page outside the overlay host');

  // Clicking a missing field scrolls to it and focuses its input.
  const modal = page.locator('section[role=dialog]');
  await modal.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await eventually(async () => (await modal.evaluate((el) => el.scrollTop)) > 100, { message: 'the modal scrolled down' });
  await nudge.locator('[data-coach-missing="Next Step"]').click();
  await eventually(async () => (await focused(page))?.name === 'NextStep', { message: 'the Next Step input to be focused' });
  const input = page.locator('section[role=dialog] input[name="NextStep"]');
  await eventually(async () => {
    const b = await input.boundingBox();
    return b && b.y >= 0 && b.y + b.height <= page.viewportSize().height;
  }, { message: 'Next Step scrolled into view' });

  // The user types: the field is marked done, with its points; focus stays in the CRM input.
  await page.keyboard.type('Send the proposal by Friday');
  const done = nudge.locator('[data-coach-done="Next Step"]');
  await done.waitFor({ state: 'visible' });
  assert.match(await done.innerText(), /\+5/);
  assert.deepEqual(await missingOf(nudge), ['Amount']);
  await overlay(page, '[data-coach-highlight="Next Step"]').waitFor({ state: 'detached' });
  assert.equal((await focused(page))?.name, 'NextStep', 'focus never stolen from the CRM input');
  assert.equal(await input.inputValue(), 'Send the proposal by Friday');

  // nudge.resolved recorded with its points: the popup's total rises by 5, once.
  await eventually(async () => (await popupPoints(session)) === pointsBefore + 5, { message: `points ${pointsBefore} + 5` });
  // Emptying and refilling earns nothing more.
  await input.fill('');
  await nudge.locator('[data-coach-missing="Next Step"]').waitFor();
  await input.fill('Call back Tuesday');
  await done.waitFor({ state: 'visible' });
  await eventually(async () => (await popupPoints(session)) === pointsBefore + 5, { message: 'points unchanged after refilling' });
});

e2eTest('a record the page renders again keeps its outline and tip in place (no blink, no write), and a record without the field takes them away', async (session) => {
  const page = await openCrm(session, OPP);
  const tip = overlay(page, '[data-coach-tip="salesforce-starter/next-step"]');
  const ring = overlay(page, '[data-coach-highlight="Amount"]');
  await tip.waitFor({ state: 'visible' });
  await ring.waitFor({ state: 'visible' });
  const amount = page.locator('records-record-layout-item[field-label="Amount"]:visible').first();
  const covers = () => outlineCovers(ring, amount);
  await eventually(covers, { message: 'the Amount outline over its field' });

  await recordOverlayWrites(page);
  // Lightning renders the record again (after a save, or the same layout on the next record):
  // every field is a new element, at the same place.
  await page.evaluate(() => {
    window.__oldRecord = document.querySelector('.oneContent.active').firstElementChild;
    window.sfFixture.navigate(location.pathname);
  });
  await eventually(() => page.evaluate(() => !window.__oldRecord.isConnected && !!document.querySelector('.oneContent.active').firstElementChild), { message: 'the record rendered anew' });
  // The coach follows the new elements without hiding or moving anything: the old way hid both
  // when their fields went and showed them again a frame later (two paints of the whole page).
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 500)))));
  assert.deepEqual(await overlayWrites(page), [], 'no write to the overlay');
  assert.ok(await ring.isVisible() && await tip.isVisible(), 'outline and tip still shown');
  // And they follow the new field: moved, it takes the outline with it.
  await page.evaluate(() => {
    const spacer = document.createElement('div');
    spacer.style.height = '40px';
    document.querySelector('.oneContent.active').prepend(spacer);
  });
  await eventually(covers, { message: 'the outline over the new Amount field, 40 px lower' });

  // A record without these fields (an Account): both go.
  await page.evaluate(() => window.sfFixture.navigate('/lightning/r/Account/001Dn00000AcMeXIAS/view'));
  await ring.waitFor({ state: 'hidden' });
  await tip.waitFor({ state: 'hidden' });
});

e2eTest('requiredWhen: a nudge that needs fields only at Stage "Closed Won" appears when the Stage select changes', async (session) => {
  await installPack(session, 'gates.json');
  const page = await openCrm(session, OPP_EDIT);
  // The starter nudge proves the coach has planned this page.
  await overlay(page, '[data-coach-nudge="salesforce-starter/opp-hygiene"]').waitFor({ state: 'visible' });
  const gated = overlay(page, '[data-coach-nudge="e2e-gates/closed-won"]');
  assert.equal(await gated.count(), 0, 'not shown while Stage is Proposal/Price Quote');
  await openPanel(page, 2);
  const why = overlay(page, '[data-coach-why="e2e-gates/closed-won"]');
  assert.equal(await why.getAttribute('data-coach-why-status'), 'hidden');
  assert.match(await why.innerText(), /Stage/);
  await page.keyboard.press('Escape');
  await panel(page).waitFor({ state: 'detached' });

  const modal = page.locator('section[role=dialog]');
  const pick = async (value) => {
    await modal.locator('button[name="StageName"]').click();
    await modal.locator(`lightning-base-combobox-item[data-value="${value}"]`).click();
  };
  await pick('Closed Won');
  await gated.waitFor({ state: 'visible' });
  // Exactly its empty listed fields; the field not on this page is skipped silently.
  assert.deepEqual(await missingOf(gated), ['Renewal Date', 'Amount']);

  await pick('Prospecting');
  await gated.waitFor({ state: 'detached' });
});

// ------------------------------------------------------------------ audience

e2eTest('audience gates: role and tenure set in the options page decide what shows', async (session) => {
  await installPack(session, 'gates.json');
  const managers = (page) => overlay(page, '[data-coach-tip="e2e-gates/for-managers"]');
  const newHires = (page) => overlay(page, '[data-coach-panel] [data-coach-tip="e2e-gates/for-new-hires"]');

  // No role, no start date: neither item.
  let page = await openCrm(session, OPP);
  await overlay(page, '[data-coach-tip="salesforce-starter/next-step"]').waitFor({ state: 'visible' });
  assert.equal(await managers(page).count(), 0);
  await openPanel(page, 0);
  assert.equal(await newHires(page).count(), 0);
  await openPanel(page, 2);
  assert.match(await overlay(page, '[data-coach-why="e2e-gates/for-managers"]').innerText(), /sales-manager/);
  assert.equal(await overlay(page, '[data-coach-why="e2e-gates/for-new-hires"]').getAttribute('data-coach-why-status'), 'hidden');
  await page.close();

  // A sales manager on day 3: the manager tip is anchored on Amount (priority 100), the new-hire tip waits in the panel.
  await setProfile(session, { role: 'sales-manager', startDate: isoDaysAgo(3) });
  page = await openCrm(session, OPP);
  await managers(page).waitFor({ state: 'visible' });
  await eventually(async () => isAnchoredTo(await managers(page).boundingBox(), await visibleField(page, 'Amount').boundingBox()), { message: 'the manager tip on Amount' });
  await openPanel(page, 0);
  await newHires(page).waitFor({ state: 'visible' });
  await page.close();

  // Support, day 100: neither.
  await setProfile(session, { role: 'support', startDate: isoDaysAgo(100) });
  page = await openCrm(session, OPP);
  await overlay(page, '[data-coach-tip="salesforce-starter/next-step"]').waitFor({ state: 'visible' });
  assert.equal(await managers(page).count(), 0);
  await openPanel(page, 0);
  assert.equal(await newHires(page).count(), 0);
  await openPanel(page, 2);
  assert.equal(await overlay(page, '[data-coach-why="e2e-gates/for-new-hires"]').getAttribute('data-coach-why-status'), 'hidden');
  assert.equal(await overlay(page, '[data-coach-why="e2e-gates/for-managers"]').getAttribute('data-coach-why-status'), 'hidden');
});

// ------------------------------------------------------------------ tours

e2eTest('a tour runs through an SPA navigation: Next, a click, a skipped missing step, input, Finish; Esc exits and it resumes', async (session) => {
  await installPack(session, 'tour.json');
  const page = await openCrm(session, OPP);
  const tour = overlay(page, '[data-coach-tour="e2e-tour/record-to-edit"]');
  const step = (n) => tour.locator(`[data-coach-tour-step="${n}"]`);

  await openPanel(page, 0);
  const row = overlay(page, '[data-coach-panel-tour="e2e-tour/record-to-edit"]');
  await row.getByRole('button', { name: 'Start' }).click();
  await step(1).waitFor({ state: 'visible' });
  assert.equal(await panel(page).count(), 0, 'the panel closes when the tour starts');
  assert.match(await tour.innerText(), /Next Step lives here/);
  assert.equal(await overlay(page, '[data-coach-tip]').count(), 0, 'a tour hides anchored tips');
  assert.equal(await overlay(page, '[data-coach-nudge]').count(), 0, 'a tour hides nudges');
  await eventually(async () => isAnchoredTo(await tour.boundingBox(), await visibleField(page, 'Next Step').boundingBox(), 30), { message: 'step 1 on Next Step' });

  await tour.getByRole('button', { name: 'Next' }).click();
  await step(2).waitFor({ state: 'visible' });
  const edit = page.locator('button[name="Edit"]').locator('visible=true');
  await eventually(async () => isAnchoredTo(await tour.boundingBox(), await edit.boundingBox(), 30), { message: 'step 2 on the Edit button' });
  assert.equal(await tour.getByRole('button', { name: 'Next' }).count(), 0, 'a click step has no Next button');

  // The user clicks the page's Edit button: pushState to /edit and a modal; step 3 never renders, so step 4 shows.
  const loads = [];
  page.on('load', () => loads.push(page.url()));
  await edit.click();
  await page.waitForURL(/\/edit$/);
  await step(4).waitFor({ state: 'visible' });
  assert.match(await tour.innerText(), /Type the amount/);
  const amount = page.locator('section[role=dialog] input[name="Amount"]');
  await eventually(async () => isAnchoredTo(await tour.boundingBox(), await page.locator('section[role=dialog] records-record-layout-item[field-label="Amount"]').boundingBox(), 30), { message: 'step 4 on the modal Amount field' });

  await amount.fill('42000');
  await step(5).waitFor({ state: 'visible' });
  await tour.getByRole('button', { name: 'Finish' }).click();
  await tour.waitFor({ state: 'detached' });
  assert.deepEqual(loads, [], 'no page load during the tour');

  // Back on the record: the tour is marked completed in the panel.
  await page.locator('section[role=dialog] button[name="CancelEdit"]').click();
  await page.waitForURL(/\/view$/);
  await openPanel(page, 0);
  await row.getByText('Completed').waitFor();

  // Run it again: Esc from the CRM page exits; progress is kept, so it resumes at step 2.
  await row.getByRole('button', { name: 'Start' }).click();
  await step(1).waitFor({ state: 'visible' });
  await tour.getByRole('button', { name: 'Next' }).click();
  await step(2).waitFor({ state: 'visible' });
  await page.locator('h1').locator('visible=true').first().click(); // focus back in the CRM page
  assert.equal((await focused(page))?.inOverlay, false);
  await page.keyboard.press('Escape');
  await tour.waitFor({ state: 'detached' });
  await openPanel(page, 0);
  await row.getByRole('button', { name: 'Resume at step 2' }).click();
  await step(2).waitFor({ state: 'visible' });
  // Esc with focus inside the tour card exits too; Exit tour is the same for mouse users.
  await tour.focus();
  await page.keyboard.press('Escape');
  await tour.waitFor({ state: 'detached' });
  await openPanel(page, 0);
  await row.getByRole('button', { name: 'Resume at step 2' }).click();
  await tour.getByRole('button', { name: 'Exit tour' }).click();
  await tour.waitFor({ state: 'detached' });
});

// ------------------------------------------------------------------ snippets

e2eTest('a snippet opens from the panel search: steps tick, the quiz gives feedback, completion is recorded', async (session) => {
  await installPack(session, 'tour.json');
  await setProfile(session, { startDate: isoDaysAgo(1) });
  const pointsBefore = await popupPoints(session);
  const page = await openCrm(session, OPP);
  await openPanel(page, 1);
  const search = overlay(page).getByRole('searchbox', { name: 'Search snippets' });
  await search.fill('zzz no such lesson');
  await panel(page).getByRole('status').getByText('No snippet matches.').waitFor();
  await search.fill('quick call');
  await panel(page).getByRole('button', { name: 'Open: Log a quick call' }).click();

  const snippet = overlay(page, '[data-coach-snippet="e2e-tour/quick-call"]');
  await snippet.waitFor({ state: 'visible' });
  assert.equal(await snippet.getAttribute('role'), 'dialog');
  assert.equal(await overlay(page).getByRole('dialog', { name: 'Log a quick call' }).count(), 1);
  assert.match(await snippet.innerText(), /Open the Activity tab/);
  assert.equal(await snippet.locator('strong').first().innerText(), 'Activity');
  assert.equal(await snippet.locator('a[href="https://help.example.com/log-a-call"]').count(), 1);

  const boxes = snippet.getByRole('checkbox');
  assert.equal(await boxes.count(), 3);
  for (let i = 0; i < 3; i++) await boxes.nth(i).check();
  for (let i = 0; i < 3; i++) assert.equal(await boxes.nth(i).isChecked(), true);

  const finish = snippet.getByRole('button', { name: 'Finish' });
  assert.equal(await finish.isDisabled(), true, 'Finish waits for a correct answer');
  await snippet.getByRole('radio', { name: 'At month end' }).check();
  await snippet.getByRole('button', { name: 'Check answer' }).click();
  const feedback = snippet.locator('.cc-feedback').first();
  await eventually(async () => (await feedback.innerText()) === 'Not quite. Try again.', { message: 'wrong-answer feedback' });
  assert.equal(await finish.isDisabled(), true);
  await snippet.getByRole('radio', { name: 'Right after it' }).check();
  await snippet.getByRole('button', { name: 'Check answer' }).click();
  await eventually(async () => (await feedback.innerText()) === 'Correct!', { message: 'correct-answer feedback' });
  await finish.click();
  await snippet.getByText('Completed').first().waitFor();

  await eventually(async () => (await popupPoints(session)) === pointsBefore + 10, { message: 'the snippet points' });
  await snippet.getByRole('button', { name: 'Close' }).click();
  await snippet.waitFor({ state: 'detached' });
  await openPanel(page, 1);
  await search.fill('quick call');
  await panel(page).getByText('Completed').waitFor();
});

// ------------------------------------------------------------------ hostile pack

// How every plain-text field of hostile.json starts after its tag (see make-hostile.mjs).
const PAYLOAD_START = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1"><iframe src="javascript:window.__pwned=1"></iframe>';

e2eTest('a hostile pack renders only as text in every piece and runs nothing', async (session) => {
  const dialogs = [];
  session.context.on('page', (p) => p.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); }));
  await installPack(session, 'hostile.json');
  const page = await openCrm(session, OPP);
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });

  const inertCheck = async (where) => {
    const found = await page.locator('crm-coach-overlay').evaluate((host) => {
      const root = host.shadowRoot;
      const all = [...root.querySelectorAll('*')];
      return {
        banned: all.filter((e) => ['script', 'img', 'iframe', 'object', 'embed', 'form', 'frame', 'video', 'audio', 'base', 'meta', 'link'].includes(e.localName)).map((e) => e.localName),
        handlers: all.filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))).map((e) => e.localName),
        badLinks: [...root.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')).filter((h) => !/^(https:|mailto:)/i.test(h)),
        srcdoc: all.filter((e) => e.hasAttribute('srcdoc')).length,
        svgs: [...root.querySelectorAll('svg')].filter((s) => !s.closest('[data-coach-launcher]')).length,
        packStyles: [...root.querySelectorAll('style')].filter((s) => s.textContent.includes('display:none!important')).length,
      };
    });
    assert.deepEqual(found, { banned: [], handlers: [], badLinks: [], srcdoc: 0, svgs: 0, packStyles: 0 }, `nothing executable in the overlay (${where})`);
    assert.equal(await page.evaluate(() => window.__pwned), undefined, `no payload ran (${where})`);
    assert.deepEqual(dialogs, [], `no dialog opened (${where})`);
  };

  // The anchored tip: title and body as literal text.
  const tip = overlay(page, '[data-coach-tip="e2e-hostile/anchored"]');
  await tip.waitFor({ state: 'visible' });
  const tipText = await tip.innerText();
  assert.ok(tipText.includes('tip-title <script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">'), 'the title shows its markup as text');
  assert.ok(tipText.includes('<a href="javascript:window.__pwned=1">raw js link</a>'), 'raw HTML in a body shows as text');
  assert.equal(await tip.locator('strong').first().innerText(), 'bold', 'Markdown still works');

  // The nudge: its message as text; a field named with markup is simply not on the page.
  const nudge = overlay(page, '[data-coach-nudge="e2e-hostile/shown"]');
  await nudge.waitFor({ state: 'visible' });
  assert.ok((await nudge.innerText()).includes('nudge-message <script>'));
  assert.deepEqual(await missingOf(nudge), ['Amount', 'Type']);
  await inertCheck('tip and nudge');

  // The snippet, opened from the tip's Learn more: title, body, steps, quiz.
  await tip.getByRole('button', { name: /Learn more/ }).click();
  const snippet = overlay(page, '[data-coach-snippet="e2e-hostile/lesson"]');
  await snippet.waitFor({ state: 'visible' });
  const snippetText = await snippet.innerText();
  for (const tag of ['snippet-title', 'step-1', 'step-2', 'quiz-question', 'choice-0', 'choice-1']) {
    assert.ok(snippetText.includes(`${tag} ${PAYLOAD_START}`), `the snippet shows ${tag}'s markup as text`);
  }
  assert.ok(snippetText.includes('snippet-body **bold**') || snippetText.includes('snippet-body bold'), 'the snippet body');
  assert.ok(snippetText.includes('[md](javascript:window.__pwned=1)'), 'a javascript: Markdown link in a plain-text field stays text');
  await snippet.getByRole('checkbox').first().check();
  await snippet.getByRole('radio').nth(1).check();
  await snippet.getByRole('button', { name: 'Check answer' }).click();
  await snippet.getByRole('button', { name: 'Finish' }).click();
  await inertCheck('snippet');
  await snippet.getByRole('button', { name: 'Close' }).click();

  // The panel: the page-target tip (with its https learn-more link), the tour list, the search, what the coach sees.
  await openPanel(page, 0);
  const panelTip = overlay(page, '[data-coach-panel] [data-coach-tip="e2e-hostile/in-panel"]');
  await panelTip.waitFor({ state: 'visible' });
  assert.ok((await panelTip.innerText()).includes('panel-tip-title <script>'));
  const learn = panelTip.getByRole('link', { name: 'Learn more' });
  assert.match(await learn.getAttribute('href'), /^https:\/\/help\.example\.com\//);
  assert.ok((await panel(page).innerText()).includes('tour-title <script>'));
  await openPanel(page, 1);
  await overlay(page).getByRole('searchbox', { name: 'Search snippets' }).fill('snippet-title');
  assert.ok((await panel(page).innerText()).includes('snippet-title <script>'));
  await openPanel(page, 2);
  const sees = await overlay(page, '[data-coach-sees]').innerText();
  assert.ok(sees.includes('e2e-hostile/fields'), 'the gated nudge is explained');
  await inertCheck('panel');

  // The tour: step titles and bodies as text.
  await openPanel(page, 0);
  await overlay(page, '[data-coach-panel-tour="e2e-hostile/walk"]').getByRole('button').click();
  const tour = overlay(page, '[data-coach-tour="e2e-hostile/walk"]');
  await tour.locator('[data-coach-tour-step="1"]').waitFor({ state: 'visible' });
  assert.ok((await tour.innerText()).includes('tour-step-title <script>'));
  await tour.getByRole('button', { name: 'Next' }).click();
  await tour.locator('[data-coach-tour-step="2"]').waitFor({ state: 'visible' });
  assert.ok((await tour.innerText()).includes('tour-step-2-body'));
  await inertCheck('tour');
  await tour.getByRole('button', { name: 'Finish' }).click();

  // The options page and the popup show pack text too.
  const options = await openOptions(session);
  options.on('dialog', (d) => dialogs.push(d.message()));
  const row = options.locator('[data-coach-pack="e2e-hostile"]');
  await row.waitFor();
  assert.ok((await row.innerText()).includes('pack-title <script>'));
  assert.equal(await row.locator('script, img, iframe').count(), 0);
  const popup = await openPopup(session);
  await popup.locator('[data-coach-points]').waitFor();
  assert.equal(await popup.locator('script:not([src]), img[onerror], iframe').count(), 0);
  assert.equal(await options.evaluate(() => window.__pwned), undefined);
  assert.equal(await popup.evaluate(() => window.__pwned), undefined);
  await inertCheck('end');
});

// ------------------------------------------------------------------ accessibility

e2eTest('axe-core: the overlay with a tip, a nudge, the open panel, a snippet and a tour step has no serious or critical violations', async (session) => {
  await installPack(session, 'tour.json');
  const page = await openCrm(session, OPP);
  await overlay(page, '[data-coach-tip="salesforce-starter/next-step"]').waitFor({ state: 'visible' });
  await overlay(page, '[data-coach-nudge="salesforce-starter/opp-hygiene"]').waitFor({ state: 'visible' });
  await overlay(page, '[data-coach-highlight="Amount"]').waitFor();

  const check = async (what) => {
    const r = await axeOverlay(page);
    assert.ok(r.shadowNodesChecked > 5, `axe checked nodes inside the overlay's shadow root (${what})`);
    assert.deepEqual(r.violations, [], `no serious or critical violations (${what})`);
  };
  await check('tip and nudge');

  // The launcher is reachable by keyboard and opens the panel with focus inside it.
  await launcher(page).focus();
  await page.keyboard.press('Enter');
  await panel(page).waitFor({ state: 'visible' });
  assert.equal((await focused(page))?.inOverlay, true, 'focus moves into the panel');
  await check('panel: this page');
  await openPanel(page, 1);
  await check('panel: snippets');
  await openPanel(page, 2);
  await check('panel: what the coach sees');
  await page.keyboard.press('Escape');
  await panel(page).waitFor({ state: 'detached' });
  assert.equal(await launcher(page).evaluate((el) => el.getRootNode().activeElement === el), true, 'Esc returns focus to the launcher');

  await openPanel(page, 1);
  await overlay(page).getByRole('searchbox', { name: 'Search snippets' }).fill('quick call');
  await panel(page).getByRole('button', { name: 'Open: Log a quick call' }).click();
  await overlay(page, '[data-coach-snippet]').waitFor({ state: 'visible' });
  await check('snippet');
  await overlay(page, '[data-coach-snippet]').getByRole('button', { name: 'Close' }).click();

  await openPanel(page, 0);
  await overlay(page, '[data-coach-panel-tour="e2e-tour/record-to-edit"]').getByRole('button', { name: 'Start' }).click();
  await overlay(page, '[data-coach-tour-step="1"]').waitFor({ state: 'visible' });
  await check('tour step');
});

// ------------------------------------------------------------------ screenshots

for (const scheme of ['light', 'dark']) {
  for (const locale of ['en', 'zh-CN']) {
    const tag = `${scheme}-${locale}`;
    e2eTest(
      `screenshots of the overlay (${scheme}, ${locale}): tip, nudge, panel, snippet, tour step`,
      async (session) => {
        const page = await openCrm(session, OPP);
        const tip = overlay(page, '[data-coach-tip="salesforce-starter/next-step"]');
        await tip.waitFor({ state: 'visible' });
        await overlay(page, '[data-coach-nudge="salesforce-starter/opp-hygiene"]').waitFor({ state: 'visible' });
        // The UI language follows the browser: Chinese strings and Chinese pack text under zh-CN.
        const title = await tip.locator('h3').innerText();
        if (locale === 'zh-CN') assert.match(title, /下一步/);
        else assert.equal(title, 'Keep Next Step current');
        await settled(page);
        await screenshot(page, `coach-${tag}-tip-nudge`);
        await tip.screenshot({ path: path.join(ROOT, `tests/e2e/artifacts/coach-${tag}-tip.png`) });
        await overlay(page, '.cc-dock').screenshot({ path: path.join(ROOT, `tests/e2e/artifacts/coach-${tag}-nudge.png`) });

        await openPanel(page, 0);
        await settled(page);
        await screenshot(page, `coach-${tag}-panel`);
        await openPanel(page, 2);
        await settled(page);
        await screenshot(page, `coach-${tag}-panel-sees`);
        await page.keyboard.press('Escape');

        await tip.getByRole('button').filter({ hasText: /→/ }).click();
        const snippet = overlay(page, '[data-coach-snippet="salesforce-starter/log-a-call"]');
        await snippet.waitFor({ state: 'visible' });
        await snippet.getByRole('checkbox').first().check();
        await settled(page);
        await screenshot(page, `coach-${tag}-snippet`);
        await snippet.getByRole('button').first().click(); // close (×)
        await page.keyboard.press('Escape');

        await page.close();
        const create = await openCrm(session, OPP_NEW);
        await openPanel(create, 0);
        await overlay(create, '[data-coach-panel-tour="salesforce-starter/first-opportunity"]').getByRole('button').click();
        await overlay(create, '[data-coach-tour-step="1"]').waitFor({ state: 'visible' });
        await settled(create);
        await screenshot(create, `coach-${tag}-tour`);
      },
      { launchOptions: { colorScheme: scheme, locale } },
    );
  }
}
