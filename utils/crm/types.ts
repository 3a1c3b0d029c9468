/** What an adapter reads from a CRM page. Field values live only in memory. */
export type PageKind = 'home' | 'list' | 'record' | 'new' | 'edit';

export const PAGE_KINDS: readonly PageKind[] = ['home', 'list', 'record', 'new', 'edit'];

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
  /** Reaches closed shadow roots where the browser allows it (chrome.dom.openOrClosedShadowRoot). */
  shadowRootOf?: (el: Element) => ShadowRoot | null;
}

export interface CrmAdapter {
  id: string;
  name: string;
  /** True when this adapter handles the URL. Pure. */
  matches(url: URL): boolean;
  /** Reads the page. Pure function of the document and URL; never throws (returns an empty model). */
  read(doc: Document, url: URL, ctx: AdapterContext): PageModel;
}
