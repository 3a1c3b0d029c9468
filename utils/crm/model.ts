/** Building blocks adapters share to produce a PageModel. Pure. */
import type { AdapterContext, CrmAdapter, CrmObject, FieldModel, PageKind, PageModel } from './types';
import { logOnce } from './log';
import { clean, controlValue, deepQuery, FORM_CONTROL_SELECTOR, isEmptyDisplay, textOf, type ShadowRootOf } from './dom';

export function emptyModel(crm: string, url: URL, page: PageKind = 'home', object: CrmObject | null = null): PageModel {
  return { crm, object, page, recordKey: null, url: url.href, fields: [] };
}

/** Run an adapter body; on any error log once per adapter and return an empty model. Never throws. */
export function safeRead(crm: string, url: URL, body: () => PageModel): PageModel {
  try {
    return body();
  } catch (err) {
    logOnce(`${crm} adapter could not read the page`, err);
    return emptyModel(crm, url);
  }
}

export interface DisplayedValue {
  value: string;
  empty: boolean;
  control?: Element;
}

/** What a form control shows. */
export function controlShown(control: Element): DisplayedValue {
  const value = controlValue(control);
  return { value, empty: clean(value) === '', control };
}

/** What displayed text shows: CRM "no value" markers count as empty. */
export function textShown(text: string, control?: Element): DisplayedValue {
  const empty = isEmptyDisplay(text);
  return { value: empty ? '' : text, empty, control };
}

/** A built-in CRM adapter: https pages `matches` accepts, read through safeRead (never throws). */
export function builtinAdapter(
  id: string,
  name: string,
  matches: (url: URL) => boolean,
  read: (doc: Document, url: URL, ctx: AdapterContext) => PageModel,
): CrmAdapter {
  return {
    id,
    name,
    matches: (url) => url.protocol === 'https:' && matches(url),
    read: (doc, url, ctx) => safeRead(id, url, () => read(doc, url, ctx)),
  };
}

/** Page kind under an open create/edit dialog: editing a record, else creating one. */
export function dialogPage(page: PageKind): PageKind {
  return page === 'record' ? 'edit' : 'new';
}

/**
 * The displayed value of a field container: its form control's value when it has one
 * (placeholder never counts), else the displayed text, where CRM "no value" markers count as empty.
 */
export function displayedValue(
  container: Element,
  opts: { control?: Element | null; display?: Element | null; skip?: string; shadowRootOf?: ShadowRootOf } = {},
): DisplayedValue {
  const control = opts.control === undefined ? deepQuery(container, FORM_CONTROL_SELECTOR, opts.shadowRootOf) : opts.control;
  if (control) return controlShown(control);
  const combo = deepQuery(container, '[role=combobox]', opts.shadowRootOf);
  if (combo) {
    const shown = textShown(textOf(combo, { shadowRootOf: opts.shadowRootOf, skip: opts.skip }), combo);
    return combo.getAttribute('data-value') === '' ? { value: '', empty: true, control: combo } : shown;
  }
  return textShown(textOf(opts.display ?? container, { skip: opts.skip, shadowRootOf: opts.shadowRootOf }));
}

export function field(p: {
  label: string;
  apiName?: string | null;
  element: Element;
  shown: DisplayedValue;
  required: boolean;
  section?: string;
  visible: boolean;
}): FieldModel {
  const label = clean(p.label);
  const f: FieldModel = {
    label,
    apiName: clean(p.apiName) || label,
    empty: p.shown.empty,
    required: p.required,
    element: p.element,
    value: p.shown.value,
    visible: p.visible,
  };
  if (p.section) f.section = p.section;
  if (p.shown.control) f.control = p.shown.control;
  return f;
}

/** "Opportunity_Line__c" -> "Opportunity Line"; "opportunity" -> "Opportunity". */
export function labelFromApiName(api: string): string {
  const base = api.replace(/__(c|r|x|mdt|e)$/i, '').replace(/_/g, ' ').trim();
  return base.charAt(0).toUpperCase() + base.slice(1);
}
