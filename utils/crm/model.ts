/** Building blocks adapters share to produce a PageModel. Pure. */
import type { AdapterContext, CrmAdapter, CrmObject, FieldModel, LiveReader, PageKind, PageModel } from './types';
import { logOnce } from './log';
import { matchesAny } from '../patterns/match-pattern';
import { crmEntry, type CrmId } from './registry';
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

/**
 * What displayed text shows when the page's "no value" texts are `empties` (compared without case
 * or surrounding space; a reader's default, or the packs' list from AdapterContext.emptyTexts).
 */
export function textShownWith(text: string, empties: readonly string[], control?: Element): DisplayedValue {
  const t = clean(text);
  const key = t.toLowerCase();
  const empty = t === '' || empties.some((e) => clean(e).toLowerCase() === key);
  return { value: empty ? '' : t, empty, control };
}

/**
 * A built-in CRM adapter from its registry entry (utils/crm/registry.ts): its name, and a URL test
 * derived from the entry's hosts (https only), narrowed by `accepts` when the reader handles only
 * some paths of those hosts. Reads through safeRead (never throws).
 */
export function builtinAdapter(
  id: CrmId,
  read: (doc: Document, url: URL, ctx: AdapterContext) => PageModel,
  opts: { accepts?: (url: URL) => boolean; live?: () => LiveReader } = {},
): CrmAdapter {
  const entry = crmEntry(id);
  const hosts = entry?.hosts ?? [];
  const accepts = opts.accepts;
  const createLiveReader = opts.live;
  const matches = (url: URL): boolean => url.protocol === 'https:' && matchesAny(hosts, url) && (!accepts || accepts(url));
  const adapter: CrmAdapter = {
    id,
    name: entry?.name ?? id,
    matches,
    read: (doc, url, ctx) => safeRead(id, url, () => read(doc, url, ctx)),
  };
  if (createLiveReader) adapter.createLiveReader = () => guardedLiveReader(id, createLiveReader());
  return adapter;
}

/**
 * A live reader that never throws: a failed live read falls back to the adapter's full read
 * (undefined), and the next one starts afresh ('all'); a failed naming keeps the container.
 */
export function guardedLiveReader(id: string, reader: LiveReader): LiveReader {
  let broken = false;
  const guarded: LiveReader = {
    selectors: reader.selectors,
    read(doc, url, ctx, index, changed) {
      try {
        const model = reader.read(doc, url, ctx, index, broken ? 'all' : changed);
        broken = false;
        return model;
      } catch (err) {
        broken = true;
        logOnce(`${id} adapter could not read the page incrementally`, err);
        return undefined;
      }
    },
  };
  // Only what the reader has: a naming test makes the index test every container.
  const { named, prepare } = reader;
  if (named) {
    guarded.named = (el, keys) => {
      try {
        return named.call(reader, el, keys);
      } catch (err) {
        logOnce(`${id} adapter could not name a field`, err);
        return undefined;
      }
    };
  }
  if (prepare) {
    guarded.prepare = (el, ctx, index) => {
      try {
        prepare.call(reader, el, ctx, index);
      } catch (err) {
        logOnce(`${id} adapter could not read a field`, err);
      }
    };
  }
  return guarded;
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

interface FieldDetails {
  shown: DisplayedValue;
  required: boolean;
}

/** Lazy parts of a field (see lazyField); getters on the prototype keep each field small and quick to make. */
class LazyField implements FieldModel {
  readonly label: string;
  readonly apiName: string;
  readonly element: Element;
  #read: () => FieldDetails;
  #details: FieldDetails | undefined;
  #sectionOf: () => string | undefined;
  #section: string | undefined | null = null;
  #visible: () => boolean;

  constructor(label: string, apiName: string, element: Element, read: () => FieldDetails, section: () => string | undefined, visible: () => boolean) {
    this.label = label;
    this.apiName = apiName;
    this.element = element;
    this.#read = read;
    this.#sectionOf = section;
    this.#visible = visible;
  }
  #get(): FieldDetails {
    return (this.#details ??= this.#read());
  }
  get value(): string {
    return this.#get().shown.value;
  }
  get empty(): boolean {
    return this.#get().shown.empty;
  }
  get required(): boolean {
    return this.#get().required;
  }
  get control(): Element | undefined {
    return this.#get().shown.control;
  }
  get section(): string | undefined {
    if (this.#section === null) this.#section = this.#sectionOf() || undefined;
    return this.#section;
  }
  get visible(): boolean {
    return this.#visible();
  }
}

/**
 * A field for live reading: label and API name now; value, emptiness, control, required mark and
 * section read when first asked for (most fields of a big page never are); visibility asked each time (the live index remembers it until something that can change it changes).
 */
export function lazyField(p: {
  label: string;
  apiName?: string | null;
  element: Element;
  details: () => FieldDetails;
  section: () => string | undefined;
  visible: () => boolean;
}): FieldModel {
  const label = clean(p.label);
  return new LazyField(label, clean(p.apiName) || label, p.element, p.details, p.section, p.visible);
}
