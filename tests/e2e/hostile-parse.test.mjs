// Hostile packs, parsing and input half (issue 12), in real Chromium through the options page:
// every file of tests/fixtures/packs/hostile-parse is refused with its message in an alert and
// the installed packs stay as they were; a pack URL with a password is refused without repeating
// it; a tip whose links say "Salesforce" but go elsewhere shows where they go and the coach's mark.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, e2eTest, inWorker, openCrm, openOptions, overlay, route, screenshot } from './harness.mjs';

const PACKS = path.join(ROOT, 'tests/fixtures/packs');
const HOSTILE = path.join(PACKS, 'hostile-parse');
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const SALESFORCE_OPPORTUNITY = route({ crm: 'salesforce', object: 'Opportunity', page: 'record' });

async function packsPage(session) {
  const page = await openOptions(session);
  await page.locator('tr[data-coach-pack]').first().waitFor({ timeout: 10_000 });
  return page;
}

const rowIds = (page) => page.locator('tr[data-coach-pack]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-coach-pack')));
const storedPacks = (session) => inWorker(session, async () => (await chrome.storage.local.get('packs')).packs ?? {});

e2eTest('each hostile file is refused in an alert naming the path and rule; the installed packs are unchanged', async (session) => {
  const expected = readJson(path.join(HOSTILE, 'expected.json'));
  const page = await packsPage(session);
  const rowsBefore = await rowIds(page);
  const storedBefore = await storedPacks(session);
  for (const [file, fragments] of Object.entries(expected)) {
    await page.getByLabel('Import pack file', { exact: true }).setInputFiles(path.join(HOSTILE, file));
    const alert = page.getByRole('alert').filter({ hasText: `${file} was not installed` });
    await alert.waitFor({ timeout: 15_000 });
    const message = await alert.innerText();
    for (const fragment of fragments) assert.ok(message.includes(fragment), `${file}: the alert names "${fragment}"; it reads:\n${message}`);
    assert.doesNotMatch(message, /call stack|RangeError|TypeError/, `${file}: no engine error text`);
    assert.deepEqual(await rowIds(page), rowsBefore, `${file}: the pack rows are unchanged`);
    assert.deepEqual(await storedPacks(session), storedBefore, `${file}: the stored packs are unchanged`);
  }
});

e2eTest('a pack URL with a password is refused without repeating the password, and nothing is fetched', async (session) => {
  const page = await packsPage(session);
  const storedBefore = await storedPacks(session);
  await page.getByLabel('Add pack URL').fill('https://trainer:s3cret-pw@packs.acme.example/onboarding.json');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor({ timeout: 10_000 });
  const message = await alert.innerText();
  assert.match(message, /may not hold a user name or password/);
  assert.match(message, /https:\/\/\*\*\*@packs\.acme\.example\/onboarding\.json/);
  assert.doesNotMatch(message, /s3cret-pw|trainer:/);
  assert.equal(session.server.requests.filter((r) => r.url.includes('packs.acme.example')).length, 0, 'nothing fetched');
  assert.deepEqual(await storedPacks(session), storedBefore);
});

e2eTest('a tip with deceptive links shows where each goes and carries the CRM Coach mark', async (session) => {
  const page = await packsPage(session);
  await page.getByLabel('Import pack file', { exact: true }).setInputFiles(path.join(PACKS, 'e2e/deceptive-link.json'));
  await page.getByRole('status').filter({ hasText: 'Installed' }).waitFor();

  const crm = await openCrm(session, SALESFORCE_OPPORTUNITY);
  const tip = overlay(crm, '[data-coach-tip="e2e-deceptive-link/sign-in"]');
  await tip.waitFor({ state: 'visible', timeout: 10_000 });
  // The mark: the card says it comes from the coach, whatever the pack writes.
  assert.equal(await tip.locator('[data-coach-brand]').textContent(), 'CRM Coach');
  assert.ok(await tip.locator('[data-coach-brand]').isVisible());
  // Each link shows its real destination beside its words, inside the link (its accessible name too).
  const signIn = tip.getByRole('link', { name: /sign in to Salesforce again/ });
  assert.equal(await signIn.getAttribute('href'), 'https://login.salesforce.com.evil.example/signin');
  assert.match(await signIn.innerText(), /\(login\.salesforce\.com\.evil\.example\)$/);
  assert.match(await tip.getByRole('link', { name: /Write to IT/ }).innerText(), /\(evil\.example\)$/);
  const learnMore = tip.getByRole('link', { name: /Learn more/ });
  assert.match(await learnMore.innerText(), /\(evil\.example\)$/);
  const hosts = await tip.locator('[data-coach-link-host]').evaluateAll((els) => els.map((e) => e.getAttribute('data-coach-link-host')));
  assert.deepEqual(hosts, ['login.salesforce.com.evil.example', 'evil.example', 'evil.example']);
  await screenshot(crm, 'hostile-parse-deceptive-link-tip');
  await tip.screenshot({ path: path.join(ROOT, 'tests/e2e/artifacts/hostile-parse-deceptive-link-card.png') });
});
