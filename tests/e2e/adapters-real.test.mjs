// Held-out CRM pages rebuilt from public evidence (routes.json "heldOut"), in real Chromium with
// the built extension: a pack's nudge lists exactly the empty fields it names on each page, through
// the traps real pages have. Includes a Lightning page whose components attach their shadow roots
// late, at a random delay (found through the attachShadow report, without polling: a main-world
// script in Chromium, an exported function in Firefox).
import assert from 'node:assert/strict';
import { e2eTest, eventually, openCrm, openOptions, overlay, routes } from './harness.mjs';

const held = routes.filter((r) => r.heldOut);

/** One nudge per held-out page, told apart by host and page kind. */
const pack = {
  format: 'crm-coach/pack@1',
  id: 'held-out-e2e',
  version: '1.0.0',
  title: 'Held-out pages',
  nudges: held.map((r, i) => ({
    id: `h${i}`,
    when: { crm: [r.expect.crm], page: [r.expect.page], url: `https://${new URL(r.url).host}/*` },
    fields: r.heldOut.named,
    message: 'Fill these in.',
    severity: 'warn',
  })),
};

async function installPack(session) {
  const options = await openOptions(session);
  await options.getByLabel('Import pack file').setInputFiles({ name: 'held-out.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(pack)) });
  await options.locator(`[data-coach-pack="${pack.id}"]`).waitFor();
  await options.close();
}

async function missingOf(page, key) {
  const nudge = overlay(page, `[data-coach-nudge="${key}"]`);
  if (!(await nudge.count())) return null;
  return nudge.locator('[data-coach-missing]').evaluateAll((els) => els.map((e) => e.getAttribute('data-coach-missing')));
}

async function expectMissing(page, key, expected, message) {
  let last;
  try {
    await eventually(async () => {
      last = await missingOf(page, key);
      return last && JSON.stringify([...last].sort()) === JSON.stringify([...expected].sort());
    }, { timeout: 15_000, message });
  } catch (err) {
    assert.deepEqual(last && [...last].sort(), [...expected].sort(), `${message}: ${err.message}`);
    throw err;
  }
}

e2eTest('held-out pages: a pack nudge lists exactly the empty fields it names (Zoho, Pipedrive, Salesforce Classic, Lightning, Dynamic Forms, late shadow roots, Dynamics 365)', async (session, t) => {
  assert.ok(held.length >= 10, 'routes.json marks the held-out pages');
  await installPack(session);
  for (const [i, r] of held.entries()) {
    await t.test(`${r.expect.crm} ${r.expect.page}: ${r.url}`, async () => {
      const page = await openCrm(session, r);
      try {
        const key = `${pack.id}/h${i}`;
        await expectMissing(page, key, r.heldOut.missing, `nudge on ${r.url}`);
        if (r.heldOut.fill) {
          // Typing into an open inline editor clears that field from the nudge.
          await page.getByRole('textbox', { name: r.heldOut.fill.field, exact: true }).fill(r.heldOut.fill.text);
          await expectMissing(page, key, r.heldOut.missing.filter((m) => m !== r.heldOut.fill.field), `after typing into ${r.heldOut.fill.field}`);
        }
      } finally {
        await page.close();
      }
    });
  }
});
