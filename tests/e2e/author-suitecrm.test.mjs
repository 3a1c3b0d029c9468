// Author mode on the real SuiteCRM 7.14.6 (started by `.ci/run` from ../shared/realcrm; see
// docs/authoring.md and docs/adapters.md "SuiteCRM 7"), coached through one pack site entry: a
// trainer picks a field (a field target by its column name, strong, one match) and a button (a
// selector, one match), saves a tip that shows at once, records a three-step tour across the app's
// own full page load from the detail view to the edit view (the recording survives it), exports
// the draft as JSON, the CLI validates it, and a fresh profile that imports it shows the same tip
// and tour on the same pages. The CRM's DOM is compared before and after picking and saving.
// Skipped when SuiteCRM is not reachable, unless CI is set (then suitecrm.test.mjs fails).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, dumpExtensionStorage, e2eTest, launch, openOptions, overlay, screenshot } from './harness.mjs';
import { domSnapshot, exportDraft, importPackFile, pick, proposal, startAuthor } from './author-lib.mjs';

const BASE = (process.env.REALCRM_URL ?? `http://127.0.0.1:${process.env.REALCRM_PORT ?? 8080}`).replace(/\/+$/, '');
const OPP = '0a1b2c3d-0000-4000-8000-000000000003';
const DETAIL = `${BASE}/index.php?module=Opportunities&action=DetailView&record=${OPP}`;
const SITE_PACK = path.join(ROOT, 'tests/fixtures/packs/suitecrm/suitecrm-coaching.json');
const KIT = process.env.REALCRM_KIT ?? path.join(ROOT, '../shared/realcrm');
const launchOptions = { args: ['--enable-unsafe-extension-debugging'] };

async function reachable() {
  try {
    const res = await fetch(`${BASE}/index.php?module=Users&action=Login`, { redirect: 'manual', signal: globalThis.AbortSignal.timeout(5000) });
    return res.status < 500;
  } catch {
    return false;
  }
}
const up = await reachable();
const skip = up ? false : `SuiteCRM is not reachable at ${BASE} (suitecrm.test.mjs reports it; with CI=true it fails there)`;

/** Playwright hides the caret by writing style="" on the page's inputs: leave them alone. */
const SHOT = { caret: 'initial' };

const card = (page) => overlay(page, '[data-coach-author]');
const bar = (page) => overlay(page, '[data-coach-author-bar]');

/** Clicks the extension's toolbar button for the page's tab, as a user would (CDP Extensions.triggerAction). */
async function clickToolbarButton(session, page) {
  const cdp = await session.context.browser().newBrowserCDPSession();
  const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] });
  const tab = targetInfos.find((t) => t.url === page.url());
  assert.ok(tab, `a tab target for ${page.url()}`);
  await cdp.send('Extensions.triggerAction', { id: session.extensionId, targetId: tab.targetId });
  await cdp.detach();
}

/** Logs in through SuiteCRM's own form (the kit's helper); returns the tab. */
async function login(session) {
  const { loginSuiteCrm } = await import(path.join(KIT, 'scripts/login.mjs'));
  const page = await session.context.newPage();
  await loginSuiteCrm(page, BASE);
  return page;
}

/** The coach on this tab's page (the site is granted by the toolbar click, per page load). */
async function coach(session, page) {
  await page.locator('.detail-view-row-item, .edit-view-row-item').first().waitFor();
  await clickToolbarButton(session, page);
  await overlay(page, '[data-coach-launcher]').waitFor({ state: 'visible', timeout: 15_000 });
}

/** Lines added or removed between two snapshots. */
function assertSameDom(before, after) {
  if (after === before) return;
  const a = before.split('\n');
  const b = after.split('\n');
  const diff = b.filter((line) => !a.includes(line)).concat(a.filter((line) => !b.includes(line)).map((l) => `- ${l}`));
  assert.fail(`picking, previewing and saving changed the CRM page:\n${diff.slice(0, 12).join('\n').slice(0, 3000)}`);
}

e2eTest(
  'SuiteCRM (real): a field and a button picked, a tip at once, a three-step tour across a full page load; the JSON export validates and shows the same tip and tour in a fresh profile',
  async (session) => {
    await importPackFile(session, SITE_PACK, 'suitecrm-coaching');
    const page = await login(session);
    await page.goto(DETAIL, { waitUntil: 'load' });
    await coach(session, page);
    // Record values on the page that must never reach storage or the pack.
    const values = (await page.locator('.detail-view-field[field=name], .detail-view-field[field=account_name]').allInnerTexts()).map((v) => v.trim()).filter((v) => v.length >= 4);
    assert.ok(values.length >= 2, `record values read: ${JSON.stringify(values)}`);
    const before = await domSnapshot(page, 'content');

    // A field: its column name from data-field, strong, one match.
    await startAuthor(page);
    await pick(page, '.detail-view-row-item[data-field=amount] .label');
    assert.deepEqual(await proposal(page), { target: { field: 'amount' }, matches: 1, strength: 'strong' });
    await screenshot(page, 'author-card-suitecrm-field', SHOT);
    await card(page).getByLabel('Title', { exact: true }).fill('Amount feeds the forecast');
    await card(page).getByLabel('Body', { exact: true }).fill('Fill **Opportunity Amount** before the stage moves.');
    await card(page).getByRole('button', { name: 'Save to draft' }).click();
    const saved = bar(page).getByRole('status').or(card(page).getByRole('alert'));
    await saved.first().waitFor();
    assert.match(await saved.first().innerText(), /author-draft\/amount-feeds-the-forecast/);
    const tip = overlay(page, '[data-coach-tip="author-draft/amount-feeds-the-forecast"]');
    await tip.waitFor({ state: 'visible' });
    assert.match(await tip.innerText(), /Amount feeds the forecast/);
    assertSameDom(before, await domSnapshot(page, 'content'));

    // A button: the detail view's Actions menu, a selector with one match.
    await bar(page).getByRole('button', { name: 'Author another' }).click();
    await pick(page, '#tab-actions > a');
    const button = await proposal(page);
    assert.ok('selector' in button.target, JSON.stringify(button));
    assert.equal(button.matches, 1, JSON.stringify(button));
    assert.notEqual(button.strength, 'weak', JSON.stringify(button));
    await screenshot(page, 'author-card-suitecrm-button', SHOT);

    // The tour's first step on it; then the app's Edit: a form POST, a new page.
    await card(page).getByLabel('Kind').selectOption('tour-step');
    await card(page).getByLabel('Tour title').fill('Update an opportunity');
    await card(page).getByLabel('Body', { exact: true }).fill('Open **Actions**, then choose Edit.');
    await card(page).getByRole('button', { name: 'Add step' }).click();
    await bar(page).getByRole('status').filter({ hasText: 'Step 1 added' }).waitFor();
    await page.locator('#edit_button').evaluate((b) => b.click());
    await page.locator('form#EditView .edit-view-row-item[data-field=amount]').waitFor();
    await coach(session, page);

    // Author mode again: the recording carries on.
    await overlay(page, '[data-coach-launcher]').click();
    await overlay(page, '[data-coach-panel]').getByRole('button', { name: 'Author a tip' }).click();
    await bar(page).getByRole('status').filter({ hasText: 'Recording of “Update an opportunity” continues (steps so far: 1)' }).waitFor();
    await bar(page).getByRole('button', { name: 'Pick next step' }).click();
    await pick(page, 'form#EditView .edit-view-row-item[data-field=next_step] .label');
    assert.deepEqual(await proposal(page), { target: { field: 'next_step' }, matches: 1, strength: 'strong' });
    await card(page).getByLabel('Body', { exact: true }).fill('Write the next step.');
    await card(page).getByRole('button', { name: 'Add step' }).click();
    await bar(page).getByRole('button', { name: 'Pick next step' }).click();
    await pick(page, 'form#EditView .edit-view-row-item[data-field=amount] .label');
    assert.equal((await proposal(page)).matches, 1);
    await card(page).getByLabel('Body', { exact: true }).fill('Then the amount, and Save.');
    await card(page).getByRole('button', { name: 'Save to draft' }).click();
    await bar(page).getByRole('status').filter({ hasText: 'author-draft/update-an-opportunity' }).waitFor();
    await bar(page).getByRole('button', { name: 'Done' }).click();

    const dump = await dumpExtensionStorage(session);
    for (const v of values) assert.ok(!dump.includes(v), `storage holds a record value: ${v}`);

    // Export (JSON); the CLI validates it.
    const options = await openOptions(session);
    const exported = await exportDraft(session, options, 'json');
    const pack = JSON.parse(exported.text);
    assert.deepEqual(pack.tips[0].target, { field: 'amount' });
    assert.deepEqual(pack.tips[0].when, { crm: ['suitecrm'], object: ['Opportunities'], page: ['record'] }, 'the reader, the module, the page kind');
    assert.equal(pack.tours[0].steps.length, 3);
    assert.deepEqual(pack.tours[0].steps[0].target, button.target);
    assert.deepEqual(pack.tours[0].steps[1].target, { field: 'next_step' });
    for (const v of values) assert.ok(!exported.text.includes(v), `the pack holds a record value: ${v}`);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'crm-coach-author-suite-')), exported.name);
    writeFileSync(file, exported.text);
    const cli = spawnSync(process.execPath, [path.join(ROOT, 'bin/crm-coach-pack.mjs'), 'validate', file], { encoding: 'utf8' });
    assert.equal(cli.status, 0, `CLI refused the export: ${cli.stdout}${cli.stderr}`);

    // A fresh profile: the site pack and the exported draft; the same tip and tour on the same page.
    const other = await launch({ server: session.server, ...launchOptions });
    try {
      await importPackFile(other, SITE_PACK, 'suitecrm-coaching');
      await importPackFile(other, file, 'author-draft');
      const p2 = await login(other);
      await p2.goto(DETAIL, { waitUntil: 'load' });
      await coach(other, p2);
      await overlay(p2, '[data-coach-tip="author-draft/amount-feeds-the-forecast"]').waitFor({ state: 'visible', timeout: 15_000 });
      await overlay(p2, '[data-coach-launcher]').click();
      const tourRow = overlay(p2, '[data-coach-panel-tour="author-draft/update-an-opportunity"]');
      await tourRow.waitFor({ state: 'visible' });
      await tourRow.getByRole('button').click();
      const tour = overlay(p2, '[data-coach-tour="author-draft/update-an-opportunity"]');
      await tour.waitFor({ state: 'visible' });
      assert.match(await tour.innerText(), /Open Actions/);
      await screenshot(p2, 'author-suitecrm-imported-tour', SHOT);
    } finally {
      await other.close();
    }
    assert.ok(readFileSync(file, 'utf8').includes('update-an-opportunity'));
  },
  { launchOptions, browsers: ['chromium'], why: 'grants the self-hosted site with the toolbar click through CDP Extensions.triggerAction', skip, timeout: 300_000 },
);
