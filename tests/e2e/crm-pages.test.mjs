// The page model in real Chromium, read the way a trainer reads it: the coach panel's
// "What the coach sees" tab. Every built-in CRM fixture route, then Salesforce through SPA
// navigation (links and buttons that pushState) and re-render (inline edit, save).
import assert from 'node:assert/strict';
import { e2eTest, eventually, openCrm, overlay, routes, route } from './harness.mjs';

/** Opens the coach panel (if closed) on its "What the coach sees" tab. */
async function openCoachSees(page) {
  const panel = overlay(page).getByRole('dialog', { name: 'CRM Coach' });
  if (!(await panel.isVisible())) {
    await overlay(page).getByRole('button', { name: 'CRM Coach', exact: true }).click();
    await panel.waitFor({ state: 'visible' });
  }
  await panel.getByRole('tab', { name: 'What the coach sees' }).click();
  await overlay(page, '[data-coach-sees]').waitFor({ state: 'visible' });
  return panel;
}

/** What the "What the coach sees" tab shows now. */
async function readCoachSees(page) {
  return overlay(page, '[data-coach-sees]').evaluate((root) => {
    const kv = (name) => root.querySelector(`[data-coach-seen="${name}"]`);
    const rows = [...root.querySelectorAll('tr[data-coach-seen-field]')].map((tr) => ({
      label: tr.getAttribute('data-coach-seen-field'),
      empty: tr.getAttribute('data-coach-seen-empty') === 'true',
      required: tr.getAttribute('data-coach-seen-required') === 'true',
      visible: tr.getAttribute('data-coach-seen-visible') === 'true',
      text: tr.textContent,
    }));
    return {
      crm: kv('crm')?.textContent ?? null,
      object: kv('object')?.getAttribute('data-coach-seen-label') ?? null,
      objectText: kv('object')?.textContent ?? null,
      page: kv('page')?.textContent ?? null,
      record: kv('record')?.textContent ?? null,
      rows,
      visibleEmpty: rows.filter((r) => r.visible && r.empty).map((r) => r.label),
      visibleRequired: rows.filter((r) => r.visible && r.required).map((r) => r.label),
      text: root.textContent,
    };
  });
}

/** Waits until the coach sees what `expect` describes (crm, object, page, empty, required). */
async function expectSees(page, expect, message) {
  let last;
  try {
    return await eventually(
      async () => {
        last = await readCoachSees(page);
        return (
          last.crm === expect.crm &&
          last.object === expect.object &&
          last.page === expect.page &&
          (!expect.empty || JSON.stringify(last.visibleEmpty) === JSON.stringify(expect.empty)) &&
          (!expect.required || JSON.stringify(last.visibleRequired) === JSON.stringify(expect.required)) &&
          last
        );
      },
      { message },
    );
  } catch (err) {
    // Show the difference, not just a timeout.
    assert.deepEqual(
      { crm: last?.crm, object: last?.object, page: last?.page, empty: last?.visibleEmpty, required: last?.visibleRequired },
      { crm: expect.crm, object: expect.object, page: expect.page, empty: expect.empty ?? last?.visibleEmpty, required: expect.required ?? last?.visibleRequired },
      `${message}: ${err.message}`,
    );
    throw err;
  }
}

const builtIn = routes.filter((r) => !r.site);

e2eTest('every built-in CRM fixture: "What the coach sees" reports its crm, object, page kind and empty fields', async (session, t) => {
  assert.ok(builtIn.length >= 15, 'routes.json lists the built-in fixtures');
  const crms = new Set(builtIn.map((r) => r.expect.crm));
  for (const c of ['salesforce', 'hubspot', 'dynamics', 'zoho', 'pipedrive']) assert.ok(crms.has(c), `a ${c} route`);

  for (const r of builtIn) {
    await t.test(`${r.expect.crm} ${r.expect.object} ${r.expect.page}: ${r.url}`, async () => {
      const page = await openCrm(session, r);
      try {
        await openCoachSees(page);
        const seen = await expectSees(page, r.expect, `the model of ${r.url}`);
        // The record row says whether a record key exists, never the record id itself.
        if (r.expect.page === 'record' || r.expect.page === 'edit') assert.doesNotMatch(seen.record, /^—?$/);
        // Privacy: the panel lists labels and API names, never field values or ids of the record.
        for (const secret of ['jane.doe@example.com', 'Acme - 200 Widgets', '006Dn000004AbCdIAK', '987654', '4000000012345', '8f2c4e6a']) {
          assert.ok(!seen.text.includes(secret), `"${secret}" is not shown in What the coach sees`);
        }
        // Every expected empty field is a row of the table, once per occurrence on the page.
        for (const label of r.expect.empty) assert.ok(seen.rows.some((row) => row.label === label), `row for ${label}`);
      } finally {
        await page.close();
      }
    });
  }
});

e2eTest('Salesforce: the model follows SPA navigation (record, related record, edit modal, list, new) and re-render (inline edit, save)', async (session) => {
  const opp = route({ crm: 'salesforce', object: 'Opportunity', page: 'record' });
  assert.ok(opp.url.includes('acme.lightning.force.com'));
  const page = await openCrm(session, opp);
  const loads = [];
  page.on('load', () => loads.push(page.url()));

  await openCoachSees(page);
  await expectSees(page, opp.expect, 'the opportunity record');

  // A related link pushes the Account record (no page load).
  await page.getByRole('link', { name: 'Acme Corporation' }).first().click();
  await page.waitForURL(/\/lightning\/r\/Account\/001Dn00000AcMeXIAS\/view$/);
  const account = route({ crm: 'salesforce', object: 'Account', page: 'record' });
  await expectSees(page, account.expect, 'the account record after pushState');

  // Back to the opportunity through its related link, then Edit opens the edit modal (pushState to /edit).
  await page.getByRole('link', { name: 'Acme - 200 Widgets' }).first().click();
  await page.waitForURL(/\/Opportunity\/006Dn000004AbCdIAK\/view$/);
  await expectSees(page, opp.expect, 'the opportunity again');
  await page.locator('button[name="Edit"]').locator('visible=true').click();
  await page.waitForURL(/\/Opportunity\/006Dn000004AbCdIAK\/edit$/);
  const edit = routes.find((r) => r.url.endsWith('/Opportunity/006Dn000004AbCdIAK/edit'));
  await expectSees(page, edit.expect, 'the edit modal');

  // Cancel goes back to the record view.
  await page.locator('section[role="dialog"] button[name="CancelEdit"]').click();
  await page.waitForURL(/\/view$/);
  await expectSees(page, opp.expect, 'the record after cancelling the edit');

  // The global nav: the Opportunities list, then New (a create modal over the list).
  await page.getByRole('navigation', { name: 'Global' }).getByRole('link', { name: 'Opportunities' }).click();
  await page.waitForURL(/\/lightning\/o\/Opportunity\/list$/);
  await expectSees(page, { crm: 'salesforce', object: 'Opportunity', page: 'list', empty: [] }, 'the opportunity list');
  await page.getByRole('button', { name: 'New' }).locator('visible=true').click();
  await page.waitForURL(/\/lightning\/o\/Opportunity\/new$/);
  await expectSees(page, route({ crm: 'salesforce', object: 'Opportunity', page: 'new' }).expect, 'the new-opportunity modal');

  // Browser back (popstate) returns to the list; forward again.
  await page.goBack();
  await page.waitForURL(/\/list$/);
  await expectSees(page, { crm: 'salesforce', object: 'Opportunity', page: 'list', empty: [] }, 'the list after Back');

  // Re-render in place: inline edit turns the same URL into an edit form; typing and saving fills Amount.
  await page.goBack();
  await page.waitForURL(/\/Opportunity\/006Dn000004AbCdIAK\/view$/);
  await expectSees(page, opp.expect, 'the record after two Backs');
  await page.getByRole('button', { name: 'Edit Amount' }).locator('visible=true').click();
  const inline = routes.find((r) => r.url.includes('c__fixtureMode=inline-edit'));
  await expectSees(page, { ...inline.expect }, 'inline edit (same URL, re-rendered form)');
  const amount = page.locator('input[name="Amount"]').locator('visible=true');
  await amount.fill('125000');
  await expectSees(page, { ...inline.expect, empty: inline.expect.empty.filter((l) => l !== 'Amount') }, 'Amount typed in inline edit');
  await page.locator('.slds-docked-form-footer button[name="SaveEdit"]').locator('visible=true').click();
  await expectSees(page, { ...opp.expect, empty: opp.expect.empty.filter((l) => l !== 'Amount') }, 'the record re-rendered after Save');

  assert.deepEqual(loads, [], 'every navigation was in-app (no page load)');
  assert.equal(await page.locator('crm-coach-overlay').count(), 1, 'still exactly one overlay host');
});
