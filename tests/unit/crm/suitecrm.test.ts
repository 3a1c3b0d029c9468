// The SuiteCRM 7 reader and the generic `sites` reader against pages saved from a real SuiteCRM
// 7.14.6 (tests/fixtures/crm/suitecrm/, see the comment at the top of each file).
import { afterEach, describe, expect, it } from 'vitest';
import { loadFixture, typeInto, type Loaded } from './fixture';
import { parseSuiteCrmUrl, pageOfRoute, suiteCrmAdapter } from '@/utils/crm/suitecrm';
import { siteAdapter, urlParam } from '@/utils/crm/sites';
import { adapterFor, readPage } from '@/utils/crm';
import { syncSiteScripts, type SiteScriptApi } from '@/utils/crm/site-scripts';
import { coachTab, siteForUrl } from '@/utils/site-access';
import { findField } from '@/utils/crm/targets';
import { normaliseLabel } from '@/utils/crm/labels';
import { whenFailures } from '@/utils/coach/when';
import type { PageModel } from '@/utils/crm/types';
import type { Pack, SiteDefinition } from '@/utils/packs/types';

const ctx = { salt: 'salt-suite' };
const ID3 = '0a1b2c3d-0000-4000-8000-000000000003';
const ID4 = '0a1b2c3d-0000-4000-8000-000000000004';
const BASE = 'http://crm.acme.example/index.php';
const detailUrl = (id: string) => `${BASE}?module=Opportunities&action=DetailView&record=${id}`;
const ajaxUrl = (inner: string) => `${BASE}?action=ajaxui#ajaxUILoc=${encodeURIComponent(inner)}`;
const SITE: SiteDefinition = { id: 'acme-suite', name: 'Acme SuiteCRM', crm: 'suitecrm', match: ['*://crm.acme.example/*'] };

let l: Loaded | null = null;
afterEach(async () => {
  await l?.close();
  l = null;
});

/** happy-dom does not always select the option marked `selected` (a browser does): select it as a browser would. */
async function load(file: string, url: string): Promise<Loaded> {
  const loaded = await loadFixture(file, url);
  for (const s of Array.from(loaded.doc.querySelectorAll('select'))) {
    const marked = Array.from(s.options).findIndex((o) => o.hasAttribute('selected'));
    if (marked >= 0) s.selectedIndex = marked;
  }
  return loaded;
}

const visibleEmpty = (m: PageModel) => m.fields.filter((f) => f.visible && f.empty).map((f) => f.apiName);

describe('labels', () => {
  it.each([
    ['Expected Close Date:', 'Expected Close Date', false],
    ['Opportunity Name: *', 'Opportunity Name', true],
    ['Opportunity Amount: (USD $):', 'Opportunity Amount', false],
    ['Probability (%):', 'Probability (%)', false],
    ['* Stage', 'Stage', true],
    ['Name*:', 'Name', true],
    ['金额：', '金额', false],
    ['Ratio 1:2', 'Ratio 1:2', false],
  ])('%s -> %s', (text, label, marked) => {
    expect(normaliseLabel(text)).toEqual({ label, marked });
  });
});

describe('SuiteCRM URLs', () => {
  it('reads module, action and record from the query and from the ajaxUI hash', () => {
    expect(parseSuiteCrmUrl(new URL(detailUrl(ID3)))).toEqual({ module: 'Opportunities', action: 'DetailView', record: ID3, duplicate: false });
    const inHash = new URL(ajaxUrl(`index.php?module=Accounts&action=EditView&record=${ID4}&offset=1&stamp=17`));
    expect(parseSuiteCrmUrl(inHash)).toEqual({ module: 'Accounts', action: 'EditView', record: ID4, duplicate: false });
    expect(pageOfRoute(parseSuiteCrmUrl(inHash))).toBe('edit');
    expect(pageOfRoute(parseSuiteCrmUrl(new URL(`${BASE}?module=Opportunities&action=EditView`)))).toBe('new');
    expect(pageOfRoute(parseSuiteCrmUrl(new URL(`${BASE}?module=Opportunities&action=EditView&record=${ID3}&isDuplicate=true`)))).toBe('new');
    expect(pageOfRoute(parseSuiteCrmUrl(new URL(ajaxUrl('index.php?module=Opportunities&action=index'))))).toBe('list');
    expect(pageOfRoute(parseSuiteCrmUrl(new URL(`${BASE}?module=Home&action=index`)))).toBe('home');
  });

  it('finds a URL parameter in the query, a query-like hash, or a URL inside a hash parameter', () => {
    expect(urlParam(new URL(detailUrl(ID3)), 'record')).toBe(ID3);
    expect(urlParam(new URL('https://x.example/app#/deal?id=42'), 'id')).toBe(null);
    expect(urlParam(new URL('https://x.example/app#id=42&tab=1'), 'id')).toBe('42');
    expect(urlParam(new URL(ajaxUrl(`index.php?module=Opportunities&action=DetailView&record=${ID4}`)), 'record')).toBe(ID4);
  });

  it('is used only on the hosts its site entry names, and only with a site entry', () => {
    expect(adapterFor(new URL(detailUrl(ID3)))).toBeNull();
    expect(adapterFor(new URL(detailUrl(ID3)), [SITE])?.id).toBe('acme-suite');
    expect(adapterFor(new URL('http://other.example/index.php'), [SITE])).toBeNull();
  });
});

describe('a self-hosted site gets access like any pack site', () => {
  const local: SiteDefinition = { id: 'local-suite', name: 'Local SuiteCRM', crm: 'suitecrm', match: ['http://127.0.0.1/*'] };
  const packs: Pack[] = [{ format: 'crm-coach/pack@1', id: 'suite-pack', version: '1.0.0', title: 'S', sites: [local] }];

  it('a granted host gets the coach content script; the toolbar button injects it on one tab', async () => {
    const registered: { id: string; matches: string[] }[] = [];
    const api: SiteScriptApi = {
      contains: async (origins) => origins.every((o) => o === 'http://127.0.0.1/*'),
      getRegistered: async () => [],
      register: async (scripts) => void registered.push(...scripts.map((x) => ({ id: x.id, matches: x.matches }))),
      unregister: async () => {},
    };
    await syncSiteScripts(packs, api);
    expect(registered).toEqual([{ id: 'site-local-suite', matches: ['http://127.0.0.1/*'] }]);
    const url = `http://127.0.0.1:8080/index.php?action=ajaxui#ajaxUILoc=${encodeURIComponent('index.php?module=Opportunities&action=DetailView')}`;
    expect(siteForUrl(packs, url)?.id).toBe('local-suite');
    const injected: number[] = [];
    expect(await coachTab(packs, { tabId: 7, url }, { inject: async (tabId) => void injected.push(tabId) })).toEqual({ coached: true, site: 'Local SuiteCRM' });
    expect(injected).toEqual([7]);
  });
});

describe('SuiteCRM 7 reader on real pages', () => {
  it('detail view: object, page, API names from data-field, labels without colon or currency suffix, empties', async () => {
    l = await load('suitecrm/opportunity-detail.html', detailUrl(ID3));
    const m = readPage(l.doc, l.url(), ctx, [SITE])!;
    expect(m).toMatchObject({ crm: 'acme-suite', reader: 'suitecrm', object: { label: 'Opportunity', apiName: 'Opportunities' }, page: 'record' });
    expect(visibleEmpty(m)).toEqual(['amount', 'date_closed', 'next_step', 'campaign_name']);
    expect(m.fields.map((f) => f.label)).toEqual(expect.arrayContaining(['Opportunity Name', 'Opportunity Amount', 'Expected Close Date', 'Probability (%)', 'Campaign']));
    expect(findField(m, 'Sales Stage')).toMatchObject({ apiName: 'sales_stage', value: 'Needs Analysis', empty: false }); // hidden input + text
    expect(findField(m, 'account_name')).toMatchObject({ empty: false }); // relate with an id
    expect(findField(m, 'probability')?.value).toBe('25');
    expect(m.fields.every((f) => !f.required)).toBe(true); // the detail view marks nothing required
    expect(findField(m, 'date_entered')?.visible).toBe(false); // OTHER tab
  });

  it('record keys: salted hashes, one per record, the same from the URL, the ajaxUI hash or the form', async () => {
    l = await load('suitecrm/opportunity-detail.html', detailUrl(ID3));
    const direct = readPage(l.doc, l.url(), ctx, [SITE])!.recordKey!;
    expect(direct).toMatch(/^rk_/);
    expect(direct).not.toContain(ID3);
    const viaHash = readPage(l.doc, new URL(ajaxUrl(`index.php?module=Opportunities&action=DetailView&record=${ID3}`)), ctx, [SITE])!;
    expect(viaHash.recordKey).toBe(direct);
    // The page shows record 3 whatever the URL says (an ajaxUI form post can leave the URL behind).
    expect(readPage(l.doc, new URL(`${BASE}?action=ajaxui`), ctx, [SITE])!.recordKey).toBe(direct);
    l.doc.querySelector('#formDetailView input[name=record]')!.setAttribute('value', ID4);
    expect(readPage(l.doc, new URL(detailUrl(ID4)), ctx, [SITE])!.recordKey).not.toBe(direct);
    expect(readPage(l.doc, new URL(detailUrl(ID4)), { salt: 'other' }, [SITE])!.recordKey).not.toBe(direct);
  });

  it('inline edit: the open editor makes the page an edit, its value counts, the saved cell reads again', async () => {
    l = await load('suitecrm/opportunity-detail.html', detailUrl(ID3));
    const cell = l.doc.querySelector('.detail-view-field[field=next_step]')!;
    // What SuiteCRM puts in the cell on double-click (seen on the real app).
    cell.classList.add('inlineEditActive');
    cell.replaceChildren();
    const form = l.doc.createElement('form');
    form.id = 'EditView';
    const input = l.doc.createElement('input');
    input.name = 'next_step';
    input.id = 'next_step';
    form.append(input);
    cell.append(form);
    let m = readPage(l.doc, l.url(), ctx, [SITE])!;
    expect(m.page).toBe('edit');
    expect(findField(m, 'next_step')).toMatchObject({ empty: true, control: input });
    typeInto(l, input, 'Call procurement');
    m = readPage(l.doc, l.url(), ctx, [SITE])!;
    expect(findField(m, 'Next Step')?.empty).toBe(false);
    // Saved: the cell shows the text again.
    cell.classList.remove('inlineEditActive');
    const saved = l.doc.createElement('span');
    saved.className = 'sugar_field';
    saved.id = 'next_step';
    saved.textContent = 'Call procurement';
    const icon = l.doc.createElement('div');
    icon.className = 'inlineEditIcon';
    cell.replaceChildren(saved, icon);
    m = readPage(l.doc, l.url(), ctx, [SITE])!;
    expect(m.page).toBe('record');
    expect(visibleEmpty(m)).toEqual(['amount', 'date_closed', 'campaign_name']);
  });

  it('edit view: required markers, empties from the controls, typing fills a field', async () => {
    l = await load('suitecrm/opportunity-edit.html', `${BASE}?module=Opportunities&action=EditView&record=${ID3}`);
    let m = readPage(l.doc, l.url(), ctx, [SITE])!;
    expect(m.page).toBe('edit');
    expect(m.fields.filter((f) => f.required).map((f) => f.apiName)).toEqual(['name', 'account_name', 'date_closed', 'amount', 'sales_stage']);
    expect(visibleEmpty(m)).toEqual(['date_closed', 'amount', 'campaign_name', 'next_step']);
    expect(findField(m, 'Opportunity Amount')?.apiName).toBe('amount');
    expect(findField(m, 'sales_stage')?.value).toBe('Needs Analysis');
    typeInto(l, findField(m, 'amount')!.control, '1000');
    m = readPage(l.doc, l.url(), ctx, [SITE])!;
    expect(visibleEmpty(m)).toEqual(['date_closed', 'campaign_name', 'next_step']);
    // The same record as on the detail view.
    const detail = await load('suitecrm/opportunity-detail.html', detailUrl(ID3));
    expect(readPage(detail.doc, detail.url(), ctx, [SITE])!.recordKey).toBe(m.recordKey);
    await detail.close();
  });

  it('create view: page new, no record key', async () => {
    l = await load('suitecrm/opportunity-new.html', ajaxUrl('index.php?module=Opportunities&action=EditView&return_module=Opportunities'));
    const m = readPage(l.doc, l.url(), ctx, [SITE])!;
    expect(m).toMatchObject({ page: 'new', recordKey: null, object: { apiName: 'Opportunities' } });
    expect(findField(m, 'name')).toMatchObject({ empty: true, required: true });
  });

  it('when.crm names the site id or the reader id', async () => {
    l = await load('suitecrm/opportunity-detail.html', detailUrl(ID3));
    const m = readPage(l.doc, l.url(), ctx, [SITE])!;
    expect(whenFailures({ crm: ['suitecrm'] }, m)).toEqual([]);
    expect(whenFailures({ crm: ['acme-suite'] }, m)).toEqual([]);
    expect(whenFailures({ crm: ['zoho'] }, m)).toHaveLength(1);
  });

  it('the site entry overrides object, page, record and fields', async () => {
    l = await load('suitecrm/opportunity-detail.html', detailUrl(ID3));
    const site: SiteDefinition = {
      ...SITE,
      object: { urlPattern: 'module=(?<object>\\w+)' },
      page: { list: 'action=DetailView' },
      field: { container: '.detail-view-row-item', label: '.label', input: '.detail-view-field', apiName: 'data-field' },
    };
    const m = suiteCrmAdapter(site).read(l.doc, l.url(), ctx);
    expect(m.object).toEqual({ label: 'Opportunities', apiName: 'Opportunities' });
    expect(m.page).toBe('list');
    expect(m.fields).toEqual([]);
    const fields = suiteCrmAdapter({ ...site, page: undefined }).read(l.doc, l.url(), ctx).fields;
    expect(fields.map((f) => f.apiName)).toContain('next_step');
  });
});

describe('the generic sites reader on SuiteCRM', () => {
  // What a trainer writes without the built-in reader (docs/packs.md "Sites").
  const GENERIC: SiteDefinition = {
    id: 'suite-by-hand',
    name: 'SuiteCRM by hand',
    match: ['*://crm.acme.example/*'],
    object: { urlPattern: 'module=(?<object>\\w+)' },
    page: { record: 'action=DetailView', edit: 'action=EditView&record=\\w', new: 'action=EditView', list: 'action=(index|ListView)' },
    record: { param: 'record' },
    field: {
      container: '.detail-view-row-item, .edit-view-row-item',
      label: '.label',
      input: '.detail-view-field, .edit-view-field input:not([type=hidden]), .edit-view-field select, .edit-view-field textarea',
      required: '.required',
      apiName: 'data-field',
      emptyText: ['Not set'],
    },
  };

  it('normalised labels, API names from an attribute, placeholder texts, per-record keys (hash included)', async () => {
    l = await load('suitecrm/opportunity-detail.html', detailUrl(ID3));
    const a = siteAdapter(GENERIC);
    const m = a.read(l.doc, l.url(), ctx);
    expect(m.page).toBe('record');
    expect(findField(m, 'Expected Close Date')).toMatchObject({ apiName: 'date_closed', empty: true });
    expect(findField(m, 'Opportunity Amount')?.apiName).toBe('amount');
    l.doc.querySelector('#next_step')!.textContent = 'Not set';
    expect(findField(a.read(l.doc, l.url(), ctx), 'next_step')).toMatchObject({ empty: true, value: '' });
    const k3 = m.recordKey;
    expect(k3).toMatch(/^rk_/);
    const k4 = a.read(l.doc, new URL(detailUrl(ID4)), ctx).recordKey;
    expect(k4).not.toBe(k3);
    // Inside the ajaxUI hash, encoded: page regexes and the record parameter still find it.
    const viaHash = a.read(l.doc, new URL(ajaxUrl(`index.php?module=Opportunities&action=DetailView&record=${ID3}`)), ctx);
    expect(viaHash).toMatchObject({ page: 'record', recordKey: k3, object: { apiName: 'Opportunities' } });
    // A regex group identifies the record as well.
    const byRegex = siteAdapter({ ...GENERIC, record: { urlPattern: 'record=(?<record>[\\w-]+)' } });
    expect(byRegex.read(l.doc, new URL(ajaxUrl(`index.php?module=Opportunities&action=DetailView&record=${ID4}`)), ctx).recordKey).toBe(k4);
  });

  it('without `record`, the path stands for the record (as before): every SuiteCRM record shares one key', async () => {
    l = await load('suitecrm/opportunity-detail.html', detailUrl(ID3));
    const a = siteAdapter({ ...GENERIC, record: undefined });
    expect(a.read(l.doc, new URL(detailUrl(ID4)), ctx).recordKey).toBe(a.read(l.doc, l.url(), ctx).recordKey);
  });

  it('edit view through the generic reader: required asterisk stripped and counted', async () => {
    l = await load('suitecrm/opportunity-edit.html', `${BASE}?module=Opportunities&action=EditView&record=${ID3}`);
    const m = siteAdapter(GENERIC).read(l.doc, l.url(), ctx);
    expect(m.page).toBe('edit');
    expect(findField(m, 'Opportunity Name')).toMatchObject({ required: true, apiName: 'name', empty: false });
    expect(findField(m, 'Campaign')).toMatchObject({ required: false, empty: true });
  });
});
