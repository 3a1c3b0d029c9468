/**
 * Zoho CRM (every data centre: crm.zoho.com, .eu, .in, .com.au, .com.cn, .jp, .ca, .sa, .uk,
 * crm.zohocloud.ca): /crm/org<id>/tab/<Module>/<id>, /tab/<Module>/create, /tab/<Module>/<id>/edit.
 * What the reader relies on is what public automation selects on the live app (docs/adapters.md,
 * "Zoho CRM"):
 *
 * - Detail view: one row `#mouseArea__<COLUMN>` per field, with the label `.dv_info_label`
 *   (`#labelTD_<COLUMN>`) and the value `.dv_info_value` (`#value_<COLUMN>`) holding a
 *   `crux-*-component#subvalue_<COLUMN>` shown in `span.cxElemCompViewWrap` or
 *   `lyte-text.cxElemCompViewValue[lt-prop-value]`. The business card (`bc_mouseArea__…`) and the
 *   title card (`tc_…`) repeat body fields under other ids: they are never read, so each field
 *   counts once. Related lists are tables of other records: never rows of this one.
 * - Edit and create views: `crux-create-field[data-cy=<API name>]` with `.cxElementLabel`
 *   (`span.cxMandatoryType` when mandatory) and a crux component whose id is
 *   `Crm_<Module>_<COLUMN>` holding the input (`cxInput_Crm_<Module>_<COLUMN>`) or a lyte-dropdown.
 * - Empty: `-None-` (unset picklist), `—` or nothing. The list is a default a pack can replace
 *   (`crms.zoho.emptyText`, through AdapterContext.emptyTexts).
 */
import type { AdapterContext, CrmAdapter, FieldModel, PageKind, PageModel } from './types';
import {
  clean,
  controlRequired,
  deepQuery,
  deepQueryAll,
  FORM_CONTROL_SELECTOR,
  isVisible,
  newVisibilityMemo,
  openDialogWith,
  sectionOf,
  stripRequiredMark,
  textOf,
  type ShadowRootOf,
  type VisibilityMemo,
} from './dom';
import { builtinAdapter, controlShown, dialogPage, emptyModel, field, textShownWith, type DisplayedValue } from './model';
import { recordKeyOf } from './hash';

const ID = 'zoho';
/** Detail rows; `bc_mouseArea__` and `tc_` copies do not start with `mouseArea__`. */
const DETAIL_ROW = '[id^="mouseArea__"]';
const EDIT_FIELD = 'crux-create-field[data-cy]';
const SECTIONS = '.dvSection, .cxCreateFormSection, section, [role=region], fieldset';
/** Icons and buttons inside a value cell (inline-edit pencil, tooltips): never part of the value. */
const NOT_VALUE = 'button, [role=button], .cxEditIcon, .dvEditIcon, lyte-tooltip, .cxMandatoryType';

/** What Zoho shows for "no value" (the default; a pack's `crms.zoho.emptyText` replaces it through AdapterContext.emptyTexts). */
export const ZOHO_EMPTY_TEXTS: readonly string[] = ['', '-None-', '-无-', '—', '-'];

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

/** The value a detail row shows: an open inline editor's control, else the displayed text. */
function detailValue(row: Element, column: string, empties: readonly string[], sro: ShadowRootOf | undefined): DisplayedValue {
  const cell = deepQuery(row, `.dv_info_value, [id="value_${column}"]`, sro) ?? row;
  const control = deepQuery(cell, FORM_CONTROL_SELECTOR, sro);
  if (control) return controlShown(control);
  const shown = deepQuery(cell, 'lyte-text.cxElemCompViewValue[lt-prop-value]', sro);
  const text = shown ? clean(shown.getAttribute('lt-prop-value')) : textOf(deepQuery(cell, '.cxElemCompViewWrap', sro) ?? cell, { skip: NOT_VALUE, shadowRootOf: sro });
  return textShownWith(text, empties);
}

/** The value an edit field holds: its input, else a dropdown's label. */
function editValue(fieldEl: Element, empties: readonly string[], sro: ShadowRootOf | undefined): DisplayedValue {
  const value = deepQuery(fieldEl, '.cxElementValue', sro) ?? fieldEl;
  const control = deepQuery(value, FORM_CONTROL_SELECTOR, sro);
  if (control) return controlShown(control);
  const dropdown = deepQuery(value, '.lyteDropdownLabel, lyte-dropdown [role=button], [role=combobox]', sro);
  return textShownWith(dropdown ? textOf(dropdown, { shadowRootOf: sro }) : textOf(value, { skip: NOT_VALUE, shadowRootOf: sro }), empties);
}

/**
 * One field per key. Views the user left stay in the DOM, hidden, before the live one, with the
 * same row ids: a visible copy wins, and among hidden copies (a collapsed section of the live
 * view) the last one, which is the live view's.
 */
function oncePerKey(fields: { key: string; f: FieldModel }[]): FieldModel[] {
  const byKey = new Map<string, number>();
  const out: FieldModel[] = [];
  for (const { key, f } of fields) {
    const at = byKey.get(key);
    if (at === undefined) {
      byKey.set(key, out.length);
      out.push(f);
    } else if (!out[at].visible) out[at] = f;
  }
  return out;
}

function readDetail(scope: ParentNode, empties: readonly string[], sro: ShadowRootOf | undefined, memo: VisibilityMemo): FieldModel[] {
  const sections = new Map<Element, string | undefined>();
  const found: { key: string; f: FieldModel }[] = [];
  for (const row of deepQueryAll(scope, DETAIL_ROW, sro)) {
    const column = (row.getAttribute('id') ?? '').slice('mouseArea__'.length);
    if (!column) continue;
    const labelEl = deepQuery(row, `.dv_info_label, [id="labelTD_${column}"]`, sro);
    const { label, marked } = stripRequiredMark(textOf(labelEl, { skip: NOT_VALUE, shadowRootOf: sro }).replace(/:$/, ''));
    if (!label) continue;
    const comp = deepQuery(row, `[id="subvalue_${column}"]`, sro);
    found.push({
      key: column,
      f: field({
        label,
        apiName: column,
        element: row,
        shown: detailValue(row, column, empties, sro),
        required: marked || comp?.getAttribute('cx-prop-mandatory') === 'true',
        section: sectionOf(row, SECTIONS, sections),
        visible: isVisible(row, memo),
      }),
    });
  }
  return oncePerKey(found);
}

function readEdit(scope: ParentNode, empties: readonly string[], sro: ShadowRootOf | undefined, memo: VisibilityMemo): FieldModel[] {
  const sections = new Map<Element, string | undefined>();
  const found: { key: string; f: FieldModel }[] = [];
  for (const el of deepQueryAll(scope, EDIT_FIELD, sro)) {
    const api = clean(el.getAttribute('data-cy'));
    const labelEl = deepQuery(el, '.cxElementLabel', sro);
    const { label, marked } = stripRequiredMark(textOf(labelEl, { skip: '.cxMandatoryType', shadowRootOf: sro }));
    if (!label || !api) continue;
    const shown = editValue(el, empties, sro);
    const mandatory =
      marked ||
      !!deepQuery(el, '.cxMandatoryType', sro) ||
      !!deepQuery(el, '[cx-prop-mandatory="true"]', sro) ||
      controlRequired(shown.control ?? null);
    found.push({
      key: api,
      f: field({ label, apiName: api, element: el, shown, required: mandatory, section: sectionOf(el, SECTIONS, sections), visible: isVisible(el, memo) }),
    });
  }
  return oncePerKey(found);
}

function read(doc: Document, url: URL, ctx: AdapterContext): PageModel {
  const route = parseZohoUrl(url);
  const object = route.module ? { label: ZOHO_MODULES[route.module] ?? route.module, apiName: route.module } : null;
  const sro = ctx.shadowRootOf;
  const memo = newVisibilityMemo();
  // A quick-create or edit dialog over any page: its form is the page.
  const dialog = openDialogWith(doc, EDIT_FIELD, sro, memo);
  if (!dialog && (route.page === 'home' || route.page === 'list')) return emptyModel(ID, url, route.page, object);
  const empties = ctx.emptyTexts?.[ID] ?? ZOHO_EMPTY_TEXTS;
  const page = dialog ? dialogPage(route.page) : route.page;
  const fields = dialog || page !== 'record' ? readEdit(dialog ?? doc, empties, sro, memo) : readDetail(doc, empties, sro, memo);
  return {
    crm: ID,
    object,
    page,
    recordKey: route.recordId && page !== 'new' ? recordKeyOf(`${route.module}/${route.recordId}`, ctx.salt) : null,
    url: url.href,
    fields,
  };
}

export const zohoAdapter: CrmAdapter = builtinAdapter(ID, read);

export default zohoAdapter;
