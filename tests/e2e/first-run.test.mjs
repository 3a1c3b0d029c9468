// The first minute (issue 15): a fresh profile with the CRM page opened the moment the extension
// starts. The first tip is on screen without a reload, whether the page's coach asked before or
// after the built-in packs were stored; a page whose coach saw no packs is coached as soon as
// they are stored (the background's coachChanged signal); the popup opened as a page at once
// renders its first screen.
import assert from 'node:assert/strict';
import { e2eTest, eventually, inWorker, launch, openCrm, openPopup, overlay, route } from './harness.mjs';
import { startServer } from './server.mjs';
import { test } from 'node:test';

const OPP = route({ crm: 'salesforce', object: 'Opportunity', page: 'record' });
const STARTER_TIP = '[data-coach-tip^="salesforce-starter/"]';

/** How many times the server answered this URL (a reload asks again). */
const loads = (server, url) => server.requests.filter((r) => r.url === url).length;

test('fresh profile, CRM page opened as the browser starts: the first tip shows without a reload', { timeout: 120_000 }, async () => {
  const server = await startServer();
  let session = null;
  try {
    // The page opens while the extension is still starting (before its built-in packs are stored).
    session = await launch({ server, firstUrl: OPP.url });
    const page = session.firstPage;
    await overlay(page, STARTER_TIP).first().waitFor({ state: 'visible', timeout: 20_000 });
    await overlay(page, '[data-coach-nudge="salesforce-starter/opp-hygiene"]').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(loads(server, OPP.url), 1, 'the page was loaded once: no reload');
    const root = overlay(page, '[data-coach-root]');
    assert.ok(Number(await root.getAttribute('data-coach-packs')) >= 5, 'planned with the built-in packs');
  } finally {
    await session?.close();
    await server.close();
  }
});

e2eTest('a page whose coach saw no packs yet is coached once the built-in packs are stored, without a reload', async (session) => {
  // Take the stored packs away, as before the built-ins are first stored.
  const stored = async () => (await inWorker(session, () => chrome.storage.local.get('packs'))).packs ?? {};
  const saved = await eventually(async () => {
    const packs = await stored();
    return Object.keys(packs).length >= 5 && packs;
  }, { message: 'the built-in packs to be stored' });
  await inWorker(session, () => chrome.storage.local.set({ packs: {} }));
  const page = await openCrm(session, OPP);
  const root = overlay(page, '[data-coach-root]');
  await root.waitFor({ state: 'attached', timeout: 10_000 });
  assert.equal(await root.getAttribute('data-coach-packs'), '0', 'the coach planned with no packs');
  assert.equal(await overlay(page, '[data-coach-tip]').count(), 0);

  await inWorker(session, (packs) => chrome.storage.local.set({ packs }), saved);
  await overlay(page, STARTER_TIP).first().waitFor({ state: 'visible', timeout: 10_000 });
  assert.equal(loads(session.server, OPP.url), 1, 'no reload');

  // Settings changed elsewhere apply live too: paused on this site from another tab's switch.
  await inWorker(session, async (host) => {
    const { settings } = await chrome.storage.local.get('settings');
    await chrome.storage.local.set({ settings: { ...(settings ?? {}), pausedSites: [host] } });
  }, new URL(OPP.url).hostname);
  await overlay(page, STARTER_TIP).first().waitFor({ state: 'detached', timeout: 10_000 });
  await overlay(page, '.cc-launcher.cc-paused').waitFor({ timeout: 10_000 });
});

e2eTest('the popup opened as a page on a fresh profile shows its first screen, not a lasting "Loading"', async (session) => {
  const popup = await openPopup(session);
  await popup.locator('[data-coach-first-run]').waitFor({ timeout: 10_000 });
  await popup.locator('[data-coach-page-state="not-crm"]').waitFor();
  assert.equal(await popup.getByRole('status').filter({ hasText: 'Loading your progress' }).count(), 0);
  assert.equal((await popup.locator('[data-coach-day]').innerText()).trim(), 'Not started yet');
  await popup.locator('[data-coach-section="badges"]').waitFor();
});
