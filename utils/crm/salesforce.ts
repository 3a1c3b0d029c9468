/**
 * Salesforce: Lightning Experience (record view, inline edit, new/edit modals, list, home) and
 * Classic detail/edit pages.
 *
 * Lightning fields are `records-record-layout-item[field-label]` carrying
 * `data-target-selection-name="sfdc:RecordField.<Object>.<Field>"`, rendered in nested custom
 * elements inside open shadow roots (native shadow), in light DOM (synthetic shadow) or in closed
 * roots reached through ctx.shadowRootOf. Lightning keeps pages the user left in the DOM, hidden:
 * only the visible page (and a visible modal over it) is read.
 */
import type { AdapterContext, CrmAdapter, CrmObject, FieldModel, LiveReader, PageIndex, PageKind, PageModel } from './types';
import {
  clean,
  closestDeep,
  controlRequired,
  deepQuery,
  deepQueryAll,
  flatParent,
  FORM_CONTROL_SELECTOR,
  safeMatches,
  isVisible,
  newVisibilityMemo,
  sectionOf,
  stripRequiredMark,
  textOf,
  type ShadowRootOf,
  type VisibilityMemo,
} from './dom';
import { builtinAdapter, displayedValue, emptyModel, field, labelFromApiName, lazyField, type DisplayedValue } from './model';
import { carryFieldIndex, nameKey } from './targets';
import { recordKeyOf } from './hash';

const ID = 'salesforce';

/** Key prefixes of common standard objects (Classic URLs carry only the id). */
const KEY_PREFIX: Record<string, string> = {
  '001': 'Account',
  '003': 'Contact',
  '006': 'Opportunity',
  '00Q': 'Lead',
  '500': 'Case',
  '701': 'Campaign',
  '800': 'Contract',
  '801': 'Order',
  '0Q0': 'Quote',
  '00T': 'Task',
  '00U': 'Event',
  '01t': 'Product2',
};

const STANDARD_LABELS: Record<string, string> = { Product2: 'Product' };

const ITEM_SELECTOR = 'records-record-layout-item, [data-target-selection-name^="sfdc:RecordField."]';
const PAGE_CONTAINERS = '.oneContent, .windowViewMode-normal, .windowViewMode-maximized, .windowViewMode-console';
const DIALOGS = 'section[role=dialog], div[role=dialog], .uiModal, .slds-modal';
const SECTION_CONTAINERS = 'records-record-layout-section, .slds-section, section, [role=region], details, fieldset';
const SKIP_TEXT = '.slds-assistive-text, .assistiveText, button, abbr.slds-required, .slds-required';
const LABELS = '.test-id__field-label, label.slds-form-element__label, .slds-form-element__label';
const LABEL_SKIP = '.slds-assistive-text, abbr.slds-required, .slds-required';
const DISPLAYS = '[data-output-element-id=output-field], .test-id__field-value, .slds-form-element__static';
const REQUIRED_MARKS = 'abbr.slds-required, .slds-required';
const BASE_INPUT = 'records-record-layout-base-input';

interface LightningRoute {
  page: PageKind;
  objectApi: string | null;
  recordId: string | null;
}

/** Page kind, object and record id from a Lightning URL. Pure. */
export function parseLightningUrl(url: URL): LightningRoute | null {
  const p = url.pathname;
  if (!p.startsWith('/lightning/')) return null;
  let m = /^\/lightning\/r\/(?:([A-Za-z][\w]*)\/)?([a-zA-Z0-9]{15,18})\/(view|edit|related\/[^/]+\/view|clone)(?:\/|$)/.exec(p);
  if (m) {
    const id = m[2];
    const action = m[3];
    return {
      page: action === 'edit' ? 'edit' : action === 'clone' ? 'new' : 'record',
      objectApi: m[1] ?? KEY_PREFIX[id.slice(0, 3)] ?? null,
      recordId: action === 'clone' ? null : id,
    };
  }
  m = /^\/lightning\/o\/([A-Za-z][\w]*)\/(new|list|home)(?:\/|$)/.exec(p);
  if (m) return { page: m[2] === 'new' ? 'new' : 'list', objectApi: m[1], recordId: null };
  return { page: 'home', objectApi: null, recordId: null };
}

/** Page kind, object and record id from a Classic URL (/006xx..., /006xx.../e, /006/e, /006/o). Pure. */
export function parseClassicUrl(url: URL): LightningRoute | null {
  const p = url.pathname;
  let m = /^\/([a-zA-Z0-9]{15}|[a-zA-Z0-9]{18})(\/e)?\/?$/.exec(p);
  if (m && /^[a-zA-Z0-9]{3}/.test(m[1]) && /\d/.test(m[1])) {
    return { page: m[2] ? 'edit' : 'record', objectApi: KEY_PREFIX[m[1].slice(0, 3)] ?? null, recordId: m[1] };
  }
  m = /^\/([a-zA-Z0-9]{3})\/(e|o)\/?$/.exec(p);
  if (m) return { page: m[2] === 'e' ? 'new' : 'list', objectApi: KEY_PREFIX[m[1]] ?? null, recordId: null };
  if (/^\/home\/home\.jsp/.test(p) || p === '/') return { page: 'home', objectApi: null, recordId: null };
  return null;
}

function objectLabel(api: string): string {
  return STANDARD_LABELS[api] ?? labelFromApiName(api);
}

/** 15-character form of a Salesforce id, so Classic (15) and Lightning (18) keys agree. */
function canonicalId(id: string): string {
  return id.length === 18 ? id.slice(0, 15) : id;
}

const targets = new Map<string, { object: string; field: string } | null>();

function selectionTarget(el: Element): { object: string; field: string } | null {
  return parseSelectionTarget(el.getAttribute('data-target-selection-name') ?? '');
}

function parseSelectionTarget(raw: string): { object: string; field: string } | null {
  let t = targets.get(raw);
  if (t === undefined) {
    const m = /^sfdc:RecordField\.([\w]+)\.([\w.]+)$/.exec(raw);
    t = m ? { object: m[1], field: m[2] } : null;
    if (targets.size > 4000) targets.clear();
    targets.set(raw, t);
  }
  return t;
}

/** The visible page containers (Lightning keeps stale ones, hidden); null when the shell has none. */
function visiblePages(doc: Document, sro: ShadowRootOf | undefined, memo: VisibilityMemo): Element[] | null {
  const all = deepQueryAll(doc, PAGE_CONTAINERS, sro);
  if (all.length === 0) return null;
  // Outermost containers only (a .oneContent may itself carry windowViewMode-*).
  const outer = all.filter((el) => {
    const p = flatParent(el);
    return !p || !closestDeep(p, PAGE_CONTAINERS);
  });
  return outer.filter((el) => isVisible(el, memo));
}

function visibleModal(doc: Document, sro: ShadowRootOf | undefined, memo: VisibilityMemo): Element | null {
  const dialogs = deepQueryAll(doc, DIALOGS, sro);
  for (let i = dialogs.length - 1; i >= 0; i--) {
    const d = dialogs[i];
    if (isVisible(d, memo) && deepQuery(d, ITEM_SELECTOR, sro)) return d;
  }
  return null;
}

function itemLabel(item: Element, sro: ShadowRootOf | undefined): string {
  const rawLabel = item.getAttribute('field-label') ?? textOf(deepQuery(item, LABELS, sro), { skip: LABEL_SKIP, shadowRootOf: sro });
  return stripRequiredMark(rawLabel).label;
}

interface ItemValue {
  control: Element | null;
  shown: DisplayedValue;
  required: boolean;
}

/** The control, displayed value and required mark of an item. */
function itemValue(item: Element, sro: ShadowRootOf | undefined): ItemValue {
  const control = deepQuery(item, FORM_CONTROL_SELECTOR, sro);
  const display = control ? null : (deepQuery(item, DISPLAYS, sro) ?? deepQuery(item, '.slds-form-element__control', sro));
  const shown = displayedValue(item, { control, display, skip: SKIP_TEXT, shadowRootOf: sro });
  const required = !!deepQuery(item, REQUIRED_MARKS, sro) || controlRequired(control) || controlRequired(shown.control ?? null);
  return { control, shown, required };
}

/**
 * A disabled or read-only control shows a value in a view (Lightning renders a record's checkbox
 * as a disabled input): it does not make the page an edit.
 */
function isReadOnlyControl(el: Element): boolean {
  return el.hasAttribute('disabled') || el.hasAttribute('readonly') || el.getAttribute('aria-readonly') === 'true';
}

function readItem(item: Element, sro: ShadowRootOf | undefined, memo: VisibilityMemo, sections: Map<Element, string>): { f: FieldModel; editing: boolean } | null {
  const target = selectionTarget(item);
  const label = itemLabel(item, sro);
  if (!label) return null;
  const editing = !!deepQuery(item, BASE_INPUT, sro);
  const { control, shown, required } = itemValue(item, sro);
  return {
    f: field({
      label,
      apiName: target?.field ?? control?.getAttribute('name') ?? null,
      element: item,
      shown,
      required,
      section: sectionTitle(item, sections, sro),
      visible: isVisible(item, memo),
    }),
    editing: editing || (!!control && !isReadOnlyControl(control)),
  };
}

function sectionTitle(item: Element, memo: Map<Element, string>, sro: ShadowRootOf | undefined): string | undefined {
  const parent = flatParent(item);
  const sec = parent ? closestDeep(parent, 'records-record-layout-section') : null;
  if (sec) {
    let title = memo.get(sec);
    if (title === undefined) {
      title = clean(textOf(deepQuery(sec, '.slds-section__title, .test-id__section-header-title', sro), { shadowRootOf: sro }));
      memo.set(sec, title);
    }
    if (title) return title;
  }
  return sectionOf(item, SECTION_CONTAINERS);
}

function readLightning(doc: Document, url: URL, ctx: AdapterContext, route: LightningRoute): PageModel {
  const sro = ctx.shadowRootOf;
  const memo = newVisibilityMemo();
  const modal = visibleModal(doc, sro, memo);
  let scopes: ParentNode[];
  if (modal) scopes = [modal];
  else scopes = visiblePages(doc, sro, memo) ?? [doc];

  const items: Element[] = [];
  const itemSet = new Set<Element>();
  for (const s of scopes) {
    for (const el of deepQueryAll(s, ITEM_SELECTOR, sro)) {
      if (itemSet.has(el)) continue;
      itemSet.add(el);
      items.push(el);
    }
  }

  // Object: URL first, then the layout's selection names.
  let objectApi = route.objectApi;
  if (!objectApi) {
    for (const it of items) {
      const t = selectionTarget(it);
      if (t) {
        objectApi = t.object;
        break;
      }
    }
  }

  const fields: FieldModel[] = [];
  const sections = new Map<Element, string>();
  let editing = false;
  for (const it of items) {
    // Nested match (an inner element also carrying the selection name): keep the outermost.
    const parent = flatParent(it);
    const outer = parent ? closestDeep(parent, ITEM_SELECTOR) : null;
    if (outer && itemSet.has(outer)) continue;
    const t = selectionTarget(it);
    if (objectApi && t && t.object !== objectApi) continue; // another object's leftovers
    const r = readItem(it, sro, memo, sections);
    if (!r) continue;
    fields.push(r.f);
    if (r.editing && r.f.visible) editing = true;
  }

  let page = route.page;
  if (modal && page === 'record') page = 'edit';
  if (!modal && page === 'record' && editing) page = 'edit'; // inline edit

  let object: CrmObject | null = null;
  if (objectApi) {
    let label = '';
    if (!modal && (page === 'record' || page === 'edit')) {
      for (const s of scopes) {
        const el = deepQuery(s, '.entityNameTitle', sro);
        if (el) {
          label = textOf(el, { shadowRootOf: sro });
          break;
        }
      }
    }
    object = { label: label || objectLabel(objectApi), apiName: objectApi };
  }

  return {
    crm: ID,
    object,
    page,
    recordKey: route.recordId && (page === 'record' || page === 'edit') ? recordKeyOf(canonicalId(route.recordId), ctx.salt) : null,
    url: url.href,
    fields: page === 'home' || page === 'list' ? [] : fields,
  };
}

/** Parts of a Classic page that repeat labels without being the record's fields. */
const CLASSIC_NOT_RECORD = '#InlineEditDialog, .inlineEditDialog, .bRelatedList';

/**
 * A Classic detail checkbox is an image (img.checkImg, alt "Checked" / "Not Checked"): both are
 * values, an unchecked box is not an empty field. Null when the cell shows no checkbox image.
 */
function classicCheckbox(data: Element): DisplayedValue | null {
  const img = data.querySelector('img.checkImg, img[src*="checkbox_"]');
  if (!img || data.querySelector(FORM_CONTROL_SELECTOR)) return null;
  const checked = /(^|_)checked\.gif$/.test(img.getAttribute('src') ?? '') || clean(img.getAttribute('alt')).toLowerCase() === 'checked';
  return { value: checked ? 'true' : 'false', empty: false };
}

function readClassic(doc: Document, url: URL, ctx: AdapterContext, route: LightningRoute): PageModel {
  const memo = newVisibilityMemo();
  const fields: FieldModel[] = [];
  const labels = Array.from(doc.querySelectorAll('.detailList td.labelCol, .detailList th.labelCol'));
  let editing = false;
  for (const cell of labels) {
    // The hidden inline-edit dialog holds copies of labels: never fields of the record.
    if (cell.closest(CLASSIC_NOT_RECORD)) continue;
    const data = cell.nextElementSibling;
    if (!data || !data.classList.contains('dataCol')) continue;
    const { label, marked } = stripRequiredMark(textOf(cell, { skip: '.assistiveText, .helpButton, .helpOrb, .requiredMark' }));
    if (!label) continue;
    const control = data.querySelector(FORM_CONTROL_SELECTOR);
    if (control) editing = true;
    const shown = classicCheckbox(data) ?? displayedValue(data, { control, skip: '.assistiveText, .helpButton, a.lookupIcon' });
    const block = cell.closest('.pbSubsection');
    const header = block?.previousElementSibling?.classList.contains('pbSubheader') ? block.previousElementSibling : null;
    fields.push(
      field({
        label,
        // Edit inputs are named by field id (opp7, 00N…), detail values are div#<field id>_ileinner.
        apiName: control?.getAttribute('name') ?? data.querySelector('[id$="_ileinner"]')?.id.replace(/_ileinner$/, '') ?? null,
        element: data,
        shown,
        required: marked || cell.classList.contains('requiredInput') || !!data.querySelector('.requiredInput, .requiredBlock') || controlRequired(control),
        section: header ? textOf(header.querySelector('h3') ?? header, { skip: '.assistiveText' }) || undefined : undefined,
        visible: isVisible(data, memo),
      }),
    );
  }
  let objectApi = route.objectApi;
  const pageType = textOf(doc.querySelector('h1.pageType'));
  if (!objectApi && pageType) objectApi = pageType.replace(/\s+Edit$/, '').replace(/\s+/g, '');
  const page = route.page === 'record' && editing && doc.querySelector('form .pbBottomButtons input[name=save]') ? 'edit' : route.page;
  return {
    crm: ID,
    object: objectApi ? { label: (pageType && pageType.replace(/\s+Edit$/, '')) || objectLabel(objectApi), apiName: objectApi } : null,
    page,
    recordKey: route.recordId ? recordKeyOf(canonicalId(route.recordId), ctx.salt) : null,
    url: url.href,
    fields: page === 'list' || page === 'home' ? [] : fields,
  };
}

// ------------------------------------------------------------ live reading (Lightning)

/** A broad selector (cheap to match on every shadow root of a page); controls are told apart when read. */
const CONTROLS = `${BASE_INPUT}, input, textarea, select, [contenteditable]`;
const isEditing = (el: Element) => el.localName === BASE_INPUT || (safeMatches(el, FORM_CONTROL_SELECTOR) && !isReadOnlyControl(el));
const TITLES = '.entityNameTitle';
const LIVE_SELECTORS: readonly string[] = [ITEM_SELECTOR, PAGE_CONTAINERS, DIALOGS, CONTROLS, TITLES];
const NO_FIELDS: FieldModel[] = [];

interface LiveItem {
  f: FieldModel | null;
  t: { object: string; field: string } | null;
}

/** An item's field (label and API name now, the rest when asked for), memoized until the item changes. */
function liveItem(item: Element, sro: ShadowRootOf | undefined, index: PageIndex): LiveItem {
  return index.memo(item, 'sf', (): LiveItem => {
    const t = selectionTarget(item);
    const label = itemLabel(item, sro);
    if (!label) return { f: null, t };
    let v: ItemValue | undefined;
    const details = () => (v ??= itemValue(item, sro));
    const f = lazyField({
      label,
      apiName: t ? t.field : (details().control?.getAttribute('name') ?? null),
      element: item,
      details,
      section: () => sectionTitle(item, new Map(), sro),
      visible: () => index.visible(item),
    });
    return { f, t };
  });
}

/** Where `el`'s field goes in page order; `hint` is a likely place (where a field just went), tried first. */
function insertionPoint(fields: readonly FieldModel[], el: Element, index: PageIndex, hint: number | undefined): number {
  const h = hint;
  if (h !== undefined && h <= fields.length && (h === 0 || index.order(fields[h - 1].element, el) < 0) && (h === fields.length || index.order(el, fields[h].element) < 0)) return h;
  let lo = 0;
  let hi = fields.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (index.order(fields[mid].element, el) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const sameList = (a: readonly Element[] | null, b: readonly Element[] | null): boolean =>
  a === b || (!!a && !!b && a.length === b.length && a.every((x, i) => x === b[i]));

/**
 * Per set of name keys (one per focus): the answer for each selection name (null: it names no
 * field) and each label seen.
 */
interface NamedAnswers {
  byTarget: Map<string, boolean | null>;
  byLabel: Map<string, boolean>;
}
const namedAnswers = new WeakMap<ReadonlySet<string>, NamedAnswers>();
/** Answers kept per set before they are forgotten (labels and API names repeat from record to record). */
const NAMED_ANSWERS_MAX = 8000;

function remember<T>(m: Map<string, T>, key: string, answer: T): T {
  if (m.size >= NAMED_ANSWERS_MAX) m.clear();
  m.set(key, answer);
  return answer;
}

/**
 * Whether an item is one of the fields `keys` name, from its own attributes: the API name of
 * data-target-selection-name first, then the field-label attribute; undefined when the item has
 * no label attribute (Dynamic Forms: the label is inside) and its API name is not named.
 *
 * Asked of every field container of each new record page and of every re-rendered field (the
 * live index's prune test), so each attribute value's answer is kept per set of keys: a repeat
 * costs one lookup per attribute instead of parsing, normalising and looking up again.
 */
function itemNamed(item: Element, keys: ReadonlySet<string>): boolean | undefined {
  let answers = namedAnswers.get(keys);
  if (!answers) namedAnswers.set(keys, (answers = { byTarget: new Map(), byLabel: new Map() }));
  const raw = item.getAttribute('data-target-selection-name') ?? '';
  let byApi = answers.byTarget.get(raw);
  if (byApi === undefined) {
    const t = parseSelectionTarget(raw);
    byApi = remember(answers.byTarget, raw, t ? keys.has(nameKey(t.field)) : null);
  }
  if (byApi) return true;
  const label = item.getAttribute('field-label');
  if (label === null) return undefined;
  let byLabel = answers.byLabel.get(label);
  if (byLabel === undefined) byLabel = remember(answers.byLabel, label, keys.has(nameKey(stripRequiredMark(label).label)));
  if (byLabel) return true;
  // Without a selection name the API name may come from a control inside.
  return byApi === false ? false : undefined;
}

/**
 * Lightning pages read incrementally: the same model as readLightning, from the live index.
 * Items whose subtree did not change keep their field; scopes (visible page or modal), page kind
 * and object are worked out again on every read, which costs a few lookups.
 */
function createLightningReader(): LiveReader {
  let last: { doc: Document; scopes: readonly Element[] | null; objectApi: string | null; fields: FieldModel[]; model: PageModel } | null = null;
  /** The field of each listed item (of last.fields). */
  let byItem = new Map<Element, FieldModel>();
  let routeUrl: URL | null = null;
  let route: LightningRoute | null = null;
  return {
    selectors: LIVE_SELECTORS,
    named: itemNamed,
    prepare(el, ctx, index) {
      liveItem(el, ctx.shadowRootOf, index);
    },
    read(doc, url, ctx, index, changed) {
      // The content script passes the same URL object until the address changes.
      if (url !== routeUrl) {
        routeUrl = url;
        route = parseLightningUrl(url);
      }
      if (!route) {
        last = null;
        return undefined;
      }
      const sro = ctx.shadowRootOf;
      const items = index.all(ITEM_SELECTOR);
      const inside = (el: Element, scope: Element) => index.ancestors(el).includes(scope);

      let modal: Element | null = null;
      const dialogs = index.all(DIALOGS);
      for (let i = dialogs.length - 1; i >= 0 && !modal; i--) {
        const d = dialogs[i];
        if (index.visible(d) && items.some((it) => inside(it, d))) modal = d;
      }
      let scopes: readonly Element[] | null;
      if (modal) scopes = [modal];
      else {
        const pages = index.all(PAGE_CONTAINERS);
        scopes = pages.length ? pages.filter((el) => !index.ancestors(el).some((a) => index.has(PAGE_CONTAINERS, a)) && index.visible(el)) : null;
      }
      const within = scopes;
      const inScope = (el: Element) => within === null || index.ancestors(el).some((a) => within.includes(a));

      let objectApi = route.objectApi;
      if (!objectApi) {
        for (const it of items) {
          const t = inScope(it) ? liveItem(it, sro, index).t : null;
          if (t) {
            objectApi = t.object;
            break;
          }
        }
      }
      /** The item's field when the model lists it: in scope, not nested in another item in scope, of this object. */
      const keep = (it: Element): FieldModel | null => {
        if (!inScope(it)) return null;
        const anc = index.ancestors(it);
        for (let i = anc.length - 1; i >= 0; i--) {
          if (!index.has(ITEM_SELECTOR, anc[i])) continue;
          if (inScope(anc[i])) return null;
          break;
        }
        const r = liveItem(it, sro, index);
        return objectApi && r.t && r.t.object !== objectApi ? null : r.f;
      };

      let fields: FieldModel[];
      if (changed === 'all' || !last || last.doc !== doc || last.objectApi !== objectApi || !sameList(last.scopes, scopes)) {
        fields = [];
        byItem = new Map();
        for (const it of items) {
          const f = keep(it);
          if (!f) continue;
          fields.push(f);
          byItem.set(it, f);
        }
      } else if (changed.size) {
        // Only the changed items: out with their old fields, in with the new ones where they belong.
        const before = last.fields;
        // Spread, not slice(): `before` is frozen (the model's list), and V8's slice() of a frozen
        // array takes a generic path about 100 times slower (2,000 fields: ~100 µs per batch).
        fields = [...before];
        const gone: FieldModel[] = [];
        const hints: number[] = [];
        for (const el of changed) {
          const f = byItem.get(el);
          if (!f) continue;
          byItem.delete(el);
          const at = fields.indexOf(f);
          if (at < 0) continue;
          fields.splice(at, 1);
          gone.push(f);
          hints.push(at);
        }
        const added: FieldModel[] = [];
        for (const el of changed) {
          if (!el.isConnected || !index.has(ITEM_SELECTOR, el)) continue;
          const f = keep(el);
          if (!f) continue;
          // Re-rendered fields come back where the old ones were: the n-th removal place first.
          const at = insertionPoint(fields, el, index, hints[added.length]);
          fields.splice(at, 0, f);
          byItem.set(el, f);
          added.push(f);
        }
        if (gone.length || added.length) carryFieldIndex(before, fields, gone, added);
        else fields = before;
      } else fields = last.fields;

      let editing = false;
      if (!modal && route.page === 'record') {
        search: for (const c of index.all(CONTROLS)) {
          if (!isEditing(c)) continue;
          for (const a of index.ancestors(c)) {
            if (index.has(ITEM_SELECTOR, a) && keep(a) && index.visible(a)) {
              editing = true;
              break search;
            }
          }
        }
      }
      let page = route.page;
      if (modal && page === 'record') page = 'edit';
      if (!modal && page === 'record' && editing) page = 'edit'; // inline edit

      let object: CrmObject | null = null;
      if (objectApi) {
        let label = '';
        if (!modal && (page === 'record' || page === 'edit')) {
          const titles = index.all(TITLES);
          for (const s of scopes ?? [null]) {
            const el = titles.find((x) => s === null || inside(x, s));
            if (el) {
              label = index.memo(el, 'text', () => textOf(el, { shadowRootOf: sro }));
              break;
            }
          }
        }
        object = { label: label || objectLabel(objectApi), apiName: objectApi };
      }
      const recordKey = route.recordId && (page === 'record' || page === 'edit') ? recordKeyOf(canonicalId(route.recordId), ctx.salt) : null;
      const listed = page === 'home' || page === 'list' ? NO_FIELDS : fields;
      const prev = last?.model;
      const model: PageModel =
        prev &&
        prev.fields === listed &&
        prev.url === url.href &&
        prev.page === page &&
        prev.recordKey === recordKey &&
        prev.object?.label === object?.label &&
        prev.object?.apiName === object?.apiName
          ? prev
          : { crm: ID, object, page, recordKey, url: url.href, fields: Object.freeze(listed) as FieldModel[] };
      last = { doc, scopes, objectApi, fields, model };
      return model;
    },
  };
}

export const salesforceAdapter: CrmAdapter = builtinAdapter(
  ID,
  (doc, url, ctx) => {
    const lightning = parseLightningUrl(url);
    if (lightning) return readLightning(doc, url, ctx, lightning);
    const classic = parseClassicUrl(url);
    return classic ? readClassic(doc, url, ctx, classic) : emptyModel(ID, url);
  },
  { live: createLightningReader },
);

export default salesforceAdapter;
