// HubSpot, Dynamics 365, Zoho CRM, Pipedrive and pack `sites` adapters against their fixtures.
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, loadFixture, typeInto, type Loaded } from './fixture';
import { hubspotAdapter, parseHubSpotUrl } from '@/utils/crm/hubspot';
import { dynamicsAdapter, parseDynamicsUrl, requiredFromLevel } from '@/utils/crm/dynamics';
import { parseZohoUrl, zohoAdapter } from '@/utils/crm/zoho';
import { parsePipedriveUrl, pipedriveAdapter } from '@/utils/crm/pipedrive';
import { siteAdapter } from '@/utils/crm/sites';
import { BUILTIN_ADAPTERS, adapterFor, readPage } from '@/utils/crm';
import { findField } from '@/utils/crm/targets';
import type { SiteDefinition } from '@/utils/packs/types';
import { validatePack } from '@/utils/packs/validate';
import { packEmptyTexts } from '@/utils/crm/empty-texts';

const ctx = { salt: 'salt-2' };
const PACK = { format: 'crm-coach/pack@1', id: 'reading-test', version: '1.0.0', title: 'Reading' };
let l: Loaded | null = null;
afterEach(async () => {
  await l?.close();
  l = null;
});
const tick = () => new Promise((r) => setTimeout(r, 5));
const ACME: SiteDefinition = JSON.parse(readFileSync(join(FIXTURES, 'sites/acme-site.json'), 'utf8'));

describe('HubSpot', () => {
  const DEAL = 'https://app.hubspot.com/contacts/1234567/record/0-3/987654';

  it('maps object type ids and URL shapes', () => {
    expect(parseHubSpotUrl(new URL(DEAL))).toEqual({ page: 'record', typeId: '0-3', recordId: '987654' });
    expect(parseHubSpotUrl(new URL('https://app-eu1.hubspot.com/contacts/1/record/0-5/77')).typeId).toBe('0-5');
    expect(parseHubSpotUrl(new URL('https://app.hubspot.com/contacts/1/company/55')).typeId).toBe('0-2');
    expect(parseHubSpotUrl(new URL('https://app.hubspot.com/contacts/1/objects/0-3/views/all/list')).page).toBe('list');
    expect(hubspotAdapter.matches(new URL('https://app-eu1.hubspot.com/contacts/1/record/0-1/2'))).toBe(true);
    expect(hubspotAdapter.matches(new URL('https://blog.hubspot.com/sales'))).toBe(false);
  });

  it('reads properties by data-selenium-test (class names are random on every load)', async () => {
    l = await loadFixture('hubspot/record.html', DEAL);
    const m = hubspotAdapter.read(l.doc, l.url(), ctx);
    expect(m.object).toEqual({ label: 'Deal', apiName: '0-3' });
    expect(findField(m, 'dealstage')).toMatchObject({ label: 'Deal stage', value: 'Presentation scheduled', empty: false, required: true });
    expect(findField(m, 'Deal type')).toMatchObject({ empty: true, value: '' }); // "--"
    const forecast = findField(m, 'Forecast category')!;
    expect(forecast.visible).toBe(false); // collapsed card
    expect(forecast.section).toBe('Deal details');
    typeInto(l, findField(m, 'Amount')!.control, '12000');
    expect(findField(hubspotAdapter.read(l.doc, l.url(), ctx), 'amount')?.empty).toBe(false);
  });

  it('follows SPA navigation from the deal to its contact without reading the hidden deal', async () => {
    l = await loadFixture('hubspot/record.html', DEAL);
    (l.doc.querySelector('a[data-selenium-test=association-link]') as HTMLElement).click();
    const m = hubspotAdapter.read(l.doc, l.url(), ctx);
    expect(m.object?.label).toBe('Contact');
    expect(m.fields.map((f) => f.apiName)).not.toContain('dealname');
    expect(findField(m, 'email')?.required).toBe(true);
  });
});

describe('Dynamics 365', () => {
  const REC = 'https://org123.crm.dynamics.com/main.aspx?appid=3a5b7c9d-1e2f-4a6b-8c0d-1e2f3a4b5c6d&pagetype=entityrecord&etn=opportunity&id=8f2c4e6a-0b1d-4f3e-9a7c-5d6e7f8a9b0c';

  it('reads entity, page kind and record id from the URL', () => {
    expect(parseDynamicsUrl(new URL(REC))).toEqual({ page: 'record', entity: 'opportunity', recordId: '8f2c4e6a-0b1d-4f3e-9a7c-5d6e7f8a9b0c' });
    expect(parseDynamicsUrl(new URL('https://o.crm4.dynamics.com/main.aspx?pagetype=entityrecord&etn=lead')).page).toBe('new');
    expect(parseDynamicsUrl(new URL('https://o.crm.dynamics.com/main.aspx?appid=1&pagetype=entitylist&etn=account')).page).toBe('list');
    expect(parseDynamicsUrl(new URL('https://o.crm.dynamics.com/main.aspx#pagetype=entityrecord&etn=contact&id={ABC}'))).toEqual({ page: 'record', entity: 'contact', recordId: 'abc' });
  });

  it('treats requirement levels 1 and 2 as required and 3 (recommended) as not', () => {
    expect(['0', '1', '2', '3', null].map(requiredFromLevel)).toEqual([false, true, true, false, false]);
  });

  it('reads the form: lookups, option sets, hidden tabs, typing', async () => {
    l = await loadFixture('dynamics/opportunity.html', REC);
    let m = dynamicsAdapter.read(l.doc, l.url(), ctx);
    expect(findField(m, 'parentaccountid')).toMatchObject({ label: 'Account', value: 'Acme Corporation', empty: false });
    expect(findField(m, 'Purchase Timeframe')).toMatchObject({ empty: true, value: '' }); // "---"
    expect(findField(m, 'Budget Amount')).toMatchObject({ required: false, empty: true }); // recommended
    expect(findField(m, 'Price List')).toMatchObject({ visible: false, required: true, section: 'Pricing' });
    (l.doc.querySelector('[data-id="tablist-Product_Line_Items"]') as HTMLElement).click();
    m = dynamicsAdapter.read(l.doc, l.url(), ctx);
    expect(findField(m, 'Price List')?.visible).toBe(true);
    expect(findField(m, 'Topic')?.visible).toBe(false);
    typeInto(l, findField(m, 'Price List')!.control, 'Retail 2025');
    expect(findField(dynamicsAdapter.read(l.doc, l.url(), ctx), 'pricelevelid')?.empty).toBe(false);
  });

  it('follows navigation to the account and ignores the hidden opportunity form', async () => {
    l = await loadFixture('dynamics/opportunity.html', REC);
    (l.doc.querySelector('[data-id*="parentaccountid_selected_tag_text"]') as HTMLElement).click();
    const m = dynamicsAdapter.read(l.doc, l.url(), ctx);
    expect(m.object).toEqual({ label: 'Account', apiName: 'account' });
    expect(m.fields.map((f) => f.label)).toEqual(['Account Name', 'Phone', 'Website', 'Email', 'Industry']);
  });
});

describe('Zoho CRM', () => {
  const DEAL = 'https://crm.zoho.com/crm/org123456/tab/Potentials/4000000012345';

  it('parses module URLs in every data centre', () => {
    expect(parseZohoUrl(new URL(DEAL))).toEqual({ page: 'record', module: 'Potentials', recordId: '4000000012345' });
    expect(parseZohoUrl(new URL('https://crm.zoho.eu/crm/org1/tab/Leads/create')).page).toBe('new');
    expect(parseZohoUrl(new URL('https://crm.zoho.in/crm/org1/tab/Leads/55/edit')).page).toBe('edit');
    expect(parseZohoUrl(new URL('https://crm.zoho.com/crm/org1/tab/Contacts/custom-view/4/list')).page).toBe('list');
    for (const h of ['crm.zoho.com', 'crm.zoho.eu', 'crm.zoho.com.au', 'crm.zoho.com.cn', 'crm.zoho.jp', 'crm.zohocloud.ca']) {
      expect(zohoAdapter.matches(new URL(`https://${h}/crm/tab/Leads/1`))).toBe(true);
    }
    expect(zohoAdapter.matches(new URL('https://mail.zoho.com/'))).toBe(false);
  });

  it('detail view: #mouseArea__ rows, each field once (business card, title card, stale view and related lists are not fields)', async () => {
    l = await loadFixture('zoho/deal.html', DEAL);
    const m = zohoAdapter.read(l.doc, l.url(), ctx);
    expect(m.fields.map((f) => f.apiName)).toEqual([
      'SMOWNERID', 'POTENTIALNAME', 'ACCOUNTID', 'CONTACTID', 'AMOUNT', 'CLOSINGDATE', 'STAGE',
      'POTENTIALTYPE', 'NEXTSTEP', 'LEADSOURCE', 'PROBABILITY', 'CONTACTEMAIL', 'POTENTIALCF1', 'POTENTIALCF2', 'DESCRIPTION',
    ]);
    // The live view's values, never the stale view's or the related list's.
    expect(findField(m, 'Amount')).toMatchObject({ empty: true, value: '' }); // "—"
    expect(findField(m, 'Type')).toMatchObject({ empty: true }); // "-None-"
    expect(findField(m, 'Next Step')).toMatchObject({ empty: true }); // nothing
    expect(findField(m, 'Account Name')?.value).toBe('Acme Corporation'); // a lookup link
    expect(findField(m, 'Follow Up')).toMatchObject({ empty: false, value: 'false' }); // unchecked is a value
    expect(findField(m, 'Description')).toMatchObject({ visible: false, empty: true, section: 'Description Information' });
    // Assistive text of the edit pencil ("Edit Amount") is not a value.
    expect(m.fields.some((f) => /Edit/.test(f.value))).toBe(false);
  });

  it('detail view: inline edit gives the field a control; typing fills it', async () => {
    l = await loadFixture('zoho/deal.html', DEAL);
    const row = l.doc.querySelector('#crm-detailview #mouseArea__NEXTSTEP')!;
    (row.querySelector('.dvEditIcon') as HTMLElement).click();
    const m = zohoAdapter.read(l.doc, l.url(), ctx);
    const next = findField(m, 'NEXTSTEP')!;
    expect(next.control?.localName).toBe('input');
    expect(next.empty).toBe(true);
    typeInto(l, next.control, 'Call Jane');
    expect(findField(zohoAdapter.read(l.doc, l.url(), ctx), 'Next Step')?.empty).toBe(false);
  });

  it('edit view: crux-create-field rows by data-cy, mandatory marks, and the hidden detail view under it ignored', async () => {
    l = await loadFixture('zoho/deal.html', `${DEAL}/edit`);
    const m = zohoAdapter.read(l.doc, l.url(), ctx);
    expect(m.page).toBe('edit');
    expect(findField(m, 'Deal_Name')).toMatchObject({ label: 'Deal Name', required: true, empty: false });
    expect(findField(m, 'Amount')?.control?.id).toBe('cxInput_Crm_Potentials_AMOUNT');
    expect(findField(m, 'Type')).toMatchObject({ empty: true, required: false });
    expect(findField(m, 'Description')).toMatchObject({ visible: true, empty: true });
    expect(m.fields).toHaveLength(15);
    // The label text never carries the mandatory star.
    expect(m.fields.every((f) => !f.label.includes('*'))).toBe(true);
  });

  it('keeps API names when the UI language is zh-CN', async () => {
    l = await loadFixture('zoho/deal.html', 'https://crm.zoho.com.cn/crm/org654321/tab/Potentials/4000000054321');
    const m = zohoAdapter.read(l.doc, l.url(), ctx);
    expect(findField(m, 'POTENTIALNAME')?.label).toBe('商机名称');
    expect(findField(m, 'POTENTIALTYPE')).toMatchObject({ label: '类型', empty: true }); // "-无-"
  });

  it('create page: picklist defaults count as values', async () => {
    l = await loadFixture('zoho/deal.html', 'https://crm.zoho.com/crm/org123456/tab/Potentials/create');
    const m = zohoAdapter.read(l.doc, l.url(), ctx);
    expect(m.page).toBe('new');
    expect(findField(m, 'Stage')).toMatchObject({ empty: false, value: 'Qualification' });
    expect(findField(m, 'Type')?.empty).toBe(true);
  });

  it('empty placeholders are a default a pack replaces (crms.zoho.emptyText)', async () => {
    l = await loadFixture('zoho/deal.html', DEAL);
    // The default: the org's own picklist option "Not set" is a value like any other.
    expect(findField(zohoAdapter.read(l.doc, l.url(), ctx), 'Region')).toMatchObject({ empty: false, value: 'Not set' });
    const pack = validatePack({ ...PACK, crms: { zoho: { emptyText: ['-None-', '—', 'not set'] } } });
    if (!pack.ok) throw new Error(pack.errors.join('; '));
    let m = zohoAdapter.read(l.doc, l.url(), { ...ctx, emptyTexts: packEmptyTexts([pack.pack]) });
    expect(findField(m, 'Region')).toMatchObject({ empty: true, value: '' }); // any case, trimmed
    expect(findField(m, 'Amount')?.empty).toBe(true); // "—", kept in the pack's list
    expect(findField(m, 'Type')?.empty).toBe(true); // "-None-"
    expect(findField(m, 'Stage')?.empty).toBe(false);
    // The list replaces the default: on an org where "—" is a real value ("not applicable",
    // entered on purpose) and "n/a" means nothing, "—" and "-None-" are values. Nothing shown is
    // always empty.
    m = zohoAdapter.read(l.doc, l.url(), { ...ctx, emptyTexts: { zoho: ['n/a'] } });
    expect(findField(m, 'Amount')).toMatchObject({ empty: false, value: '—' });
    expect(findField(m, 'Type')?.empty).toBe(false);
    expect(findField(m, 'Next Step')?.empty).toBe(true);
    // Another CRM's list changes nothing here.
    m = zohoAdapter.read(l.doc, l.url(), { ...ctx, emptyTexts: { pipedrive: ['Not set'] } });
    expect(findField(m, 'Region')?.empty).toBe(false);
    expect(findField(m, 'Amount')?.empty).toBe(true);
  });
});

describe('Pipedrive', () => {
  it('parses URLs', () => {
    expect(parsePipedriveUrl(new URL('https://acme.pipedrive.com/deal/42'))).toEqual({ page: 'record', object: 'deal', recordId: '42' });
    expect(parsePipedriveUrl(new URL('https://app.pipedrive.com/organization/9')).object).toBe('organization');
    expect(parsePipedriveUrl(new URL('https://app.pipedrive.com/pipeline/1')).page).toBe('list');
  });

  it('reads rows around [data-testid=field-name] in the live view only', async () => {
    l = await loadFixture('pipedrive/deal.html', 'https://acme.pipedrive.com/deal/42');
    const m = pipedriveAdapter.read(l.doc, l.url(), ctx);
    expect(m.page).toBe('record');
    // The stale view of another deal ("Send quote", "$9,000") and the changelog are not read.
    expect(findField(m, 'Next step')).toMatchObject({ empty: true, value: '' });
    expect(findField(m, 'Value')).toMatchObject({ empty: true });
    expect(m.fields.filter((f) => f.label === 'Value')).toHaveLength(1);
    expect(m.fields.filter((f) => f.label === 'Name').map((f) => f.section)).toEqual(['Person', 'Organization']);
    expect(findField(m, 'Campaign')).toMatchObject({ visible: false, empty: true, section: 'Details' });
    // The Edit buttons' assistive text ("Edit Value") is never a value.
    expect(m.fields.some((f) => /Edit/.test(f.value))).toBe(false);
    expect(findField(m, 'Probability')?.value).toBe('60');
  });

  it('inline editor: the page is in edit, typing fills the field, Save shows the value', async () => {
    l = await loadFixture('pipedrive/deal.html', 'https://acme.pipedrive.com/deal/42');
    let m = pipedriveAdapter.read(l.doc, l.url(), ctx);
    (findField(m, 'Next step')!.element.querySelector('button[aria-label=Edit]') as HTMLElement).click();
    m = pipedriveAdapter.read(l.doc, l.url(), ctx);
    expect(m.page).toBe('edit');
    const next = findField(m, 'Next step')!;
    expect(next.control?.localName).toBe('input');
    typeInto(l, next.control, 'Send the quote');
    expect(findField(pipedriveAdapter.read(l.doc, l.url(), ctx), 'Next step')?.empty).toBe(false);
    const save = [...next.element.querySelectorAll('button')].find((b) => b.textContent === 'Save') as HTMLElement;
    save.click();
    m = pipedriveAdapter.read(l.doc, l.url(), ctx);
    expect(m.page).toBe('record');
    expect(findField(m, 'Next step')).toMatchObject({ empty: false, value: 'Send the quote' });
  });

  it('empty placeholders are a default a pack replaces (crms.pipedrive.emptyText)', async () => {
    l = await loadFixture('pipedrive/deal.html', 'https://acme.pipedrive.com/deal/42');
    expect(findField(pipedriveAdapter.read(l.doc, l.url(), ctx), 'Next step')?.empty).toBe(true); // "-"
    // The pack's list replaces the default: without "-" in it, "-" is a value, and what it lists
    // (here a text this fixture shows as the owner) is empty.
    const m = pipedriveAdapter.read(l.doc, l.url(), { ...ctx, emptyTexts: { pipedrive: ['Alex Rivera'] } });
    expect(findField(m, 'Next step')).toMatchObject({ empty: false, value: '-' });
    expect(findField(m, 'Owner')).toMatchObject({ empty: true, value: '' });
    expect(findField(m, 'Probability')?.empty).toBe(false);
  });

  it('follows navigation to the person (the deal view stays, hidden)', async () => {
    l = await loadFixture('pipedrive/deal.html', 'https://acme.pipedrive.com/deal/42');
    (l.doc.querySelector('a[href="/person/7"]') as HTMLElement).click();
    const m = pipedriveAdapter.read(l.doc, l.url(), ctx);
    expect(m.object?.label).toBe('Person');
    expect(m.fields.map((f) => f.label)).toEqual(['Name', 'Email', 'Phone', 'Organization']);
  });
});

describe('pack sites', () => {
  const REC = 'https://crm.acme.example/records/Opportunity/42';

  it('is chosen only for its match patterns, after the built-in CRMs', () => {
    expect(adapterFor(new URL(REC))).toBeNull();
    expect(adapterFor(new URL(REC), [ACME])?.id).toBe('acme-crm');
    expect(adapterFor(new URL('https://crm.acme.example.evil.test/records/Opportunity/42'), [ACME])).toBeNull();
    expect(adapterFor(new URL('https://acme.pipedrive.com/deal/1'), [{ ...ACME, match: ['https://*.pipedrive.com/*'] }])?.id).toBe('pipedrive');
  });

  it('reads fields, contenteditable, a closed <details>, same label in two sections', async () => {
    l = await loadFixture('sites/acme-crm.html', REC);
    let m = readPage(l.doc, l.url(), ctx, [ACME])!;
    expect(m.object).toEqual({ label: 'Opportunity', apiName: 'Opportunity' });
    expect(m.fields.filter((f) => f.label === 'Phone').map((f) => [f.section, f.empty])).toEqual([['Primary contact', false], ['Billing contact', true]]);
    expect(findField(m, 'Region')?.visible).toBe(false);
    expect(findField(m, 'Stage')?.value).toBe('Proposal');
    const notes = findField(m, 'notes')!;
    expect(notes.empty).toBe(true);
    notes.control!.textContent = 'Met Jane at the expo';
    m = readPage(l.doc, l.url(), ctx, [ACME])!;
    expect(findField(m, 'Notes')?.empty).toBe(false);
    // Placeholders never count as values; an empty select option is empty.
    const stage = findField(m, 'stage')!.control as HTMLSelectElement;
    stage.value = '';
    expect(findField(readPage(l.doc, l.url(), ctx, [ACME])!, 'Stage')?.empty).toBe(true);
  });

  it('uses an object selector when the site gives one', async () => {
    l = await loadFixture('sites/acme-crm.html', REC);
    const site = { ...ACME, object: { selector: 'h1 .record-type', names: ['Contact', 'opportunity'] } };
    expect(siteAdapter(site).read(l.doc, l.url(), ctx).object?.label).toBe('opportunity');
  });

  it('never reports page text outside the declared object names (record names stay on the page)', async () => {
    l = await loadFixture('sites/acme-crm.html', REC);
    // The h1 holds the record's name: "Opportunity Acme - 200 Widgets".
    const site = { ...ACME, object: { selector: 'main h1, h1', names: ['Opportunity', 'Contact'] } };
    expect(siteAdapter(site).read(l.doc, l.url(), ctx).object).toBeNull();
  });

  it('keeps a URL group only when it looks like a type name, or is declared', async () => {
    l = await loadFixture('sites/acme-crm.html', REC);
    const byId = { ...ACME, object: { urlPattern: '/records/[A-Za-z]+/(?<object>[^/]+)' } };
    expect(siteAdapter(byId).read(l.doc, l.url(), ctx).object).toBeNull();
    const declared = { ...ACME, object: { urlPattern: '/records/(?<object>[^/]+)/', names: ['Opportunity'] } };
    expect(siteAdapter(declared).read(l.doc, l.url(), ctx).object?.label).toBe('Opportunity');
  });

  it('never throws on broken site definitions', async () => {
    l = await loadFixture('sites/acme-crm.html', REC);
    const broken: SiteDefinition = {
      id: 'broken', name: 'Broken', match: ['not a pattern', 'https://crm.acme.example/*'],
      object: { urlPattern: '([' }, page: { record: '(?<', new: '[' },
      field: { container: '::nope', label: '>>', input: '[', required: ')' },
    };
    const a = siteAdapter(broken);
    expect(a.matches(new URL(REC))).toBe(true);
    const m = a.read(l.doc, l.url(), ctx);
    expect(m.fields).toEqual([]);
    expect(m.object).toBeNull();
  });
});

describe('markup missing', () => {
  const urls: Record<string, string> = {
    salesforce: 'https://acme.lightning.force.com/lightning/r/Opportunity/006Dn000004AbCdIAK/view',
    hubspot: 'https://app.hubspot.com/contacts/1234567/record/0-3/987654',
    dynamics: 'https://org123.crm.dynamics.com/main.aspx?pagetype=entityrecord&etn=opportunity&id=1',
    zoho: 'https://crm.zoho.com/crm/org1/tab/Potentials/4000000012345',
    pipedrive: 'https://acme.pipedrive.com/deal/42',
  };

  for (const a of BUILTIN_ADAPTERS) {
    it(`${a.id}: an unrelated page gives an empty model; a hostile document never throws`, async () => {
      const url = new URL(urls[a.id]);
      const doc = document.implementation.createHTMLDocument('x');
      const p = doc.createElement('p');
      p.textContent = 'Loading…';
      doc.body.append(p);
      const m = a.read(doc, url, ctx);
      expect(m.crm).toBe(a.id);
      expect(m.fields).toEqual([]);
      const hostile = new Proxy(doc, {
        get(target, prop) {
          if (prop === 'querySelectorAll' || prop === 'querySelector') throw new Error('boom');
          const v = Reflect.get(target, prop);
          return typeof v === 'function' ? v.bind(target) : v;
        },
      });
      expect(() => a.read(hostile, url, ctx)).not.toThrow();
      expect(a.read(hostile, url, ctx).fields).toEqual([]);
      await tick();
    });
  }
});
