import { afterEach, describe, expect, it } from 'vitest';
import { loadFixture, routes, type Loaded } from '../crm/fixture';
import { readPage } from '@/utils/crm';
import { deepQueryAll, isVisible } from '@/utils/crm/dom';
import { resolveTarget } from '@/utils/crm/targets';
import type { PageModel } from '@/utils/crm/types';
import {
  countMatches,
  isGeneratedValue,
  isStableClass,
  looksLikeData,
  proposeForField,
  proposeTargets,
  type PageContext,
  type TargetCandidate,
} from '@/utils/author/target';

let l: Loaded | null = null;
afterEach(async () => {
  await l?.close();
  l = null;
});

const urlOf = (crm: string, page = 'record') => routes().find((r) => r.expect.crm === crm && r.expect.page === page)!;

async function page(crm: string, pageKind = 'record'): Promise<PageContext> {
  const r = urlOf(crm, pageKind);
  l = await loadFixture(r.file, r.url);
  const model = readPage(l.doc, l.url(), { salt: 's' })!;
  return { doc: l.doc, model };
}

/** The first visible element matching `selector` (through shadow roots). */
function visible(ctx: PageContext, selector: string): Element {
  const el = deepQueryAll(ctx.doc, selector).find((e) => isVisible(e));
  if (!el) throw new Error(`no visible ${selector}`);
  return el;
}

const codes = (c: TargetCandidate) => c.reasons.map((r) => r.code);

describe('isGeneratedValue', () => {
  it('refuses ids frameworks and databases make up', () => {
    for (const v of ['input-9377', 'ember1234', 'field-12', ':r1:', '«r3»', 'sc-k8Yq1', 'a1b2c3', 'id-64-name.fieldControl', '006Dn000004AbCdIAK', '8f2c4e6a-0b1d-4f3e-9a7c-5d6e7f8a9b0c', '', 'x'.repeat(200), 'two\nlines']) {
      expect(isGeneratedValue(v), v).toBe(true);
    }
  });
  it('keeps names people and CRMs chose', () => {
    for (const v of ['Edit', 'SaveEdit', 'sfdc:RecordField.Opportunity.Amount', 'opportunity|NoRelationship|Form|Mscrm.Form.opportunity.Save', 'property-input-dealname', 'tablist-Summary', 'Q3', 'h2']) {
      expect(isGeneratedValue(v), v).toBe(false);
    }
  });
});

describe('isStableClass', () => {
  it('keeps readable class names and drops hashes and states', () => {
    expect(isStableClass('slds-button')).toBe(true);
    expect(isStableClass('slds-button_neutral')).toBe(true);
    for (const c of ['sc-5gs6j', 'css-1x2y3z', 'jsx-123', 'is-active', 'slds-is-open', 'selected', 'a1', 'ng-star-inserted', '_3fGhk']) {
      expect(isStableClass(c), c).toBe(false);
    }
  });
});

describe('looksLikeData', () => {
  it('spots emails, long numbers and the page’s own field values', () => {
    const values = ['acme - 200 widgets', 'jane doe'];
    expect(looksLikeData('jane.doe@example.com', values)).toBe(true);
    expect(looksLikeData('Call 5551234', values)).toBe(true);
    expect(looksLikeData('Jane Doe', values)).toBe(true);
    expect(looksLikeData('Open Jane Doe', values)).toBe(true);
    expect(looksLikeData('Edit', values)).toBe(false);
    expect(looksLikeData('Save', values)).toBe(false);
  });
});

describe('proposeTargets on Salesforce (records-record-layout-item[data-target-selection-name])', () => {
  it('a field gets a field target by API name: strong, exactly one match', async () => {
    const ctx = await page('salesforce');
    const [best] = proposeTargets(visible(ctx, 'records-record-layout-item[field-label="Amount"]'), ctx);
    expect(best.target).toEqual({ field: 'Amount' });
    expect(best.strength).toBe('strong');
    expect(best.matches).toBe(1);
    expect(best.reasons[0]).toEqual({ code: 'api-name', detail: 'data-target-selection-name' });
  });

  it('the API name wins over a second field with the same label (Next Step)', async () => {
    const ctx = await page('salesforce');
    const el = visible(ctx, 'records-record-layout-item[data-target-selection-name="sfdc:RecordField.Opportunity.NextStep"]');
    const [best] = proposeTargets(el, ctx);
    expect(best.target).toEqual({ field: 'NextStep' });
    expect(best.matches).toBe(1);
    expect(best.strength).toBe('strong');
    // Two fields read "Next Step"; the API name names one of them.
    expect(ctx.model.fields.filter((f) => f.label === 'Next Step')).toHaveLength(2);
    expect(countMatches({ field: 'Renewal_Next_Step__c' }, ctx)).toBe(1);
    expect(resolveTarget(best.target, ctx.model, ctx.doc)).toBe(el);
  });

  it('a button gets a selector on its name, not counting the stale hidden page', async () => {
    const ctx = await page('salesforce');
    const edit = visible(ctx, 'button[name="Edit"]');
    const cands = proposeTargets(edit, ctx);
    expect(cands[0].target).toEqual({ selector: 'button[name="Edit"]' });
    expect(cands[0].matches).toBe(1);
    expect(cands[0].strength).toBe('strong');
    expect(codes(cands[0])).toContain('hidden-copies');
    expect(resolveTarget(cands[0].target, ctx.model, ctx.doc)).toBe(edit);
  });

  it('a field picked from the list (keyboard path) gets the same target', async () => {
    const ctx = await page('salesforce');
    const field = ctx.model.fields.find((f) => f.apiName === 'CloseDate')!;
    const [c] = proposeForField(field, ctx.model);
    expect(c).toMatchObject({ target: { field: 'CloseDate' }, strength: 'strong', matches: 1 });
  });
});

describe('proposeTargets on Dynamics 365 (data-id)', () => {
  it('the input, the label or the container of Topic give {field: "name"}', async () => {
    const ctx = await page('dynamics');
    for (const sel of ['input[data-id="name.fieldControl-text-box-text"]', 'label[id$="-name-field-label"]', 'div[data-id="name-FieldSectionItemContainer"]']) {
      const [best] = proposeTargets(visible(ctx, sel), ctx);
      expect(best.target, sel).toEqual({ field: 'name' });
      expect(best.strength, sel).toBe('strong');
      expect(best.matches, sel).toBe(1);
    }
  });

  it('never proposes the generated element ids, and says it left them out', async () => {
    const ctx = await page('dynamics');
    const cands = proposeTargets(visible(ctx, 'input[data-id="name.fieldControl-text-box-text"]'), ctx);
    for (const c of cands) {
      if ('selector' in c.target) expect(c.target.selector).not.toMatch(/(^|[^-\w])id=|#id-/);
    }
    expect(cands.some((c) => c.reasons.some((r) => r.code === 'generated' && /id-64|id-\d+/.test(r.detail ?? '')))).toBe(true);
  });

  it('the Save command gets its data-id: strong and unique', async () => {
    const ctx = await page('dynamics');
    const [best] = proposeTargets(visible(ctx, 'button[aria-label="Save"]'), ctx);
    expect(best.target).toEqual({ selector: 'button[data-id="opportunity|NoRelationship|Form|Mscrm.Form.opportunity.Save"]' });
    expect(best).toMatchObject({ matches: 1, strength: 'strong' });
  });

  it('a click on the text inside a tab picks the tab', async () => {
    const ctx = await page('dynamics');
    const tab = visible(ctx, '[role=tab]');
    const [best] = proposeTargets(tab, ctx);
    expect(best.target).toEqual({ selector: 'li[data-id="tablist-Summary"]' });
  });

  it('never writes a field value into a target', async () => {
    const ctx = await page('dynamics');
    const title = visible(ctx, 'h1[data-id="header_title"]');
    const all = JSON.stringify(proposeTargets(title, ctx).map((c) => c.target));
    expect(all).not.toContain('Acme');
    expect(all).toContain('header_title');
  });
});

describe('proposeTargets on HubSpot (data-selenium-test, hashed classes)', () => {
  it('a property input gets {field: <property name>}; no sc- class in any selector', async () => {
    const ctx = await page('hubspot');
    const input = visible(ctx, 'input[data-selenium-test="property-input-dealname"]');
    const cands = proposeTargets(input, ctx);
    expect(cands[0]).toMatchObject({ target: { field: 'dealname' }, strength: 'strong', matches: 1 });
    for (const c of cands) if ('selector' in c.target) expect(c.target.selector).not.toMatch(/\.sc-|uid-/);
  });

  it('a button with only hashed classes falls back to its text: medium', async () => {
    const ctx = await page('hubspot');
    const btn = deepQueryAll(ctx.doc, 'button').find((b) => isVisible(b) && b.textContent?.includes('About this deal'))!;
    const [best] = proposeTargets(btn, ctx);
    expect(best.target).toEqual({ selector: 'button', text: 'About this deal' });
    expect(best).toMatchObject({ matches: 1, strength: 'medium' });
    expect(codes(best)).toContain('text');
  });
});

describe('proposeTargets on Zoho (data-zcqa, column names)', () => {
  it('the edit view\'s Save button gets its data-zcqa', async () => {
    const ctx = await page('zoho', 'edit');
    const [best] = proposeTargets(visible(ctx, 'button[data-zcqa="save"]'), ctx);
    expect(best).toMatchObject({ target: { selector: 'button[data-zcqa="save"]' }, matches: 1, strength: 'strong' });
  });

  it('a field gets {field: <its API name>}', async () => {
    const ctx = await page('zoho');
    const f = ctx.model.fields.find((x) => x.label === 'Next Step')!;
    expect(f.apiName).toBeTruthy();
    const [best] = proposeTargets(f.element, ctx);
    expect(best).toMatchObject({ target: { field: f.apiName }, matches: 1 });
  });
});

describe('proposeTargets on plain markup', () => {
  function plain(html: string, model: Partial<PageModel> = {}): PageContext {
    document.body.textContent = '';
    const box = document.createElement('div');
    box.append(...new DOMParser().parseFromString(html, 'text/html').body.childNodes);
    document.body.append(box);
    return { doc: document, model: { crm: 'x', object: null, page: 'record', recordKey: null, url: 'https://x/', fields: [], ...model } };
  }

  it('adds text to tell two same buttons apart, and says so', () => {
    const ctx = plain('<button class="btn">Save</button><button class="btn">Cancel</button>');
    const cancel = document.querySelectorAll('button')[1];
    const [best] = proposeTargets(cancel, ctx);
    expect(best.target).toEqual({ selector: 'button', text: 'Cancel' });
    expect(best).toMatchObject({ matches: 1, strength: 'medium' });
    expect(codes(best)).toEqual(expect.arrayContaining(['text', 'unique']));
    expect(countMatches({ selector: 'button.btn' }, ctx)).toBe(2);
  });

  it('counts a text-narrowed selector as the coach finds it: past the first 50 matches of its selector, nothing', () => {
    // SuiteCRM's detail view: hundreds of links in the menus before the Actions tab's link.
    const links = Array.from({ length: 60 }, (_, i) => `<a href="/m/${i}">Module ${i}</a>`).join('');
    const ctx = plain(`<nav>${links}</nav><ul><li id="tab-actions" class="dropdown"><a class="dropdown-toggle" href="#">Actions</a></li></ul>`);
    const actions = document.querySelector('#tab-actions a')!;
    expect(countMatches({ selector: 'a', text: 'Actions' }, ctx)).toBe(0);
    expect(resolveTarget({ selector: 'a', text: 'Actions' }, ctx.model, document)).toBeNull();
    const cands = proposeTargets(actions, ctx);
    expect(cands[0].matches).toBe(1);
    // Every candidate said to match once is found by the coach, and it is the picked element.
    for (const c of cands.filter((x) => x.matches === 1)) expect(resolveTarget(c.target, ctx.model, document), JSON.stringify(c.target)).toBe(actions);
  });

  it('scopes under a stable ancestor when text does not help', () => {
    const ctx = plain('<div data-testid="left"><button type="button">Go</button></div><div data-testid="right"><button type="button">Go</button></div>');
    const right = document.querySelectorAll('button')[1];
    const [best] = proposeTargets(right, ctx);
    expect(best.target).toEqual({ selector: 'div[data-testid="right"] button' });
    expect(best).toMatchObject({ matches: 1, strength: 'medium' });
  });

  it('an element with nothing stable is weak and counts every match', () => {
    const ctx = plain('<span>a</span><span>a</span>');
    const [best] = proposeTargets(document.querySelectorAll('span')[0], ctx);
    expect(best.strength).toBe('weak');
    expect(best.matches).toBe(2);
  });

  it('a link whose text is a record name gets no text and no title', () => {
    const el = document.createElement('i');
    const ctx = plain('<a href="/r/1" title="Globex Ltd" class="record-link">Globex Ltd</a><a href="/r/2" class="record-link">Initech</a>', {
      fields: [{ label: 'Account', apiName: 'Account', value: 'Globex Ltd', empty: false, required: false, element: el, visible: true }],
    });
    const cands = proposeTargets(document.querySelector('a')!, ctx);
    expect(JSON.stringify(cands)).not.toContain('Globex');
    expect(cands[0].strength).toBe('weak');
  });

  it('quotes attribute values safely', () => {
    const ctx = plain(`<button name="it's">Hi</button>`);
    const first = document.querySelector('button')!;
    expect(proposeTargets(first, ctx)[0]).toMatchObject({ target: { selector: `button[name="it's"]` }, matches: 1 });
  });
});
