// The overlay stays still when a navigation brings the same fields back. On a big Lightning-like
// record page (the bench's generated page, bench/heavy-page.mjs: 2,000 fields, each component in
// its own shadow root) the coach reads a new record in several slices, over a few frames. The
// outline and the tip whose fields left with the old record used to hide at once and show again
// when the coach had read the new one: a blink, and two paints of the whole page per navigation.
// Now they wait for the coach's reading, then follow the new fields, which are where the old ones
// were: nothing in the overlay is written at all.
import assert from 'node:assert/strict';
import { e2eTest, eventually, openCrm, outlineCovers, overlay, overlayWrites, recordOverlayWrites } from './harness.mjs';
import { serveHeavyPage } from '../../bench/heavy-page.mjs';

e2eTest('SPA navigations between records of one layout leave the outline and the tip where they are: no blink, no write', async (session) => {
  const url = serveHeavyPage(session.server, { fields: 2000 });
  const page = await openCrm(session, url);
  await page.evaluate(() => window.__crmBench.ready);
  const tip = overlay(page, '[data-coach-tip="salesforce-starter/next-step"]');
  const ring = overlay(page, '[data-coach-highlight="Amount"]');
  await tip.waitFor({ state: 'visible', timeout: 15_000 });
  await ring.waitFor({ state: 'visible', timeout: 15_000 });
  await page.waitForTimeout(500);
  await recordOverlayWrites(page);

  // Two record pages later (the page keeps the previous one hidden, as Lightning does).
  await page.evaluate(() => window.__crmBench.navigate(2, 600));
  await page.waitForURL(/006000000000003AAA/);
  await page.waitForTimeout(1000);
  assert.deepEqual(await overlayWrites(page), [], 'nothing in the overlay written');
  assert.ok((await ring.isVisible()) && (await tip.isVisible()), 'outline and tip still shown');
  // Over the Amount field of the record now shown.
  const amount = page.locator('.oneContent.active records-record-layout-item[field-label="Amount"]');
  await eventually(() => outlineCovers(ring, amount), { message: "the outline over the new record's Amount field" });
});
