// Author mode in real Chromium (docs/authoring.md): a trainer opens the coach panel, clicks
// "Author a tip", points and clicks on the Salesforce and Dynamics fixture pages; the author card
// proposes a field target (strong, one match) or a selector (one match); a tip and a three-step
// tour recorded across an SPA navigation are saved to the draft pack and show at once; the draft
// is exported from the options page, validated by the CLI, imported into a fresh profile and
// shows the same tip and tour there. The CRM's DOM is compared before and after (overlay host
// excluded) and the extension's storage is dumped to check no field value was stored.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, dumpExtensionStorage, e2eTest, launch, openCrm, openOptions, overlay, route, screenshot } from './harness.mjs';
import { domSnapshot } from './author-lib.mjs';

const OPP = route({ crm: 'salesforce', object: 'Opportunity', page: 'record' });
const DYN = route({ crm: 'dynamics', object: 'Opportunity', page: 'record' });

/** Values on the fixture pages that must never reach storage. */
const FIELD_VALUES = ['Acme - 200 Widgets', 'Acme Corporation', 'Alex Rivera', 'jane.doe@example.com', 'Send renewal quote to Jane Doe', '006Dn000004AbCdIAK', '8f2c4e6a-0b1d-4f3e-9a7c-5d6e7f8a9b0c', 'US Dollar', '$48,000.00'];

// ------------------------------------------------------------------ helpers

/** Playwright hides the caret by writing style="" on the page's inputs: leave them alone. */
const SHOT = { caret: 'initial' };

const card = (page) => overlay(page, '[data-coach-author]');
const banner = (page) => overlay(page, '[data-coach-author-banner]');
const bar = (page) => overlay(page, '[data-coach-author-bar]');


/** Center of the first visible element matching a (shadow-piercing) selector, optionally offset from its left edge. */
async function pointOf(page, selector, { fromLeft } = {}) {
  for (const el of await page.locator(selector).all()) {
    const box = await el.boundingBox();
    if (box && box.width > 0 && (await el.isVisible())) return { x: fromLeft === undefined ? box.x + box.width / 2 : box.x + fromLeft, y: box.y + box.height / 2 };
  }
  throw new Error(`nothing visible matches ${selector}`);
}

async function startAuthor(page) {
  const launcher = overlay(page, '[data-coach-launcher]');
  await launcher.click();
  await overlay(page, '[data-coach-panel]').getByRole('button', { name: 'Author a tip' }).click();
  await banner(page).waitFor({ state: 'visible' });
}

/** Points at an element (the hover outline shows), then clicks it; the author card opens. */
async function pick(page, selector, options) {
  const { x, y } = await pointOf(page, selector, options);
  await page.mouse.move(x, y);
  await overlay(page, '[data-coach-author-hover]').waitFor({ state: 'visible' });
  await page.mouse.click(x, y);
  await card(page).waitFor({ state: 'visible' });
}

async function proposal(page) {
  const c = card(page);
  return {
    target: JSON.parse(await c.locator('[data-coach-author-target]').innerText()),
    matches: Number(await c.locator('[data-coach-author-matches]').innerText()),
    strength: await c.locator('[data-coach-author-strength]').getAttribute('data-coach-author-strength'),
  };
}

async function settled(page) {
  await page.locator('crm-coach-overlay').evaluate(async (host) => {
    await Promise.all(host.shadowRoot.getAnimations().map((a) => a.finished.catch(() => {})));
  });
}

async function importFile(session, file) {
  const page = await openOptions(session);
  await page.getByLabel('Import pack file').setInputFiles(file);
  const id = JSON.parse(readFileSync(file, 'utf8')).id;
  const row = page.locator(`[data-coach-pack="${id}"]`);
  const alert = page.getByRole('alert');
  await row.or(alert).first().waitFor();
  if (await alert.isVisible()) throw new Error(`${file} was refused: ${await alert.innerText()}`);
  await page.close();
}

// ------------------------------------------------------------------ Salesforce

e2eTest('Salesforce: pick a field and a button, save a tip and a three-step tour; export, validate, import elsewhere', async (session) => {
  const page = await openCrm(session, OPP);
  await overlay(page, '[data-coach-launcher]').waitFor({ state: 'visible' });
  const before = await domSnapshot(page);

  await startAuthor(page);
  // A field: its API name from data-target-selection-name, strong, one match.
  await pick(page, 'records-record-layout-item[field-label="Amount"]', { fromLeft: 30 });
  assert.deepEqual(await proposal(page), { target: { field: 'Amount' }, matches: 1, strength: 'strong' });
  await settled(page);
  await screenshot(page, 'author-card-salesforce-field', SHOT);
  assert.equal(await domSnapshot(page), before, 'picking changed nothing in the CRM page');

  // Write and save: the tip shows at once.
  await card(page).getByLabel('Title', { exact: true }).fill('Amount drives the forecast');
  await card(page).getByLabel('Body', { exact: true }).fill('Fill **Amount** before you move the stage.');
  await card(page).getByRole('button', { name: 'Save to draft' }).click();
  await bar(page).getByRole('status').filter({ hasText: 'author-draft/amount-drives-the-forecast' }).waitFor();
  const tip = overlay(page, '[data-coach-tip="author-draft/amount-drives-the-forecast"]');
  await tip.waitFor({ state: 'visible' });
  assert.match(await tip.innerText(), /Amount drives the forecast/);
  assert.match(await tip.locator('strong').innerText(), /Amount/, 'Markdown rendered as users see it');
  assert.equal(await domSnapshot(page), before, 'previewing and saving changed nothing in the CRM page');

  // A button: a selector on its name attribute, one visible match (the stale page's copy is hidden).
  await bar(page).getByRole('button', { name: 'Author another' }).click();
  await pick(page, 'button[name="Edit"]');
  assert.deepEqual(await proposal(page), { target: { selector: 'button[name="Edit"]' }, matches: 1, strength: 'strong' });
  assert.match(await card(page).locator('[data-coach-author-reasons]').innerText(), /hidden copies/);

  // A tour by recording: Edit, then (after the CRM navigates to its edit form) Amount, then Save.
  await card(page).getByLabel('Kind').selectOption('tour-step');
  await card(page).getByLabel('Tour title').fill('Edit an opportunity');
  await card(page).getByLabel('Title', { exact: true }).fill('Open the editor');
  await card(page).getByLabel('Body', { exact: true }).fill('Click **Edit**.');
  await card(page).getByLabel('Next step when').selectOption('click');
  await card(page).getByRole('button', { name: 'Add step' }).click();
  await bar(page).getByRole('status').filter({ hasText: 'Step 1 added' }).waitFor();
  // The page is usable between picks: the trainer clicks the CRM's own Edit (an SPA navigation).
  const loads = [];
  page.on('load', () => loads.push(page.url()));
  await page.locator('button[name="Edit"]').filter({ visible: true }).click();
  await page.waitForURL(/\/edit$/);
  await bar(page).getByRole('button', { name: 'Pick next step' }).click();
  await pick(page, 'section[role=dialog] records-record-layout-item[field-label="Amount"]', { fromLeft: 30 });
  const step2 = await proposal(page);
  assert.deepEqual(step2.target, { field: 'Amount' });
  assert.equal(step2.matches, 1);
  await card(page).getByLabel('Body', { exact: true }).fill('Type the amount.');
  await card(page).getByRole('button', { name: 'Add step' }).click();
  await bar(page).getByRole('button', { name: 'Pick next step' }).click();
  await pick(page, 'section[role=dialog] button[name="SaveEdit"]');
  const step3 = await proposal(page);
  assert.equal(step3.matches, 1, JSON.stringify(step3));
  assert.ok('selector' in step3.target && step3.target.selector.includes('SaveEdit'), JSON.stringify(step3));
  await card(page).getByLabel('Body', { exact: true }).fill('Save it.');
  await settled(page);
  await screenshot(page, 'author-card-salesforce-tour-step', SHOT);
  await card(page).getByRole('button', { name: 'Save to draft' }).click();
  await bar(page).getByRole('status').filter({ hasText: 'author-draft/edit-an-opportunity' }).waitFor();
  assert.deepEqual(loads, [], 'no page load while recording');

  // "Test this pack on this page" lists the targets that do not match exactly one element here.
  await bar(page).getByRole('button', { name: 'Test this pack on this page' }).click();
  await bar(page).getByRole('status').filter({ hasText: /Tested \d+ targets on this page/ }).waitFor();
  await bar(page).getByRole('button', { name: 'Done' }).click();
  await bar(page).waitFor({ state: 'detached' });

  // Nothing of the page's values was stored.
  const dump = await dumpExtensionStorage(session);
  for (const v of FIELD_VALUES) assert.ok(!dump.includes(v), `storage holds a field value: ${v}`);

  // The options page lists the draft (source "Draft") with "Export pack".
  const options = await openOptions(session);
  const row = options.locator('[data-coach-pack="author-draft"]');
  await row.waitFor();
  assert.match(await row.innerText(), /Draft/);
  const [download] = await Promise.all([options.waitForEvent('download'), row.getByRole('button', { name: 'Export pack', exact: true }).click()]);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'crm-coach-author-')), download.suggestedFilename());
  await download.saveAs(file);
  await screenshot(options, 'author-options-draft-row', SHOT);
  const exported = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(exported.id, 'author-draft');
  assert.equal(exported.tips.length, 1);
  assert.deepEqual(exported.tips[0].target, { field: 'Amount' });
  assert.deepEqual(exported.tips[0].when, { crm: ['salesforce'], object: ['Opportunity'], page: ['record'] });
  assert.equal(exported.tours[0].steps.length, 3);
  assert.deepEqual(exported.tours[0].steps[0].target, { selector: 'button[name="Edit"]' });
  assert.equal(exported.tours[0].steps[0].advanceOn, 'click');
  for (const v of FIELD_VALUES) assert.ok(!JSON.stringify(exported).includes(v), `the pack holds a field value: ${v}`);

  // The CLI validates it.
  const cli = spawnSync(process.execPath, [path.join(ROOT, 'bin/crm-coach-pack.mjs'), 'validate', file], { encoding: 'utf8' });
  assert.equal(cli.status, 0, `CLI refused the export: ${cli.stdout}${cli.stderr}`);

  // Another profile: import the file; the same tip and tour show on the same page.
  const other = await launch({ server: session.server });
  try {
    await importFile(other, file);
    const p2 = await openCrm(other, OPP);
    await overlay(p2, '[data-coach-tip="author-draft/amount-drives-the-forecast"]').waitFor({ state: 'visible' });
    await overlay(p2, '[data-coach-launcher]').click();
    const tourRow = overlay(p2, '[data-coach-panel-tour="author-draft/edit-an-opportunity"]');
    await tourRow.waitFor({ state: 'visible' });
    await tourRow.getByRole('button').click();
    const tour = overlay(p2, '[data-coach-tour="author-draft/edit-an-opportunity"]');
    await tour.waitFor({ state: 'visible' });
    assert.match(await tour.innerText(), /Open the editor/);
  } finally {
    await other.close();
  }
}, { browsers: ['chromium'], why: 'reads the exported pack through the Playwright download event' });

// ------------------------------------------------------------------ Dynamics

e2eTest('Dynamics: a field by data-id, the Save command, the keyboard path, Escape; the tip shows at once', async (session) => {
  const page = await openCrm(session, DYN);
  await overlay(page, '[data-coach-launcher]').waitFor({ state: 'visible' });
  const before = await domSnapshot(page);

  // Escape leaves author mode.
  await startAuthor(page);
  await page.keyboard.press('Escape');
  await banner(page).waitFor({ state: 'detached' });

  await startAuthor(page);
  await pick(page, 'div[data-id="name-FieldSectionItemContainer"] label');
  assert.deepEqual(await proposal(page), { target: { field: 'name' }, matches: 1, strength: 'strong' });
  await settled(page);
  await screenshot(page, 'author-card-dynamics-field', SHOT);

  await card(page).getByRole('button', { name: 'Pick again' }).click();
  await pick(page, 'button[aria-label="Save"]');
  assert.deepEqual(await proposal(page), { target: { selector: 'button[data-id="opportunity|NoRelationship|Form|Mscrm.Form.opportunity.Save"]' }, matches: 1, strength: 'strong' });
  await screenshot(page, 'author-card-dynamics-button', SHOT);

  // The keyboard path: a field from the list, no pointer.
  await card(page).getByRole('button', { name: 'Pick again' }).click();
  await banner(page).getByRole('button', { name: 'Pick a field from the list' }).press('Enter');
  await banner(page).getByLabel('Filter fields').fill('budget');
  await banner(page).getByRole('button', { name: /Budget Amount/ }).press('Enter');
  await card(page).waitFor({ state: 'visible' });
  assert.deepEqual(await proposal(page), { target: { field: 'budgetamount' }, matches: 1, strength: 'strong' });

  await card(page).getByLabel('Title', { exact: true }).fill('Budget first');
  await card(page).getByLabel('Body', { exact: true }).fill('Ask for the budget on the first call.');
  await card(page).getByRole('button', { name: 'Save to draft' }).click();
  const tip = overlay(page, '[data-coach-tip="author-draft/budget-first"]');
  await tip.waitFor({ state: 'visible' });
  const after = await domSnapshot(page);
  if (after !== before) {
    const a = before.split('\n');
    const b = after.split('\n');
    const diff = b.filter((line) => !a.includes(line)).concat(a.filter((line) => !b.includes(line)).map((l) => `- ${l}`));
    assert.fail(`the CRM page changed:\n${diff.slice(0, 10).join('\n')}`);
  }
  await settled(page);
  await screenshot(page, 'author-dynamics-tip-saved', SHOT);

  // "Test this pack on this page": the tip's field matches exactly one element here.
  await bar(page).getByRole('button', { name: 'Test this pack on this page' }).click();
  await bar(page).getByRole('status').filter({ hasText: 'Tested 1 targets on this page: 0 match nothing' }).waitFor();
  assert.equal(await bar(page).locator('[data-coach-author-lint]').getAttribute('data-coach-author-lint'), '0');

  const dump = await dumpExtensionStorage(session);
  for (const v of FIELD_VALUES) assert.ok(!dump.includes(v), `storage holds a field value: ${v}`);
});
