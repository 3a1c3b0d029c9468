// Page choice shared by sections: the Salesforce Opportunity fixture when the fixtures exist,
// otherwise the generated heavy page (always available).
import { HEAVY_PATH, serveHeavyPage } from '../heavy-page.mjs';

/** { url, kind: 'fixture' | 'heavy', isHeavy } for a Salesforce Opportunity record page. */
export function salesforceRecordPage(server, { fields = 2000, path = HEAVY_PATH } = {}) {
  const route = (server.routes ?? []).find((r) => r.expect?.crm === 'salesforce' && r.expect?.object === 'Opportunity'
    && r.expect?.page === 'record' && !/synthetic|zh/i.test(r.file ?? ''));
  if (route) return { url: route.url, kind: `fixture ${route.file}`, isHeavy: false };
  return { url: serveHeavyPage(server, { fields }, path), kind: `generated page (${fields} fields)`, isHeavy: true };
}

/** Waits until the page is rendered: the heavy page's ready promise, or load + one frame. */
export async function pageReady(page, isHeavy) {
  if (isHeavy) await page.evaluate(() => window.__crmBench.ready);
  else await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(true))));
}
