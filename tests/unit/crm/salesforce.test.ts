import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { FIXTURES, loadFixture, typeInto, type Loaded } from './fixture';
import { parseClassicUrl, parseLightningUrl, salesforceAdapter } from '@/utils/crm/salesforce';
import { deepQuery, deepQueryAll } from '@/utils/crm/dom';
import { recordKeyOf } from '@/utils/crm/hash';
import { findField } from '@/utils/crm/targets';
import type { PageModel } from '@/utils/crm/types';

const VIEW = 'https://acme.lightning.force.com/lightning/r/Opportunity/006Dn000004AbCdIAK/view';
const ctx = { salt: 'salt-1' };
let l: Loaded | null = null;
afterEach(async () => {
  await l?.close();
  l = null;
});

const read = (x: Loaded): PageModel => salesforceAdapter.read(x.doc, x.url(), ctx);
const labels = (m: PageModel) => m.fields.map((f) => f.label);
const sf = (x: Loaded) => (x.window as unknown as { sfFixture: { navigate(p: string): void } }).sfFixture;

describe('Salesforce URLs', () => {
  it('parses Lightning record, edit, new, list and home URLs', () => {
    expect(parseLightningUrl(new URL(VIEW))).toEqual({ page: 'record', objectApi: 'Opportunity', recordId: '006Dn000004AbCdIAK' });
    expect(parseLightningUrl(new URL('https://x.lightning.force.com/lightning/r/Opportunity/006Dn000004AbCdIAK/edit'))?.page).toBe('edit');
    expect(parseLightningUrl(new URL('https://x.lightning.force.com/lightning/o/Lead/new?count=1'))).toEqual({ page: 'new', objectApi: 'Lead', recordId: null });
    expect(parseLightningUrl(new URL('https://x.lightning.force.com/lightning/o/Invoice__c/list?filterName=Recent'))).toEqual({ page: 'list', objectApi: 'Invoice__c', recordId: null });
    expect(parseLightningUrl(new URL('https://x.lightning.force.com/lightning/page/home'))?.page).toBe('home');
    // Object from the id's key prefix when the URL leaves it out.
    expect(parseLightningUrl(new URL('https://x.lightning.force.com/lightning/r/003Dn00000JaNeDIAQ/view'))?.objectApi).toBe('Contact');
    expect(parseLightningUrl(new URL('https://x.my.salesforce.com/006Dn000004AbCd'))).toBeNull();
  });

  it('parses Classic detail, edit, new and list URLs', () => {
    expect(parseClassicUrl(new URL('https://x.my.salesforce.com/006Dn000004AbCd'))).toEqual({ page: 'record', objectApi: 'Opportunity', recordId: '006Dn000004AbCd' });
    expect(parseClassicUrl(new URL('https://x.my.salesforce.com/006Dn000004AbCd/e'))?.page).toBe('edit');
    expect(parseClassicUrl(new URL('https://x.my.salesforce.com/006/e'))?.page).toBe('new');
    expect(parseClassicUrl(new URL('https://x.my.salesforce.com/001/o'))).toEqual({ page: 'list', objectApi: 'Account', recordId: null });
  });

  it('handles Salesforce hosts only', () => {
    expect(salesforceAdapter.matches(new URL(VIEW))).toBe(true);
    expect(salesforceAdapter.matches(new URL('https://acme.my.salesforce.com/006Dn000004AbCd'))).toBe(true);
    expect(salesforceAdapter.matches(new URL('https://force.com.evil.example/lightning/r/Opportunity/006Dn000004AbCdIAK/view'))).toBe(false);
    expect(salesforceAdapter.matches(new URL('http://acme.lightning.force.com/'))).toBe(false);
  });
});

describe('Salesforce Lightning record page (native shadow DOM)', () => {
  it('reads API names from data-target-selection-name and sections from the layout', async () => {
    l = await loadFixture('salesforce/opportunity.html', VIEW);
    const m = read(l);
    const next = m.fields.filter((f) => f.label === 'Next Step');
    // Same label in two sections, told apart by API name and section.
    expect(next.map((f) => [f.apiName, f.section])).toEqual([
      ['NextStep', 'Opportunity Information'],
      ['Renewal_Next_Step__c', 'Renewal'],
    ]);
    expect(findField(m, 'next step')?.apiName).toBe('NextStep');
    expect(findField(m, 'Renewal_Next_Step__c')?.section).toBe('Renewal');
    expect(m.recordKey).toBe(recordKeyOf('006Dn000004AbCd', ctx.salt));
    expect(m.recordKey).not.toContain('006Dn');
  });

  it('reports a field in a collapsed section as not visible, and visible once expanded', async () => {
    l = await loadFixture('salesforce/opportunity.html', VIEW);
    let desc = findField(read(l), 'Description')!;
    expect(desc.visible).toBe(false);
    expect(desc.empty).toBe(true);
    const toggle = deepQueryAll(l.doc, 'button.slds-section__title-action').find((b) => b.textContent?.includes('Description Information') && b.getAttribute('aria-expanded') === 'false');
    (toggle as HTMLElement).click();
    desc = findField(read(l), 'Description')!;
    expect(desc.visible).toBe(true);
  });

  it('ignores the stale hidden page left in the DOM and follows pushState navigation', async () => {
    l = await loadFixture('salesforce/opportunity.html', VIEW);
    // The stale Contact page (with jane.doe@example.com) is in the DOM from the start.
    expect(deepQueryAll(l.doc, '[data-target-selection-name^="sfdc:RecordField.Contact."]').length).toBeGreaterThan(0);
    let m = read(l);
    expect(m.fields.every((f) => !f.element.getAttribute('data-target-selection-name')?.includes('.Contact.'))).toBe(true);
    expect(labels(m)).not.toContain('Email');

    const link = deepQueryAll(l.doc, 'a[data-nav=account]')[0] as HTMLElement;
    link.click();
    expect(l.url().pathname).toBe('/lightning/r/Account/001Dn00000AcMeXIAS/view');
    m = read(l);
    expect(m.object).toEqual({ label: 'Account', apiName: 'Account' });
    expect(labels(m)).toContain('Website');
    expect(labels(m)).not.toContain('Opportunity Name'); // the Opportunity page is now the stale one
    expect(l.doc.querySelectorAll('.oneContent').length).toBe(3);

    l.window.history.back();
    await new Promise((r) => setTimeout(r, 10));
    await l.window.happyDOM.waitUntilComplete();
    m = read(l);
    expect(m.object?.apiName).toBe('Opportunity');
    expect(labels(m)).toContain('Opportunity Name');
  });

  it('switches to page "edit" on inline edit, with required markers, and sees typing', async () => {
    l = await loadFixture('salesforce/opportunity.html', VIEW);
    expect(read(l).page).toBe('record');
    const pencil = deepQuery(l.doc, 'button.test-id__inline-edit-trigger[title="Edit Amount"]') as HTMLElement;
    pencil.click();
    let m = read(l);
    expect(m.page).toBe('edit');
    expect(m.fields.filter((f) => f.required).map((f) => f.label)).toEqual(['Opportunity Name', 'Close Date', 'Stage']);
    const amount = findField(m, 'Amount')!;
    expect(amount.empty).toBe(true);
    expect(amount.control?.localName).toBe('input');
    typeInto(l, amount.control, '25000');
    m = read(l);
    expect(findField(m, 'Amount')).toMatchObject({ empty: false, value: '25000' });
    // Picklists: the chosen option's text; "--None--" is empty.
    expect(findField(m, 'Stage')).toMatchObject({ empty: false, value: 'Proposal/Price Quote' });
    expect(findField(m, 'Type')?.empty).toBe(true);
    // Save renders view mode again with the new value.
    (deepQuery(l.doc, 'button[name=SaveEdit]') as HTMLElement).click();
    m = read(l);
    expect(m.page).toBe('record');
    expect(findField(m, 'Amount')).toMatchObject({ empty: false, value: '25000' });
  });

  it('reads only the modal on the new page, and the record again after cancel', async () => {
    l = await loadFixture('salesforce/opportunity.html', VIEW);
    sf(l).navigate('/lightning/o/Opportunity/new');
    let m = read(l);
    expect(m.page).toBe('new');
    expect(m.recordKey).toBeNull();
    expect(labels(m)).not.toContain('Renewal Date'); // the record behind is not read
    const name = findField(m, 'Opportunity Name')!;
    expect(name.required && name.empty).toBe(true);
    typeInto(l, name.control, 'Globex - 50 Gadgets');
    expect(findField(read(l), 'Opportunity Name')?.empty).toBe(false);
    (deepQuery(l.doc, 'section[role=dialog] button[name=CancelEdit]') as HTMLElement).click();
    await new Promise((r) => setTimeout(r, 10));
    m = read(l);
    expect(m.page).toBe('record');
    expect(labels(m)).toContain('Renewal Date');
  });

  it('reports list and home pages without fields', async () => {
    l = await loadFixture('salesforce/opportunity.html', VIEW);
    sf(l).navigate('/lightning/o/Opportunity/list');
    let m = read(l);
    expect([m.page, m.object?.apiName, m.fields.length, m.recordKey]).toEqual(['list', 'Opportunity', 0, null]);
    sf(l).navigate('/lightning/page/home');
    m = read(l);
    expect([m.page, m.object, m.fields.length]).toEqual(['home', null, 0]);
  });

  it('grows the model as a page renders late (mid-render)', async () => {
    const html = readFileSync(join(FIXTURES, 'salesforce/opportunity.html'), 'utf8').replace('"lang":"en"}', '"lang":"en","renderDelayMs":30}');
    const w = new Window({ url: VIEW, settings: { enableJavaScriptEvaluation: true, suppressInsecureJavaScriptEnvironmentWarning: true } });
    try {
      w.document.write(html);
      const doc = w.document as unknown as Document;
      const before = salesforceAdapter.read(doc, new URL(VIEW), ctx);
      expect(before.fields).toEqual([]); // only the hidden stale page exists yet
      await w.happyDOM.waitUntilComplete();
      const after = salesforceAdapter.read(doc, new URL(VIEW), ctx);
      expect(after.fields.length).toBeGreaterThan(10);
    } finally {
      await w.happyDOM.close();
    }
  });
});

describe('Salesforce variants', () => {
  it('reads synthetic shadow (light DOM) the same way as native shadow', async () => {
    l = await loadFixture('salesforce/opportunity.html', VIEW);
    const native = read(l).fields.map((f) => [f.label, f.apiName, f.empty, f.visible]);
    await l.close();
    const url = VIEW.replace('acme.', 'legacy.');
    l = await loadFixture('salesforce/opportunity-synthetic.html', url);
    expect(l.doc.querySelector('records-record-layout-item')).not.toBeNull(); // light DOM
    expect(read(l).fields.map((f) => [f.label, f.apiName, f.empty, f.visible])).toEqual(native);
  });

  it('keeps API names when the UI is in zh-CN', async () => {
    l = await loadFixture('salesforce/opportunity-zh.html', VIEW.replace('acme.', 'acme-cn.'));
    const m = read(l);
    expect(m.object).toEqual({ label: '业务机会', apiName: 'Opportunity' });
    expect(findField(m, 'NextStep')?.label).toBe('下一步');
    expect(findField(m, 'Amount')).toMatchObject({ label: '金额', empty: true });
  });

  it('reaches closed shadow roots through ctx.shadowRootOf', () => {
    const doc = document.implementation.createHTMLDocument('closed');
    const closed = new Map<Element, ShadowRoot>();
    const page = doc.createElement('div');
    page.className = 'oneContent active';
    const layout = doc.createElement('records-lwc-record-layout');
    const root = layout.attachShadow({ mode: 'closed' });
    closed.set(layout, root);
    const item = doc.createElement('records-record-layout-item');
    item.setAttribute('field-label', 'Next Step');
    item.setAttribute('data-target-selection-name', 'sfdc:RecordField.Opportunity.NextStep');
    const input = doc.createElement('input');
    item.append(doc.createElement('records-record-layout-base-input'), input);
    root.append(item);
    page.append(layout);
    doc.body.append(page);
    const url = new URL(VIEW);
    expect(salesforceAdapter.read(doc, url, ctx).fields).toEqual([]);
    const m = salesforceAdapter.read(doc, url, { ...ctx, shadowRootOf: (el) => closed.get(el) ?? null });
    expect(m.fields.map((f) => f.apiName)).toEqual(['NextStep']);
    expect(m.page).toBe('edit');
  });

  it('reads a Classic detail page', () => {
    const doc = document.implementation.createHTMLDocument('classic');
    const h1 = doc.createElement('h1');
    h1.className = 'pageType';
    h1.textContent = 'Opportunity';
    const table = doc.createElement('table');
    table.className = 'detailList';
    const rows: [string, string][] = [['Opportunity Name', 'Acme - 200 Widgets'], ['Next Step', '\u00a0'], ['Amount', '$1,000.00']];
    for (const [label, value] of rows) {
      const tr = doc.createElement('tr');
      const th = doc.createElement('td');
      th.className = 'labelCol';
      th.textContent = label;
      const td = doc.createElement('td');
      td.className = 'dataCol';
      td.textContent = value;
      tr.append(th, td);
      table.append(tr);
    }
    doc.body.append(h1, table);
    const m = salesforceAdapter.read(doc, new URL('https://acme.my.salesforce.com/006Dn000004AbCd'), ctx);
    expect(m.object).toEqual({ label: 'Opportunity', apiName: 'Opportunity' });
    expect(m.page).toBe('record');
    expect(m.fields.map((f) => [f.label, f.empty])).toEqual([['Opportunity Name', false], ['Next Step', true], ['Amount', false]]);
    // Same record as in Lightning (15- vs 18-character id).
    expect(m.recordKey).toBe(recordKeyOf('006Dn000004AbCd', ctx.salt));
  });
});
