/** What an adapter reads from a CRM page. Field values live only in memory. */
export type PageKind = 'home' | 'list' | 'record' | 'new' | 'edit';

export const PAGE_KINDS: readonly PageKind[] = ['home', 'list', 'record', 'new', 'edit'];

/** The ids of the CRMs with a built-in reader: the CRM registry's (registry.ts), part of the vocabulary every layer may use. */
export { CRM_IDS } from './registry';

export interface CrmObject {
  /** Label as the page shows it, e.g. "Opportunity", "Deal". */
  label: string;
  /** API name, e.g. "Opportunity", "0-3", "Potentials", "opportunity". */
  apiName: string;
}

export interface FieldModel {
  /** Visible label, trimmed, as the page shows it. */
  label: string;
  /** API name when the markup exposes one; otherwise the label. */
  apiName: string;
  empty: boolean;
  required: boolean;
  /** The element that represents the field (container or input); used for anchoring only. */
  element: Element;
  /** The form control (input, textarea, select, combobox) when the field is editable now. Optional. */
  control?: Element;
  /** The field's displayed value. In memory only: never stored, logged or sent. */
  value: string;
  /** Section heading the field sits under, when known. */
  section?: string;
  /** False when the field is in the DOM but not visible (collapsed section, hidden tab). */
  visible: boolean;
}

export interface PageModel {
  /** Adapter id: salesforce, hubspot, dynamics, zoho, pipedrive or a pack `sites[].id`. */
  crm: string;
  /** The built-in reader of a self-hosted CRM site (`sites[].crm`, e.g. suitecrm); `when.crm` may name it too. */
  reader?: string;
  object: CrmObject | null;
  page: PageKind;
  /** Salted local hash of the record id; never the raw id. Null when not on a record. */
  recordKey: string | null;
  url: string;
  fields: FieldModel[];
}

export interface AdapterContext {
  /** Per-install random salt for recordKey hashing. */
  salt: string;
  /** Reaches closed shadow roots where the browser allows it (shadow-root.ts closedShadowRootReader). */
  shadowRootOf?: (el: Element) => ShadowRoot | null;
  /**
   * Displayed texts that mean "no value", per built-in CRM id, replacing the default list of the
   * readers that have one (Zoho, Pipedrive; docs/adapters.md "Empty placeholders"). From the
   * packs' `crms.<id>.emptyText` (empty-texts.ts packEmptyTexts); absent when no pack sets one.
   */
  emptyTexts?: Readonly<Record<string, readonly string[]>>;
}

/**
 * A live index of the page, kept up to date from MutationRecords by the content script (see
 * utils/crm/live-index.ts). Adapters that read incrementally ask it instead of walking the page.
 */
export interface PageIndex {
  /** Elements matching a tracked selector, in page order (what deepQueryAll(doc, selector) returns). */
  all(selector: string): readonly Element[];
  /** True when `el` matches the tracked `selector` (it is in all(selector)). */
  has(selector: string, el: Element): boolean;
  /** Tracked elements (matching any tracked selector) that `el` is inside of, through shadow hosts, outermost first. */
  ancestors(el: Element): readonly Element[];
  /**
   * Memoized per tracked element until a mutation touches the element's subtree or the element
   * moves; for any other element, computed on each call.
   */
  memo<T>(el: Element, key: string, compute: () => T): T;
  /** Whether the element is rendered (isVisible); computed again only after a change that can affect it. */
  visible(el: Element): boolean;
  /**
   * Moves whenever a visibility the index remembered may have changed (it forgot it): while it
   * stays, visible() answers for every element asked before are the same.
   */
  readonly visibilityEpoch: number;
  /** Page order of two elements (composedCompare), faster for tracked ones. */
  order(a: Element, b: Element): number;
}

/** Incremental reading of a page by an adapter, for the content script. */
export interface LiveReader {
  /** Document-level selectors `read` asks the index for. Each must depend only on the element's own attributes. */
  selectors: readonly string[];
  /**
   * Whether a field container (an element of all(selectors[0])) is one of the fields named by
   * `keys` (nameKey of each name a pack uses), from the container's own attributes only: true,
   * false, or undefined when they cannot tell (its label is inside it). Containers answered false
   * are left out: neither listed nor scanned inside (docs/adapters.md "The live index"), so the
   * model lists the named fields only while the packs' names are in focus. It may be asked about
   * any element (before any selector is matched): false only for a field container.
   */
  named?(container: Element, keys: ReadonlySet<string>): boolean | undefined;
  /** Reads ahead what `read` needs from a new or changed element of all(selectors[0]) (done in slices). */
  prepare?(el: Element, ctx: AdapterContext, index: PageIndex): void;
  /**
   * The page model, re-reading only what changed: `changed` holds the tracked elements added,
   * removed or changed since the previous call ('all' after a rebuild). Undefined when this page
   * is not read incrementally (the adapter's `read` is used instead).
   */
  read(doc: Document, url: URL, ctx: AdapterContext, index: PageIndex, changed: ReadonlySet<Element> | 'all'): PageModel | undefined;
}

export interface CrmAdapter {
  id: string;
  name: string;
  /** True when this adapter handles the URL. Pure. */
  matches(url: URL): boolean;
  /** Reads the page. Pure function of the document and URL; never throws (returns an empty model). */
  read(doc: Document, url: URL, ctx: AdapterContext): PageModel;
  /** Optional incremental reading (one reader per page): same models as `read`, at a fraction of the cost per change. */
  createLiveReader?(): LiveReader;
}
