// A pack says what "no value" looks like on its CRM (docs/pack-format.md "Built-in readers:
// `crms`"): on the Zoho deal page (tests/fixtures/crm/zoho/deal.html), the custom picklist Region
// shows the org's own option "Not set". The Zoho reader's default placeholders read it as a value;
// once a pack lists "Not set" in crms.zoho.emptyText, the nudge lists Region as missing, on the
// open page (the background's change signal) and after a reload.
import assert from 'node:assert/strict';
import { e2eTest, eventually, openCrm, openOptions, overlay, route } from './harness.mjs';

const DEAL = route({ crm: 'zoho', object: 'Deal', page: 'record' });

const nudges = {
  format: 'crm-coach/pack@1',
  id: 'zoho-hygiene-e2e',
  version: '1.0.0',
  title: 'Zoho deal hygiene',
  nudges: [{ id: 'deal', when: { crm: ['zoho'], page: ['record'] }, fields: ['Amount', 'Next Step', 'Region', 'Stage'], message: 'Fill these in.', severity: 'warn' }],
};
/** Another pack, from the team that knows its org: only the reader's placeholders. */
const placeholders = {
  format: 'crm-coach/pack@1',
  id: 'zoho-org-e2e',
  version: '1.0.0',
  title: 'Our Zoho org',
  crms: { zoho: { emptyText: ['-None-', '-无-', '—', '-', 'Not set'] } },
};

async function install(session, pack) {
  const options = await openOptions(session);
  await options.getByLabel('Import pack file').setInputFiles({ name: `${pack.id}.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(pack)) });
  await options.locator(`[data-coach-pack="${pack.id}"]`).waitFor();
  await options.close();
}

async function expectMissing(page, expected, message) {
  let last = null;
  try {
    await eventually(async () => {
      const nudge = overlay(page, `[data-coach-nudge="${nudges.id}/deal"]`);
      last = (await nudge.count()) ? await nudge.locator('[data-coach-missing]').evaluateAll((els) => els.map((e) => e.getAttribute('data-coach-missing'))) : null;
      return JSON.stringify(last && [...last].sort()) === JSON.stringify([...expected].sort());
    }, { timeout: 15_000, message });
  } catch (err) {
    assert.deepEqual(last && [...last].sort(), [...expected].sort(), `${message}: ${err.message}`);
    throw err;
  }
}

e2eTest('a pack\'s crms.zoho.emptyText makes a field showing its placeholder count as empty (Zoho deal)', async (session) => {
  assert.ok(DEAL, 'routes.json has the Zoho deal');
  await install(session, nudges);
  const page = await openCrm(session, DEAL);
  try {
    // The reader's default: "—" (Amount) and nothing (Next Step) are empty, "Not set" is a value.
    await expectMissing(page, ['Amount', 'Next Step'], 'the nudge with the default placeholders');

    await install(session, placeholders);
    // The open page re-plans on the background's change signal, without a reload.
    await expectMissing(page, ['Amount', 'Next Step', 'Region'], 'the nudge once a pack lists "Not set"');
    await page.reload();
    await expectMissing(page, ['Amount', 'Next Step', 'Region'], 'the nudge after a reload');
  } finally {
    await page.close();
  }
});
