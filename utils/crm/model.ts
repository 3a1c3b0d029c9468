/** Building blocks adapters share to produce a PageModel. Pure. */
import type { CrmObject, FieldModel, PageKind, PageModel } from './types';
import { clean, controlValue, deepQuery, FORM_CONTROL_SELECTOR, isEmptyDisplay, textOf, type ShadowRootOf } from './dom';

export function emptyModel(crm: string, url: URL, page: PageKind = 'home', object: CrmObject | null = null): PageModel {
  return { crm, object, page, recordKey: null, url: url.href, fields: [] };
}

const warned = new Set<string>();

/** Run an adapter body; on any error log once per adapter and return an empty model. Never throws. */
export function safeRead(crm: string, url: URL, body: () => PageModel): PageModel {
  try {
    return body();
  } catch (err) {
    if (!warned.has(crm)) {
      warned.add(crm);
      console.warn(`[CRM Coach] ${crm} adapter could not read the page`, err);
    }
    try {
      return emptyModel(crm, url);
    } catch {
      return { crm, object: null, page: 'home', recordKey: null, url: String(url), fields: [] };
    }
  }
}

export interface DisplayedValue {
  value: string;
  empty: boolean;
  control?: Element;
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
  if (control) {
    const value = controlValue(control);
    return { value, empty: clean(value) === '', control };
  }
  const combo = deepQuery(container, '[role=combobox]', opts.shadowRootOf);
  if (combo) {
    const text = textOf(combo, { shadowRootOf: opts.shadowRootOf, skip: opts.skip });
    const dv = combo.getAttribute('data-value');
    const empty = dv === '' || isEmptyDisplay(text);
    return { value: empty ? '' : text, empty, control: combo };
  }
  const text = textOf(opts.display ?? container, { skip: opts.skip, shadowRootOf: opts.shadowRootOf });
  const empty = isEmptyDisplay(text);
  return { value: empty ? '' : text, empty };
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
