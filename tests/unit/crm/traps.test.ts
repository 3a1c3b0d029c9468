// Held-out pages rebuilt from public evidence (tests/fixtures/crm/routes.json "heldOut"): the
// fields a pack names that are empty on the page are exactly the ones listed, through the traps
// real pages have (stale hidden copies, related lists and history reusing labels, header strips,
// placeholders, lookups shown as tags, booleans, assistive text, collapsed sections).
import { afterEach, describe, expect, it } from 'vitest';
import { loadFixture, routes, type Loaded } from './fixture';
import { readPage } from '@/utils/crm';
import { findField } from '@/utils/crm/targets';
import type { PageModel } from '@/utils/crm/types';

interface HeldOut {
  named: string[];
  missing: string[];
}
const held = (routes() as (ReturnType<typeof routes>[number] & { heldOut?: HeldOut })[]).filter((r) => r.heldOut);

let l: Loaded | null = null;
afterEach(async () => {
  await l?.close();
  l = null;
});

async function read(url: string, file: string): Promise<PageModel> {
  l = await loadFixture(file, url);
  return readPage(l.doc, l.url(), { salt: 's', shadowRootOf: l.shadowRootOf })!;
}

describe('held-out pages: the empty fields a pack names', () => {
  it('cover each CRM and page the issue names', () => {
    const files = new Set(held.map((r) => `${r.file} ${r.expect.page}`));
    for (const f of [
      'zoho/deal.html record', 'zoho/deal.html edit', 'pipedrive/deal.html record', 'pipedrive/deal.html edit',
      'salesforce/classic.html record', 'salesforce/classic.html edit', 'salesforce/opportunity.html record',
      'salesforce/dynamic-forms.html record', 'salesforce/late-shadow.html record', 'dynamics/opportunity-header.html record',
      'hubspot/deal-traps.html record',
    ]) expect(files).toContain(f);
  });

  for (const r of held) {
    it(`${r.url}: ${r.heldOut!.missing.join(', ')}`, async () => {
      const m = await read(r.url, r.file);
      expect(m.page).toBe(r.expect.page);
      const named = r.heldOut!.named.map((n) => [n, findField(m, n)] as const);
      for (const [n, f] of named) expect(f, `${n} is on the page`).toBeTruthy();
      expect(named.filter(([, f]) => f!.empty).map(([n]) => n)).toEqual(r.heldOut!.missing);
    });
  }
});

describe('traps, one by one', () => {
  it('Salesforce Classic: an unchecked checkbox image is a value; the inline-edit dialog and related lists are not fields', async () => {
    const m = await read('https://acme.my.salesforce.com/006Dn000004AbCdIAK', 'salesforce/classic.html');
    expect(findField(m, 'Renewal Opportunity')).toMatchObject({ empty: false, value: 'false' });
    expect(findField(m, 'Executive Sponsor Met')).toMatchObject({ empty: false, value: 'true' });
    expect(m.fields.filter((f) => f.label === 'Amount')).toHaveLength(1);
    expect(findField(m, 'Amount')).toMatchObject({ empty: true, apiName: 'opp7' }); // not "Help for Amount", not the history's $9,000
    expect(findField(m, 'Description')).toMatchObject({ visible: false, empty: true });
  });

  it('Salesforce Classic edit: required markers on the label cell, "--None--" selects empty, API names agree with the detail page', async () => {
    const m = await read('https://acme.my.salesforce.com/006Dn000004AbCdIAK/e', 'salesforce/classic.html');
    expect(m.fields.filter((f) => f.required).map((f) => f.apiName)).toEqual(['opp3', 'opp9', 'opp11']);
    expect(findField(m, 'Type')?.empty).toBe(true);
    expect(findField(m, 'Renewal Opportunity')?.empty).toBe(false);
    expect(m.fields.every((f) => !f.label.includes('*'))).toBe(true);
  });

  it('Lightning Dynamic Forms: a read-only checkbox does not make the page an edit; highlights and the stale page are not fields', async () => {
    const m = await read('https://dynforms.lightning.force.com/lightning/r/Opportunity/006Dn000004AbCdIAK/view', 'salesforce/dynamic-forms.html');
    expect(m.page).toBe('record');
    expect(m.fields.map((f) => f.apiName)).toEqual(['Name', 'AccountId', 'Amount', 'CloseDate', 'StageName', 'NextStep', 'Renewal__c', 'Type', 'Description', 'Competitor__c']);
    expect(findField(m, 'Renewal')).toMatchObject({ empty: false, value: 'false' });
    expect(findField(m, 'Amount')?.value).toBe(''); // not "Edit Amount", not the stale "Old value"
    expect(findField(m, 'Competitor')).toMatchObject({ visible: false, section: 'Additional Information' });
  });

  it('Dynamics 365: header fields count once, a lookup tag is a value while its search box is empty, + is recommended', async () => {
    const m = await read(
      'https://org456.crm4.dynamics.com/main.aspx?appid=3a5b7c9d-1e2f-4a6b-8c0d-1e2f3a4b5c6d&pagetype=entityrecord&etn=opportunity&id=5e1d2c3b-4a59-4876-9a5b-0c1d2e3f4a5b',
      'dynamics/opportunity-header.html',
    );
    expect(m.fields.filter((f) => f.apiName === 'estimatedvalue')).toHaveLength(1);
    expect(findField(m, 'estimatedvalue')?.section).toBe('Opportunity Information');
    expect(findField(m, 'Owner')).toMatchObject({ apiName: 'ownerid', empty: false }); // header-only: kept
    expect(findField(m, 'Account')).toMatchObject({ empty: false, value: 'Acme Corporation' });
    expect(findField(m, 'Contact')?.empty).toBe(true); // the stale form's "Sam Old" is not read
    expect(findField(m, 'Budget Amount')?.required).toBe(false);
    expect(findField(m, 'Revenue')).toMatchObject({ empty: false, value: 'false' });
    expect(findField(m, 'Competitor')).toMatchObject({ visible: false, empty: true });
  });

  it('HubSpot: the highlight strip repeats properties: each counts once, the editable one', async () => {
    const m = await read('https://app-eu1.hubspot.com/contacts/7654321/record/0-3/123456789', 'hubspot/deal-traps.html');
    expect(m.fields.map((f) => f.apiName)).toEqual(['dealname', 'amount', 'closedate', 'hs_next_step', 'dealtype', 'renewal_flag', 'description']);
    expect(findField(m, 'amount')).toMatchObject({ section: 'About this deal', empty: true });
    expect(findField(m, 'amount')?.control?.localName).toBe('input');
    expect(findField(m, 'Renewal')).toMatchObject({ empty: false, value: 'false' });
    expect(findField(m, 'Deal type')?.empty).toBe(true); // "--"
  });
});
