/**
 * SuiteCRM 7 (SuiteP theme), self-hosted: it has no host of its own, so a pack's site entry names
 * this reader with the hosts where it runs (`{ "crm": "suitecrm", "match": [...] }`, docs/packs.md
 * "Sites"); the entry's `object`, `page`, `record` and `field` override what the reader finds.
 * Markup read (SuiteCRM 7.14.6, server-rendered Smarty; docs/adapters.md "SuiteCRM 7"):
 * - URLs `index.php?module=M&action=DetailView|EditView&record=<uuid>`, or inside the ajaxUI
 *   hash `index.php?action=ajaxui#ajaxUILoc=index.php%3Fmodule%3DM%26action%3D…` (navigation swaps
 *   #content by XHR without a load: watch.ts follows hashchange and mutations);
 * - detail cells `.detail-view-row-item[data-field=X]` > `.label` ("Expected Close Date:") and
 *   `.detail-view-field`; empties are an empty carrier span, whitespace for amount, or a relate
 *   with `data-id-value=""`; enums a hidden input plus a text node; a double-click opens an inline
 *   editor in the cell (`.inlineEditActive` with its own `form#EditView`) and saving swaps the cell;
 * - edit cells `.edit-view-row-item[data-field=X]` > `.label` with `span.required`, and
 *   `.edit-view-field` around the control named X;
 * - the record id in `#formDetailView input[name=record]` and the edit form's `input[name=record]`
 *   (empty on a new record). It only ever leaves this module hashed (recordKeyOf).
 */
import type { SiteDefinition } from '../packs/types';
import type { AdapterContext, CrmAdapter, CrmObject, FieldModel, LiveReader, PageIndex, PageKind, PageModel } from './types';
import { clean, FORM_CONTROL_SELECTOR, isVisible, newVisibilityMemo, textOf } from './dom';
import { controlShown, field, guardedLiveReader, safeRead, textShown, type DisplayedValue } from './model';
import { normaliseLabel } from './labels';
import { recordKeyOf } from './hash';
import { siteMatches, siteParts } from './sites';

export const SUITECRM = 'suitecrm';

/** Singular labels of SuiteCRM's stock modules; other modules show their module name. */
export const SUITECRM_MODULES: Record<string, string> = {
  Accounts: 'Account',
  Contacts: 'Contact',
  Leads: 'Lead',
  Opportunities: 'Opportunity',
  Cases: 'Case',
  Calls: 'Call',
  Meetings: 'Meeting',
  Tasks: 'Task',
  Notes: 'Note',
  Campaigns: 'Campaign',
  Documents: 'Document',
  Project: 'Project',
  Bugs: 'Bug',
  AOS_Quotes: 'Quote',
  AOS_Contracts: 'Contract',
  AOS_Invoices: 'Invoice',
  AOS_Products: 'Product',
  Prospects: 'Target',
};

export interface SuiteCrmRoute {
  module: string | null;
  /** The action as written (DetailView, EditView, index, ListView, ajaxui, …). */
  action: string | null;
  record: string | null;
  duplicate: boolean;
}

/** Module, action and record from a SuiteCRM URL, reading the ajaxUI hash first when there is one. Pure. */
export function parseSuiteCrmUrl(url: URL): SuiteCrmRoute {
  let params = url.searchParams;
  const loc = new URLSearchParams(url.hash.replace(/^#/, '')).get('ajaxUILoc');
  if (loc) {
    const q = loc.indexOf('?');
    params = new URLSearchParams(q >= 0 ? loc.slice(q + 1) : '');
  }
  return {
    module: clean(params.get('module')) || null,
    action: clean(params.get('action')) || null,
    record: clean(params.get('record')) || null,
    duplicate: params.get('isDuplicate') === 'true',
  };
}

/** The page kind a route names: detail -> record, edit -> edit (new without a record), index/list -> list. */
export function pageOfRoute(route: SuiteCrmRoute): PageKind {
  const action = (route.action ?? '').toLowerCase();
  if (!route.module || route.module === 'Home') return 'home';
  if (action === 'detailview') return 'record';
  if (action === 'editview') return route.record && !route.duplicate ? 'edit' : 'new';
  if (action === 'index' || action === 'listview' || action === '') return 'list';
  return 'home';
}

const DETAIL_CELL = '.detail-view-row-item[data-field]';
const EDIT_CELL = '.edit-view-row-item[data-field]';

function childWithClass(el: Element, cls: string): Element | null {
  for (let c = el.firstElementChild; c; c = c.nextElementSibling) if (c.classList.contains(cls)) return c;
  return null;
}

function inputValue(form: Element | null, name: string): string | null {
  const input = form?.querySelector(`input[name="${name}"]`);
  return input ? clean(input.getAttribute('value') ?? (input as HTMLInputElement).value) : null;
}

/** What a detail cell shows: the inline editor's control while it is open, else the displayed text. */
function detailShown(cell: Element): DisplayedValue {
  const view = cell.querySelector('.detail-view-field');
  if (!view) return textShown('');
  if (view.classList.contains('inlineEditActive')) {
    const editor = view.querySelector(FORM_CONTROL_SELECTOR);
    if (editor) return controlShown(editor);
  }
  if (view.getAttribute('type') === 'bool') {
    // A checkbox shows a value either way: unchecked is "no", not "empty".
    const box = view.querySelector('input[type=checkbox]') as HTMLInputElement | null;
    return { value: box?.checked ? 'true' : 'false', empty: false };
  }
  const relate = view.querySelector('[data-id-value]');
  if (relate && relate.getAttribute('data-id-value') === '') return { value: '', empty: true };
  return textShown(textOf(view, { skip: '.inlineEditIcon' }));
}

/** The control of an edit cell: the one named after the field, else its first control. */
function editControl(cell: Element, name: string): Element | null {
  const view = cell.querySelector('.edit-view-field') ?? cell;
  const controls = Array.from(view.querySelectorAll(FORM_CONTROL_SELECTOR));
  return controls.find((c) => c.getAttribute('name') === name) ?? controls[0] ?? null;
}

function panelOf(cell: Element, memo: Map<Element, string | undefined>): string | undefined {
  const panel = cell.closest('.panel');
  if (!panel) return undefined;
  if (!memo.has(panel)) {
    const heading = panel.querySelector('.panel-heading');
    memo.set(panel, heading ? textOf(heading) || undefined : undefined);
  }
  return memo.get(panel);
}

function readCells(cells: readonly Element[], edit: boolean, visible: (el: Element) => boolean): FieldModel[] {
  const fields: FieldModel[] = [];
  const panels = new Map<Element, string | undefined>();
  for (const cell of cells) {
    const api = clean(cell.getAttribute('data-field'));
    const labelEl = childWithClass(cell, 'label');
    const { label, marked } = normaliseLabel(labelEl ? textOf(labelEl) : '');
    if (!api || !label) continue;
    let shown: DisplayedValue;
    let required = false;
    if (edit) {
      const control = editControl(cell, api);
      shown = control ? controlShown(control) : textShown(textOf(cell, { skip: '.label' }));
      required = marked || !!labelEl?.querySelector('span.required') || !!control?.hasAttribute('required');
    } else {
      shown = detailShown(cell);
    }
    fields.push(field({ label, apiName: api, element: cell, shown, required, section: panelOf(cell, panels), visible: visible(cell) }));
  }
  return fields;
}

/** Where a read finds the cells and their visibility: the document itself, or the live index. */
interface CellSource {
  cells(selector: string): readonly Element[];
  visible(el: Element): boolean;
}

function documentCells(doc: Document): CellSource {
  const memo = newVisibilityMemo();
  return { cells: (selector) => Array.from(doc.querySelectorAll(selector)), visible: (el) => isVisible(el, memo) };
}

const indexCells = (index: PageIndex): CellSource => ({ cells: (selector) => index.all(selector), visible: (el) => index.visible(el) });

interface SuiteCrmView {
  page: PageKind;
  module: string | null;
  recordId: string | null;
  fields: FieldModel[];
}

/**
 * The view the page shows. The markup decides between detail and edit (after an ajaxUI form
 * post the URL can still name the page before); the URL decides list and home. Pure.
 */
export function readSuiteCrmView(doc: Document, url: URL, source: CellSource = documentCells(doc)): SuiteCrmView {
  const route = parseSuiteCrmUrl(url);
  const detailCells = source.cells(DETAIL_CELL);
  if (detailCells.length > 0) {
    const form = doc.getElementById('formDetailView');
    const fields = readCells(detailCells, false, source.visible);
    // An open inline editor turns the detail view into an edit (docs/adapters.md, page kinds).
    const editing = detailCells.some((c) => c.querySelector('.detail-view-field.inlineEditActive ' + FORM_CONTROL_SELECTOR));
    return {
      page: editing ? 'edit' : 'record',
      module: route.module ?? (inputValue(form, 'module') || null),
      recordId: inputValue(form, 'record') || route.record,
      fields,
    };
  }
  const editCells = source.cells(EDIT_CELL);
  if (editCells.length > 0) {
    const form = editCells[0].closest('form');
    const formRecord = inputValue(form, 'record');
    const recordId = formRecord ?? route.record;
    const duplicate = inputValue(form, 'isDuplicate') === 'true' || route.duplicate;
    return {
      page: recordId && !duplicate ? 'edit' : 'new',
      module: route.module ?? (inputValue(form, 'module') || null),
      recordId: duplicate ? null : recordId || null,
      fields: readCells(editCells, true, source.visible),
    };
  }
  const page = pageOfRoute(route);
  return { page: page === 'record' || page === 'edit' ? 'home' : page, module: route.module, recordId: null, fields: [] };
}

function objectOfModule(module: string | null): CrmObject | null {
  return module ? { label: SUITECRM_MODULES[module] ?? module, apiName: module } : null;
}

/**
 * Live reading: the index tracks the cells, and a batch that added, removed or changed none of
 * them, on the same URL, with no visibility of a cell changed, gives the previous model object
 * back (so the coach does not plan again either). Everything else the reader looks at (the
 * record form's inputs, panel headings) changes only with the cells in SuiteCRM's markup: a view
 * is swapped whole, an inline edit happens inside its cell. A SuiteCRM page changes often
 * outside the record (menus, the sidebar, ajaxUI's own scripts): re-reading the view on each of
 * those was most of the coach's work there (bench/tools/suite-diff.mjs, PROFILE=1).
 */
function createSuiteCrmReader(read: (doc: Document, url: URL, ctx: AdapterContext, source: CellSource) => PageModel): LiveReader {
  let last: { doc: Document; href: string; ctx: AdapterContext; epoch: number; model: PageModel } | null = null;
  return {
    selectors: [DETAIL_CELL, EDIT_CELL],
    read(doc, url, ctx, index, changed) {
      const same = last && changed !== 'all' && changed.size === 0 && last.doc === doc && last.href === url.href && last.ctx === ctx && last.epoch === index.visibilityEpoch;
      if (same && last) return last.model;
      last = null;
      const model = read(doc, url, ctx, indexCells(index));
      // The epoch after the read: asking the cells' visibility is what the index remembers.
      last = { doc, href: url.href, ctx, epoch: index.visibilityEpoch, model };
      return model;
    },
  };
}

/** The reader for one site entry with `"crm": "suitecrm"`; the entry's own parts override it. */
export function suiteCrmAdapter(site: SiteDefinition): CrmAdapter {
  const parts = siteParts(site);

  function read(doc: Document, url: URL, ctx: AdapterContext, source?: CellSource): PageModel {
    const view = readSuiteCrmView(doc, url, source);
    const page = (site.page && parts.pageOf(url)) || view.page;
    const recordId = (site.record && parts.recordIdOf(url)) || view.recordId;
    const fields = site.field ? parts.readFields(doc, ctx) : view.fields;
    const onRecord = page === 'record' || page === 'edit';
    return {
      crm: site.id,
      reader: SUITECRM,
      object: site.object ? parts.objectOf(doc, url, ctx) : objectOfModule(view.module),
      page,
      recordKey: onRecord && recordId ? recordKeyOf(`${site.id}:${recordId}`, ctx.salt) : null,
      url: url.href,
      fields: page === 'list' || page === 'home' ? [] : fields,
    };
  }

  const adapter: CrmAdapter = {
    id: site.id,
    name: site.name,
    matches: (url) => siteMatches(site, url),
    read: (doc, url, ctx) => safeRead(site.id, url, () => read(doc, url, ctx)),
  };
  // An entry that reads its own fields or its object from the page looks outside the cells: read in full.
  if (!site.field && !(site.object && 'selector' in site.object)) {
    adapter.createLiveReader = () => guardedLiveReader(site.id, createSuiteCrmReader(read));
  }
  return adapter;
}
