/**
 * Dynamics 365 / Power Apps model-driven apps (Unified Interface):
 * main.aspx?...&pagetype=entityrecord&etn=<entity>&id=<guid>. Fields are
 * div[data-id="<field>-FieldSectionItemContainer"] with data-fieldrequirement (0 none,
 * 1 system required, 2 business required, 3 business recommended: NOT required), labels
 * label[id*="<field>-field-label"], controls [data-id^="<field>.fieldControl"].
 */
import type { AdapterContext, CrmAdapter, FieldModel, PageKind, PageModel } from './types';
import {
  clean,
  containsDeep,
  controlRequired,
  deepQuery,
  deepQueryAll,
  isVisible,
  newVisibilityMemo,
  openDialogWith,
  sectionOf,
  stripRequiredMark,
  textOf,
  type ShadowRootOf,
} from './dom';
import { builtinAdapter, controlShown, dialogPage, emptyModel, field, labelFromApiName, type DisplayedValue } from './model';
import { recordKeyOf } from './hash';

const ID = 'dynamics';
const CONTAINER = '[data-id$="-FieldSectionItemContainer"]';
const HEADER = 'header_';

/** The "<logical>-required-icon": "*" is required; "+" on the same id is business recommended, not required. */
function requiredIcon(container: Element, name: string, sro: ShadowRootOf | undefined): boolean {
  const icon = deepQuery(container, `[data-id="${name.replace(/["\\]/g, '\\$&')}-required-icon"]`, sro);
  return !!icon && textOf(icon, { shadowRootOf: sro }) !== '+';
}

interface DynamicsRoute {
  page: PageKind;
  entity: string | null;
  recordId: string | null;
}

/** Parameters from the query string, or from the hash on older deep links. */
function params(url: URL): URLSearchParams {
  const q = new URLSearchParams(url.search);
  if (q.get('pagetype') || q.get('etn')) return q;
  const h = url.hash.replace(/^#/, '');
  return new URLSearchParams(h.includes('=') ? h : '');
}

/** Page kind, entity logical name and record id from a Dynamics URL. Pure. */
export function parseDynamicsUrl(url: URL): DynamicsRoute {
  const q = params(url);
  const pagetype = (q.get('pagetype') ?? '').toLowerCase();
  const etn = q.get('etn');
  const id = (q.get('id') ?? '').replace(/[{}]/g, '').toLowerCase() || null;
  if (pagetype === 'entityrecord') return { page: id ? 'record' : 'new', entity: etn, recordId: id };
  if (pagetype === 'entitylist') return { page: 'list', entity: etn, recordId: null };
  return { page: 'home', entity: null, recordId: null };
}

/** Required level: 1 (system) and 2 (business) are required; 3 is recommended, not required. */
export function requiredFromLevel(level: string | null): boolean {
  return level === '1' || level === '2';
}

function controlOf(container: Element, name: string, sro: ShadowRootOf | undefined): DisplayedValue {
  const esc = name.replace(/["\\]/g, '\\$&');
  const tag = deepQuery(container, `[data-id*="${esc}_selected_tag_text"], [data-id*="selected_tag_text"]`, sro);
  if (tag) {
    const text = textOf(tag, { shadowRootOf: sro }) || clean(tag.getAttribute('title'));
    return { value: text, empty: text === '' };
  }
  const controls = deepQueryAll(container, `[data-id^="${esc}.fieldControl"]`, sro);
  const formControl =
    controls.find((c) => /^(input|textarea|select)$/.test(c.localName) && (c as HTMLInputElement).type !== 'hidden') ??
    controls.map((c) => deepQuery(c, 'input:not([type=hidden]), textarea, select', sro)).find(Boolean) ??
    deepQuery(container, 'input:not([type=hidden]), textarea, select', sro);
  if (formControl) return controlShown(formControl);
  const display = controls[0] ?? null;
  const text = display ? textOf(display, { shadowRootOf: sro }) : '';
  const empty = text === '' || /^-{1,3}$/.test(text);
  return { value: empty ? '' : text, empty };
}

function read(doc: Document, url: URL, ctx: AdapterContext): PageModel {
  const route = parseDynamicsUrl(url);
  if (route.page === 'home' || route.page === 'list' || !route.entity) {
    return emptyModel(ID, url, route.page, route.entity ? { label: labelFromApiName(route.entity), apiName: route.entity } : null);
  }
  const sro = ctx.shadowRootOf;
  const memo = newVisibilityMemo();
  const dialog = openDialogWith(doc, CONTAINER, sro, memo);
  const scope: ParentNode = dialog ?? doc;
  const fields: FieldModel[] = [];
  const sections = new Map<Element, string | undefined>();
  let anyVisible = false;
  const all = deepQueryAll(scope, CONTAINER, sro);
  // Forms the app keeps from earlier navigation stay in the DOM, hidden: read only visible forms.
  const formRoots = dialog ? [] : deepQueryAll(doc, '[data-id="editFormRoot"], #mainContent', sro);
  const visibleForms = formRoots.filter((f) => isVisible(f, memo));
  const current = all.filter((c) => !visibleForms.length || visibleForms.some((f) => containsDeep(f, c)) || !formRoots.some((f) => containsDeep(f, c)));
  const nameOf = (c: Element) => (c.getAttribute('data-id') ?? '').replace(/-FieldSectionItemContainer$/, '');
  // The header strip repeats body fields as header_<logical>: a field counts once, in the body.
  const body = new Set(current.map(nameOf).filter((n) => !n.startsWith(HEADER)));
  for (const c of current) {
    let name = nameOf(c);
    if (!name) continue;
    if (name.startsWith(HEADER)) {
      name = name.slice(HEADER.length);
      if (!name || body.has(name)) continue;
    }
    const esc = name.replace(/["\\]/g, '\\$&');
    const labelEl = deepQuery(c, `label[id*="${esc}-field-label"]`, sro) ?? deepQuery(c, 'label', sro);
    const { label } = stripRequiredMark(labelEl ? textOf(labelEl, { shadowRootOf: sro }) : name);
    const shown = controlOf(c, name, sro);
    const level = c.getAttribute('data-fieldrequirement');
    const visible = isVisible(c, memo);
    anyVisible ||= visible;
    fields.push(
      field({
        label: label || name,
        apiName: name,
        element: c,
        shown,
        required: level !== null ? requiredFromLevel(level) : controlRequired(shown.control ?? null) || requiredIcon(c, name, sro),
        section: sectionOf(c, 'section, [role=region], [role=tabpanel], fieldset', sections),
        visible,
      }),
    );
  }
  const entityLabel = textOf(deepQuery(dialog ?? visibleForms[0] ?? doc, '[data-id="entity_name_span"]', sro), { shadowRootOf: sro });
  const page = dialog ? dialogPage(route.page) : route.page;
  return {
    crm: ID,
    object: { label: entityLabel || labelFromApiName(route.entity), apiName: route.entity },
    page,
    recordKey: route.recordId && page !== 'new' ? recordKeyOf(`${route.entity}/${route.recordId}`, ctx.salt) : null,
    url: url.href,
    fields,
  };
}

export const dynamicsAdapter: CrmAdapter = builtinAdapter(ID, read, {
  // Model-driven apps only: other pages of these hosts (portals, admin) are not forms.
  accepts: (url) => /\/main\.aspx$/i.test(url.pathname),
});

export default dynamicsAdapter;
