// The first slice through the whole product: CRM page -> content script -> overlay tip,
// page.view event -> background -> Dexie -> popup.
import assert from 'node:assert/strict';
import { e2eTest, eventually, openCrm, openPopup, overlay, route, screenshot } from './harness.mjs';

e2eTest('Salesforce opportunity: the overlay shows the starter tip, the popup counts the page view', async (session) => {
  const page = await openCrm(session, route({ crm: 'salesforce', object: 'Opportunity', page: 'record' }));
  const tip = overlay(page, '[data-coach-tip="salesforce-starter/next-step"]');
  await tip.waitFor({ state: 'visible', timeout: 10_000 });
  assert.match(await tip.innerText(), /Next Step/);
  const hostCount = await page.locator('crm-coach-overlay').count();
  assert.equal(hostCount, 1, 'exactly one overlay host');
  await screenshot(page, 'salesforce-opportunity-tip');

  const popup = await openPopup(session);
  const events = popup.locator('[data-coach-events]');
  await eventually(async () => Number(await events.innerText()) >= 1, { message: 'the popup to count the page view' });
  await screenshot(popup, 'popup');
});

e2eTest('a page outside the CRM hosts gets no overlay', async (session) => {
  session.server.extra.set('www.example.org/', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>Not a CRM</title><h1>Hello</h1>');
  });
  const page = await openCrm(session, 'https://www.example.org/', { waitForOverlay: false });
  await page.waitForTimeout(800);
  assert.equal(await page.locator('crm-coach-overlay').count(), 0);
});
