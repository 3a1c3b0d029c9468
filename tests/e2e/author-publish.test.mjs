// Author mode on Dynamics 365, end to end (docs/authoring.md), in both browsers: a field target and
// a command button's selector; a tip that shows at once; the author card's live match count still
// follows the page after the coach panel is opened and closed; a three-step tour whose recording
// survives a full page reload; "Export pack" as YAML, validated by the CLI, imported by file into
// a fresh profile, where the same tip and tour show on the same page.
// The fixture (tests/fixtures/crm/dynamics/opportunity.html) reproduces the Unified Interface
// markup public automation relies on; its sources are named in the file.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, dumpExtensionStorage, e2eTest, eventually, launch, openCrm, openOptions, overlay, route, screenshot } from './harness.mjs';
import { exportDraft, importPackFile, pick, proposal, startAuthor } from './author-lib.mjs';

const DYN = route({ crm: 'dynamics', object: 'Opportunity', page: 'record' });
const SAVE = 'button[data-id="opportunity|NoRelationship|Form|Mscrm.Form.opportunity.Save"]';
const FIELD_VALUES = ['Acme - 200 Widgets', 'Acme Corporation', 'jane.doe@example.com', '8f2c4e6a-0b1d-4f3e-9a7c-5d6e7f8a9b0c', '$48,000.00'];

/** Playwright hides the caret by writing style="" on the page's inputs: leave them alone. */
const SHOT = { caret: 'initial' };

const card = (page) => overlay(page, '[data-coach-author]');
const bar = (page) => overlay(page, '[data-coach-author-bar]');

/** The live count shown on the card once it reads `n`. */
async function countBecomes(page, n, message) {
  await eventually(async () => (await card(page).locator('[data-coach-author-matches]').getAttribute('data-coach-author-matches')) === String(n), { timeout: 10_000, message });
}

e2eTest('Dynamics: field and button targets, the tip at once, a live count after the panel is toggled, a tour recorded across a full reload, YAML export imported elsewhere', async (session) => {
  const page = await openCrm(session, DYN);
  await overlay(page, '[data-coach-launcher]').waitFor({ state: 'visible' });

  // A field: strong, one match.
  await startAuthor(page);
  await pick(page, 'div[data-id="name-FieldSectionItemContainer"] label');
  assert.deepEqual(await proposal(page), { target: { field: 'name' }, matches: 1, strength: 'strong' });
  await card(page).getByLabel('Title', { exact: true }).fill('Name the deal');
  await card(page).getByLabel('Body', { exact: true }).fill('Use **customer - product**.');
  await card(page).getByRole('button', { name: 'Save to draft' }).click();
  await overlay(page, '[data-coach-tip="author-draft/name-the-deal"]').waitFor({ state: 'visible' });

  // A button: a selector on its data-id, one match.
  await bar(page).getByRole('button', { name: 'Author another' }).click();
  await pick(page, 'button[aria-label="Save"]');
  assert.deepEqual(await proposal(page), { target: { selector: SAVE }, matches: 1, strength: 'strong' });

  // The coach panel opened and closed while the card is up (with the keyboard: the card covers
  // the launcher's corner): the live count still follows the page.
  await overlay(page, '[data-coach-launcher]').evaluate((b) => b.focus());
  await page.keyboard.press('Enter');
  await overlay(page, '[data-coach-panel]').waitFor({ state: 'visible' });
  await overlay(page, '[data-coach-panel]').getByRole('button', { name: 'Close', exact: true }).evaluate((b) => b.focus());
  await page.keyboard.press('Enter');
  await overlay(page, '[data-coach-panel]').waitFor({ state: 'detached' });
  await card(page).waitFor({ state: 'visible' });
  // The CRM renders a second Save button (as a command bar can); then takes it away again.
  await page.locator(SAVE).evaluate((b) => b.after(Object.assign(b.cloneNode(true), { id: 'second-save' })));
  await countBecomes(page, 2, 'the live count follows a second Save button after the panel was toggled');
  assert.equal(await card(page).locator('[data-coach-author-strength]').getAttribute('data-coach-author-strength'), 'weak');
  await page.locator('#second-save').evaluate((b) => b.remove());
  await countBecomes(page, 1, 'the live count follows the button going away');

  // A tour: step 1 on the Save button; then a full reload; the recording carries on.
  await card(page).getByLabel('Kind').selectOption('tour-step');
  await card(page).getByLabel('Tour title').fill('Qualify a deal');
  await card(page).getByLabel('Body', { exact: true }).fill('Save often.');
  await card(page).getByRole('button', { name: 'Add step' }).click();
  await bar(page).getByRole('status').filter({ hasText: 'Step 1 added' }).waitFor();

  await page.reload({ waitUntil: 'domcontentloaded' });
  await overlay(page, '[data-coach-launcher]').waitFor({ state: 'visible' });
  await overlay(page, '[data-coach-launcher]').click();
  await overlay(page, '[data-coach-panel]').getByRole('button', { name: 'Author a tip' }).click();
  await bar(page).getByRole('status').filter({ hasText: 'Recording of “Qualify a deal” continues (steps so far: 1)' }).waitFor();
  assert.equal(await bar(page).locator('[data-coach-author-steps]').getAttribute('data-coach-author-steps'), '1');
  await screenshot(page, 'author-dynamics-recording-restored', SHOT);

  await bar(page).getByRole('button', { name: 'Pick next step' }).click();
  await pick(page, 'div[data-id="budgetamount-FieldSectionItemContainer"] label');
  assert.deepEqual(await proposal(page), { target: { field: 'budgetamount' }, matches: 1, strength: 'strong' });
  assert.equal(await card(page).getByLabel('Tour title').inputValue(), 'Qualify a deal', 'the tour title came back');
  await card(page).getByLabel('Body', { exact: true }).fill('Ask for the budget.');
  await card(page).getByRole('button', { name: 'Add step' }).click();
  await bar(page).getByRole('button', { name: 'Pick next step' }).click();
  await pick(page, 'div[data-id="estimatedclosedate-FieldSectionItemContainer"] label');
  assert.equal((await proposal(page)).matches, 1);
  await card(page).getByLabel('Body', { exact: true }).fill('Set the close date.');
  await card(page).getByRole('button', { name: 'Save to draft' }).click();
  await bar(page).getByRole('status').filter({ hasText: 'author-draft/qualify-a-deal' }).waitFor();

  // Saved: the recording is over, so a reload does not bring it back.
  await bar(page).getByRole('button', { name: 'Done' }).click();
  await page.reload({ waitUntil: 'domcontentloaded' });
  await overlay(page, '[data-coach-launcher]').click();
  await overlay(page, '[data-coach-panel]').getByRole('button', { name: 'Author a tip' }).click();
  await overlay(page, '[data-coach-author-banner]').waitFor({ state: 'visible' });
  assert.equal(await bar(page).count(), 0, 'no recording to carry on');
  await page.keyboard.press('Escape');

  const dump = await dumpExtensionStorage(session);
  for (const v of FIELD_VALUES) assert.ok(!dump.includes(v), `storage holds a field value: ${v}`);

  // Export as YAML; the CLI validates it.
  const options = await openOptions(session);
  const exported = await exportDraft(session, options, 'yaml');
  assert.match(exported.name, /^author-draft-0\.1\.\d+\.yaml$/);
  assert.doesNotMatch(exported.text, /^\s*\{/, 'YAML, not JSON');
  assert.match(exported.text, /^format: crm-coach\/pack@1$/m);
  for (const v of FIELD_VALUES) assert.ok(!exported.text.includes(v), `the pack holds a field value: ${v}`);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'crm-coach-author-yaml-')), exported.name);
  writeFileSync(file, exported.text);
  const cli = spawnSync(process.execPath, [path.join(ROOT, 'bin/crm-coach-pack.mjs'), 'validate', file], { encoding: 'utf8' });
  assert.equal(cli.status, 0, `CLI refused the YAML export: ${cli.stdout}${cli.stderr}`);
  assert.match(cli.stdout, /ok: author-draft/);
  await screenshot(options, 'author-options-export-yaml');

  // A fresh profile: import the YAML file; the same tip and tour show on the same page.
  const other = await launch({ server: session.server });
  try {
    await importPackFile(other, file, 'author-draft');
    const p2 = await openCrm(other, DYN);
    await overlay(p2, '[data-coach-tip="author-draft/name-the-deal"]').waitFor({ state: 'visible' });
    await overlay(p2, '[data-coach-launcher]').click();
    const tourRow = overlay(p2, '[data-coach-panel-tour="author-draft/qualify-a-deal"]');
    await tourRow.waitFor({ state: 'visible' });
    await tourRow.getByRole('button').click();
    const tour = overlay(p2, '[data-coach-tour="author-draft/qualify-a-deal"]');
    await tour.waitFor({ state: 'visible' });
    assert.match(await tour.innerText(), /Save often/);
    await screenshot(p2, 'author-dynamics-imported-tour', SHOT);
  } finally {
    await other.close();
  }
  assert.ok(readFileSync(file, 'utf8').includes('qualify-a-deal'));
}, { timeout: 240_000 });
