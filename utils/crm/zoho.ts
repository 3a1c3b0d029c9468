/**
 * Zoho CRM (every data centre: crm.zoho.com, .eu, .in, .com.au, .com.cn, .jp, .ca, .sa, .uk,
 * crm.zohocloud.ca): /crm/org<id>/tab/<Module>/<id>, /tab/<Module>/create, /tab/<Module>/<id>/edit.
 * Fields are Lyte/Crux components (crux-*-component) carrying cx-prop-label, cx-prop-required and
 * cx-prop-field-key / cx-prop-zcqa; module API names map to objects (Deals are "Potentials").
 */
import type { AdapterContext, CrmAdapter, FieldModel, PageKind, PageModel } from './types';
import {
  clean,
  deepQuery,
  deepQueryAll,
  FORM_CONTROL_SELECTOR,
  isVisible,
  newVisibilityMemo,
  openDialogWith,
  sectionOf,
  textOf,
  type ShadowRootOf,
} from './dom';
import { builtinAdapter, controlShown, emptyModel, field, textShown, type DisplayedValue } from './model';
import { recordKeyOf } from './hash';

const ID = 'zoho';
const COMPONENT = '[cx-prop-label]';

export const ZOHO_MODULES: Record<string, string> = {
  Potentials: 'Deal',
  Deals: 'Deal',
  Leads: 'Lead',
  Contacts: 'Contact',
  Accounts: 'Account',
  Cases: 'Case',
  Quotes: 'Quote',
  SalesOrders: 'Sales Order',
  Invoices: 'Invoice',
  Products: 'Product',
  Campaigns: 'Campaign',
  Tasks: 'Task',
  Events: 'Meeting',
  Calls: 'Call',
  Vendors: 'Vendor',
};

interface ZohoRoute {
  page: PageKind;
  module: string | null;
  recordId: string | null;
}

/** Page kind, module and record id from a Zoho CRM URL. Pure. */
export function parseZohoUrl(url: URL): ZohoRoute {
  const m = /^\/crm\/(?:org[\w-]+\/)?tab\/(\w+)(?:\/([\w-]+))?(?:\/([\w-]+))?/.exec(url.pathname);
  if (!m) return { page: 'home', module: null, recordId: null };
  const [, module, second, third] = m;
  if (!second || second === 'custom-view' || second === 'list') return { page: 'list', module, recordId: null };
  if (second === 'create') return { page: 'new', module, recordId: null };
  if (/^\d+$/.test(second)) return { page: third === 'edit' ? 'edit' : 'record', module, recordId: second };
  return { page: 'list', module, recordId: null };
}

function valueOf(comp: Element, sro: ShadowRootOf | undefined): DisplayedValue {
  const control = deepQuery(comp, FORM_CONTROL_SELECTOR, sro);
  if (control) return controlShown(control);
  const dropdown = deepQuery(comp, '.lyteDropdownLabel, lyte-dropdown [role=button], [role=combobox]', sro);
  if (dropdown) return textShown(textOf(dropdown, { shadowRootOf: sro }), dropdown);
  const display = deepQuery(comp, '.cxReadOnlyValue', sro);
  return textShown(display ? textOf(display, { shadowRootOf: sro }) : textOf(comp, { skip: 'label, .cxLabel', shadowRootOf: sro }));
}

function read(doc: Document, url: URL, ctx: AdapterContext): PageModel {
  const route = parseZohoUrl(url);
  const object = route.module ? { label: ZOHO_MODULES[route.module] ?? route.module, apiName: route.module } : null;
  if (route.page === 'home' || route.page === 'list') return emptyModel(ID, url, route.page, object);
  const sro = ctx.shadowRootOf;
  const memo = newVisibilityMemo();
  const dialog = openDialogWith(doc, COMPONENT, sro, memo);
  const fields: FieldModel[] = [];
  const sections = new Map<Element, string | undefined>();
  for (const comp of deepQueryAll(dialog ?? doc, COMPONENT, sro)) {
    if (!comp.localName.startsWith('crux-') && !comp.localName.endsWith('-component')) continue;
    const label = clean(comp.getAttribute('cx-prop-label'));
    if (!label) continue;
    const api = comp.getAttribute('cx-prop-field-key') || comp.getAttribute('cx-prop-zcqa') || comp.getAttribute('data-zcqa');
    fields.push(
      field({
        label,
        apiName: api,
        element: comp,
        shown: valueOf(comp, sro),
        required: comp.getAttribute('cx-prop-required') === 'true',
        section: sectionOf(comp, 'section, [role=region], fieldset, .dvSection', sections),
        visible: isVisible(comp, memo),
      }),
    );
  }
  return {
    crm: ID,
    object,
    page: route.page,
    recordKey: route.recordId && route.page !== 'new' ? recordKeyOf(`${route.module}/${route.recordId}`, ctx.salt) : null,
    url: url.href,
    fields,
  };
}

export const zohoAdapter: CrmAdapter = builtinAdapter(
  ID,
  'Zoho CRM',
  (url) => /^crm\.(zoho\.(com|eu|in|com\.au|com\.cn|jp|ca|sa|uk)|zohocloud\.ca)$/i.test(url.hostname),
  read,
);

export default zohoAdapter;
