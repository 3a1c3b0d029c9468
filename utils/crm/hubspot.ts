/**
 * HubSpot CRM records: /contacts/<portal>/record/<objectTypeId>/<id> (0-1 contact, 0-2 company,
 * 0-3 deal, 0-5 ticket) and the legacy /contacts/<portal>/<deal|contact|company|ticket>/<id>.
 * Property inputs and labels are found by their data-selenium-test attributes, never by class
 * names (HubSpot's are generated and change between releases).
 */
import type { AdapterContext, CrmAdapter, FieldModel, PageKind, PageModel } from './types';
import {
  containsDeep,
  controlRequired,
  deepQueryAll,
  flatAncestors,
  isFormControl,
  isVisible,
  newVisibilityMemo,
  notInStalePage,
  openDialogWith,
  sectionOf,
  stripRequiredMark,
  textOf,
  type ShadowRootOf,
} from './dom';
import { builtinAdapter, controlShown, dialogPage, emptyModel, field, textShown, type DisplayedValue } from './model';
import { recordKeyOf } from './hash';

const ID = 'hubspot';

export const HUBSPOT_OBJECTS: Record<string, string> = {
  '0-1': 'Contact',
  '0-2': 'Company',
  '0-3': 'Deal',
  '0-5': 'Ticket',
  '0-7': 'Product',
  '0-8': 'Line item',
  '0-14': 'Quote',
};
const LEGACY: Record<string, string> = { contact: '0-1', company: '0-2', deal: '0-3', ticket: '0-5' };

const INPUT_SELECTOR = '[data-selenium-test^="property-input-"]';
const LABEL_SELECTOR = '[data-selenium-test*="property-label"]';

interface HubSpotRoute {
  page: PageKind;
  typeId: string | null;
  recordId: string | null;
}

/** Page kind, object type id and record id from a HubSpot URL. Pure. */
export function parseHubSpotUrl(url: URL): HubSpotRoute {
  const p = url.pathname;
  let m = /^\/contacts\/\d+\/record\/(\d+-\d+)\/(\d+)(?:\/|$)/.exec(p);
  if (m) return { page: 'record', typeId: m[1], recordId: m[2] };
  m = /^\/contacts\/\d+\/(contact|company|deal|ticket)\/(\d+)(?:\/|$)/.exec(p);
  if (m) return { page: 'record', typeId: LEGACY[m[1]], recordId: m[2] };
  m = /^\/contacts\/\d+\/objects\/(\d+-\d+)(?:\/|$)/.exec(p);
  if (m) return { page: 'list', typeId: m[1], recordId: null };
  m = /^\/contacts\/\d+\/(contacts|companies|deals|tickets)(?:\/|$)/.exec(p);
  if (m) return { page: 'list', typeId: LEGACY[m[1].replace(/ies$/, 'y').replace(/s$/, '')] ?? null, recordId: null };
  return { page: 'home', typeId: null, recordId: null };
}

function propertyName(input: Element): string {
  return (input.getAttribute('data-selenium-test') ?? '').replace(/^property-input-/, '');
}

/** The label for a property input: label[for], a property-label-<name>, or the nearest label around it. */
function labelFor(input: Element, name: string, labels: Element[]): Element | null {
  const id = input.getAttribute('id');
  if (id) {
    const byFor = labels.find((l) => l.getAttribute('for') === id);
    if (byFor) return byFor;
  }
  const byName = labels.find((l) => (l.getAttribute('data-selenium-test') ?? '').endsWith('-' + name));
  if (byName) return byName;
  for (const anc of flatAncestors(input.parentElement)) {
    const inside = labels.filter((l) => containsDeep(anc, l));
    if (inside.length === 1) return inside[0];
    if (inside.length > 1) break;
  }
  return null;
}

function readProperty(input: Element, sro: ShadowRootOf | undefined): DisplayedValue {
  if (isFormControl(input)) return controlShown(input);
  const inner = deepQueryAll(input, 'input:not([type=hidden]), textarea, select', sro)[0];
  return inner ? controlShown(inner) : textShown(textOf(input, { shadowRootOf: sro }), input);
}

function read(doc: Document, url: URL, ctx: AdapterContext): PageModel {
  const route = parseHubSpotUrl(url);
  const sro = ctx.shadowRootOf;
  const memo = newVisibilityMemo();
  const dialog = openDialogWith(doc, INPUT_SELECTOR, sro, memo);
  let page = route.page;
  if (dialog) page = dialogPage(page);
  if (!route.typeId && !dialog) return emptyModel(ID, url, page);
  const scope: ParentNode = dialog ?? doc;
  const labels = deepQueryAll(scope, LABEL_SELECTOR, sro);
  const fields: FieldModel[] = [];
  const sections = new Map<Element, string | undefined>();
  const current = dialog ? () => true : notInStalePage(doc, '[data-test-id="record-page"]', sro, memo);
  for (const input of deepQueryAll(scope, INPUT_SELECTOR, sro)) {
    if (!current(input)) continue;
    const name = propertyName(input);
    if (!name) continue;
    const labelEl = labelFor(input, name, labels);
    const { label, marked } = stripRequiredMark(labelEl ? textOf(labelEl, { shadowRootOf: sro }) : name);
    const shown = readProperty(input, sro);
    const container = labelEl ? commonAncestor(labelEl, input) ?? input : input;
    fields.push(
      field({
        label,
        apiName: name,
        element: container,
        shown,
        required: marked || controlRequired(input) || controlRequired(shown.control ?? null),
        section: sectionOf(container, 'section, [role=region], details, fieldset', sections),
        visible: isVisible(input, memo),
      }),
    );
  }
  const typeId = route.typeId;
  return {
    crm: ID,
    object: typeId ? { label: HUBSPOT_OBJECTS[typeId] ?? 'Custom object', apiName: typeId } : null,
    page,
    recordKey: route.recordId && page !== 'new' ? recordKeyOf(`${typeId}/${route.recordId}`, ctx.salt) : null,
    url: url.href,
    fields: page === 'list' || page === 'home' ? [] : oncePerProperty(fields),
  };
}

/**
 * One field per property: the highlight strip at the top of a record repeats properties of the
 * body. The editable one wins (it is where the user fills the value), then the visible one.
 */
function oncePerProperty(fields: FieldModel[]): FieldModel[] {
  const best = new Map<string, FieldModel>();
  const rank = (f: FieldModel) => (f.control && isFormControl(f.control) ? 2 : 0) + (f.visible ? 1 : 0);
  for (const f of fields) {
    const had = best.get(f.apiName);
    if (!had || rank(f) > rank(had)) best.set(f.apiName, f);
  }
  return best.size === fields.length ? fields : fields.filter((f) => best.get(f.apiName) === f);
}

function commonAncestor(a: Element, b: Element): Element | null {
  for (const n of flatAncestors(a)) if (containsDeep(n, b)) return n;
  return null;
}

export const hubspotAdapter: CrmAdapter = builtinAdapter(ID, read, {
  // Only the app itself (app.hubspot.com, app-eu1.hubspot.com), not the marketing or help sites.
  accepts: (url) => /^app(-[a-z0-9]+)?\./i.test(url.hostname),
});

export default hubspotAdapter;
