/**
 * Pipedrive: /deal/<id>, /person/<id>, /organization/<id>, /lead/<uuid> on <company>.pipedrive.com
 * (or app.pipedrive.com). Fields are rows [data-test-key="<field key>"] with
 * [data-testid="field-label"] and a displayed value or an inline editor input; required fields
 * carry an asterisk in the label or aria-required on the input.
 */
import type { AdapterContext, CrmAdapter, FieldModel, PageKind, PageModel } from './types';
import {
  controlRequired,
  deepQuery,
  deepQueryAll,
  isVisible,
  newVisibilityMemo,
  notInStalePage,
  openDialogWith,
  sectionOf,
  stripRequiredMark,
  textOf,
} from './dom';
import { builtinAdapter, dialogPage, displayedValue, emptyModel, field, labelFromApiName } from './model';
import { recordKeyOf } from './hash';

const ID = 'pipedrive';
const ROW = '[data-test-key]';

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

function read(doc: Document, url: URL, ctx: AdapterContext): PageModel {
  const route = parsePipedriveUrl(url);
  // Objects are deal, person, organization, product, project, lead: labelled Deal, Person, ...
  const object = route.object ? { label: labelFromApiName(route.object), apiName: route.object } : null;
  const sro = ctx.shadowRootOf;
  const memo = newVisibilityMemo();
  const dialog = openDialogWith(doc, ROW, sro, memo);
  if (!dialog && (route.page === 'home' || route.page === 'list')) return emptyModel(ID, url, route.page, object);
  const fields: FieldModel[] = [];
  const sections = new Map<Element, string | undefined>();
  const current = dialog ? () => true : notInStalePage(doc, '[data-testid$="-details-page"]', sro, memo);
  for (const row of deepQueryAll(dialog ?? doc, ROW, sro)) {
    if (!current(row)) continue;
    const key = row.getAttribute('data-test-key') ?? '';
    const labelEl = deepQuery(row, '[data-testid="field-label"], label', sro);
    const { label, marked } = stripRequiredMark(labelEl ? textOf(labelEl, { shadowRootOf: sro }) : key);
    if (!label) continue;
    const shown = displayedValue(row, { display: deepQuery(row, '[data-testid="field-value"]', sro), skip: 'button', shadowRootOf: sro });
    fields.push(
      field({
        label,
        apiName: key,
        element: row,
        shown,
        required: marked || controlRequired(shown.control ?? null),
        section: sectionOf(row, 'section, [role=region], fieldset', sections),
        visible: isVisible(row, memo),
      }),
    );
  }
  const page = dialog ? dialogPage(route.page) : route.page;
  return {
    crm: ID,
    object,
    page,
    recordKey: route.recordId && page !== 'new' ? recordKeyOf(`${route.object}/${route.recordId}`, ctx.salt) : null,
    url: url.href,
    fields,
  };
}

export const pipedriveAdapter: CrmAdapter = builtinAdapter(ID, 'Pipedrive', (url) => /(^|\.)pipedrive\.com$/i.test(url.hostname), read);

export default pipedriveAdapter;
