/**
 * Pipedrive: /deal/<id>, /person/<id>, /organization/<id>, /leads/inbox/<uuid> on
 * <company>.pipedrive.com. What the reader relies on is what public automation selects on the
 * live app (docs/adapters.md, "Pipedrive"):
 *
 * - A field row is the parent of `[data-testid="field-name"]` (the row is
 *   `[data-testid="fields-list-row"]` in current builds); its value sits in
 *   `[data-testid="fields-list-row-field-components"]`, `-` when empty; each row has an Edit
 *   button whose text is never a value.
 * - Inline editing opens an input with Save/Cancel inside the row: the page is then `edit`.
 * - Views the user left stay in the DOM as hidden `.viewContainer` elements before the live one:
 *   only rows outside hidden view containers are read.
 * - The markup carries no field keys: the API name is the label.
 * - Empty: `-` or nothing. The list is a default a pack can replace (`crms.pipedrive.emptyText`,
 *   through AdapterContext.emptyTexts).
 */
import type { AdapterContext, CrmAdapter, FieldModel, PageKind, PageModel } from './types';
import {
  controlRequired,
  deepQuery,
  deepQueryAll,
  flatParent,
  FORM_CONTROL_SELECTOR,
  isVisible,
  newVisibilityMemo,
  notInStalePage,
  openDialogWith,
  sectionOf,
  stripRequiredMark,
  textOf,
  type ShadowRootOf,
} from './dom';
import { builtinAdapter, controlShown, dialogPage, emptyModel, field, labelFromApiName, textShownWith, type DisplayedValue } from './model';
import { recordKeyOf } from './hash';

const ID = 'pipedrive';
const FIELD_NAME = '[data-testid="field-name"]';
const VALUE = '[data-testid="fields-list-row-field-components"]';
const SECTIONS = 'section, [role=region], fieldset, [data-testid$="-section"]';
/** Buttons (Edit, Save, Cancel) and screen-reader text inside a row: never part of the value. */
const NOT_VALUE = 'button, [role=button], .cui5-sr-only, .sr-only';

/** What Pipedrive shows for "no value" (the default; a pack's `crms.pipedrive.emptyText` replaces it through AdapterContext.emptyTexts). */
export const PIPEDRIVE_EMPTY_TEXTS: readonly string[] = ['', '-'];

interface PipedriveRoute {
  page: PageKind;
  object: string | null;
  recordId: string | null;
}

/** Page kind, object and record id from a Pipedrive URL. Pure. */
export function parsePipedriveUrl(url: URL): PipedriveRoute {
  const p = url.pathname;
  let m = /^\/(deal|person|organization|product|project)\/(\d+)(?:\/|$)/.exec(p);
  if (m) return { page: 'record', object: m[1], recordId: m[2] };
  m = /^\/leads\/inbox\/([\w-]{8,})(?:\/|$)/.exec(p);
  if (m) return { page: 'record', object: 'lead', recordId: m[1] };
  m = /^\/(deals|persons|organizations|products|projects|leads)(?:\/|$)/.exec(p) ?? /^\/(pipeline)(?:\/|$)/.exec(p);
  if (m) {
    const obj = m[1] === 'pipeline' ? 'deal' : m[1].replace(/s$/, '');
    return { page: 'list', object: obj, recordId: null };
  }
  return { page: 'home', object: null, recordId: null };
}

function rowValue(row: Element, empties: readonly string[], sro: ShadowRootOf | undefined): DisplayedValue {
  const cell = deepQuery(row, VALUE, sro);
  const control = deepQuery(cell ?? row, FORM_CONTROL_SELECTOR, sro);
  if (control) return controlShown(control);
  return textShownWith(textOf(cell, { skip: NOT_VALUE, shadowRootOf: sro }), empties);
}

function read(doc: Document, url: URL, ctx: AdapterContext): PageModel {
  const route = parsePipedriveUrl(url);
  // Objects are deal, person, organization, product, project, lead: labelled Deal, Person, ...
  const object = route.object ? { label: labelFromApiName(route.object), apiName: route.object } : null;
  const sro = ctx.shadowRootOf;
  const memo = newVisibilityMemo();
  const dialog = openDialogWith(doc, FIELD_NAME, sro, memo);
  if (!dialog && (route.page === 'home' || route.page === 'list')) return emptyModel(ID, url, route.page, object);
  const empties = ctx.emptyTexts?.[ID] ?? PIPEDRIVE_EMPTY_TEXTS;
  const fields: FieldModel[] = [];
  const sections = new Map<Element, string | undefined>();
  const current = dialog ? () => true : notInStalePage(doc, '.viewContainer', sro, memo);
  let editing = false;
  for (const name of deepQueryAll(dialog ?? doc, FIELD_NAME, sro)) {
    const row = flatParent(name);
    if (!row || !current(row)) continue;
    const { label, marked } = stripRequiredMark(textOf(name, { skip: NOT_VALUE, shadowRootOf: sro }));
    if (!label) continue;
    const shown = rowValue(row, empties, sro);
    if (shown.control) editing = true;
    fields.push(
      field({
        label,
        element: row,
        shown,
        required: marked || controlRequired(shown.control ?? null),
        section: sectionOf(row, SECTIONS, sections),
        visible: isVisible(row, memo),
      }),
    );
  }
  const page = dialog ? dialogPage(route.page) : editing && route.page === 'record' ? 'edit' : route.page;
  return {
    crm: ID,
    object,
    page,
    recordKey: route.recordId && page !== 'new' ? recordKeyOf(`${route.object}/${route.recordId}`, ctx.salt) : null,
    url: url.href,
    fields,
  };
}

export const pipedriveAdapter: CrmAdapter = builtinAdapter(ID, read);

export default pipedriveAdapter;
