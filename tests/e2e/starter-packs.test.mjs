// The built-in starter pack of every built-in CRM fires on that CRM's fixture record: its hygiene
// nudge lists exactly the empty fields it names (by label or API name), outlined on the page.
import assert from 'node:assert/strict';
import { e2eTest, openCrm, overlay, route } from './harness.mjs';

const CASES = [
  { crm: 'salesforce', object: 'Opportunity', nudge: 'salesforce-starter/opp-hygiene', missing: ['Amount', 'Next Step'] },
  { crm: 'dynamics', object: 'Opportunity', nudge: 'dynamics-starter/opportunity-hygiene', missing: ['Description', 'Est. Close Date'] },
  { crm: 'hubspot', object: 'Deal', nudge: 'hubspot-starter/deal-hygiene', missing: ['Amount', 'Close date', 'Next step'] },
  { crm: 'zoho', object: 'Deal', nudge: 'zoho-starter/deal-hygiene', missing: ['Amount', 'Next Step'] },
  { crm: 'pipedrive', object: 'Deal', nudge: 'pipedrive-starter/deal-hygiene', missing: ['Value', 'Expected close date'] },
];

e2eTest('every built-in CRM: its starter nudge lists exactly the empty fields it names', async (session) => {
  for (const c of CASES) {
    const page = await openCrm(session, route({ crm: c.crm, object: c.object, page: 'record' }));
    const nudge = overlay(page, `[data-coach-nudge="${c.nudge}"]`);
    await nudge.waitFor({ state: 'visible', timeout: 10_000 });
    const missing = await nudge
      .locator('[data-coach-missing]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-coach-missing')));
    assert.deepEqual(missing.sort(), [...c.missing].sort(), `${c.crm}: missing fields`);
    for (const label of c.missing) {
      const outline = overlay(page, `[data-coach-highlight="${label}"]`);
      assert.ok((await outline.count()) >= 1, `${c.crm}: ${label} is outlined`);
    }
    await page.close();
  }
});
