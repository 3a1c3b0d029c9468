/**
 * Small DOM helpers shared by the adapters. Realm-agnostic (no `instanceof HTMLElement`, no
 * globals), so they work on any document: the page's, a test's jsdom/happy-dom window, an iframe.
 * They read only; they never change the page.
 */

export type ShadowRootOf = (el: Element) => ShadowRoot | null;

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const DOCUMENT_FRAGMENT_NODE = 11;

/** Our own overlay; never read it as part of the CRM page. */
export const OVERLAY_TAG = 'crm-coach-overlay';

/**
 * The shadow root of `el`: an open one directly, a closed one through `shadowRootOf`
 * (shadow-root.ts closedShadowRootReader). Closed roots are looked up on custom elements only,
 * which is where pages put them, to keep the cost of a page walk low.
 */
export function rootOf(el: Element, shadowRootOf?: ShadowRootOf): ShadowRoot | null {
  const open = el.shadowRoot;
  if (open) return open;
  if (!shadowRootOf || el.localName.indexOf('-') < 0) return null;
  try {
    return shadowRootOf(el) ?? null;
  } catch {
    return null;
  }
}

/**
 * The elements that can have a shadow root besides custom elements (DOM Standard, attachShadow;
 * declarative shadow roots follow the same rule). No other element has one, so a walk need not
 * ask: on a Lightning page most elements are buttons, links, list items, inputs and SVG icons.
 */
const SHADOW_HOST_NAMES = new Set(['article', 'aside', 'blockquote', 'body', 'div', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'main', 'nav', 'p', 'section', 'span']);

/** Whether an element with this local name can have a shadow root (a custom element's name holds a hyphen). */
export function canHostShadow(localName: string): boolean {
  return localName.indexOf('-') > 0 || SHADOW_HOST_NAMES.has(localName);
}

/** el.matches that answers false for an invalid selector (pack text can hold anything). */
export function safeMatches(el: Element, selector: string): boolean {
  try {
    return el.matches(selector);
  } catch {
    return false;
  }
}

/**
 * Every element under `root` matching `selector`, through open shadow roots (and closed ones
 * reachable by `shadowRootOf`), in tree order with each shadow tree right after its host.
 * An invalid selector yields []. Our overlay is skipped.
 */
const validSelectors = new Set<string>();

/** Fail fast on an invalid selector (pack text can hold anything); valid ones are remembered. */
export function validSelector(root: ParentNode, selector: string): boolean {
  if (validSelectors.has(selector)) return true;
  try {
    root.querySelector(selector);
  } catch {
    return false;
  }
  if (validSelectors.size < 5000) validSelectors.add(selector);
  return true;
}

export function deepQueryAll(root: ParentNode, selector: string, shadowRootOf?: ShadowRootOf): Element[] {
  const out: Element[] = [];
  if (!validSelector(root, selector)) return out;
  walk(root, selector, shadowRootOf, out, false);
  return out;
}

/**
 * Every tree of the page under `root`: `root` itself, then each shadow root (open, or closed
 * through `shadowRootOf`) inside it, found by one walk. Our overlay is skipped. A caller checking
 * many selectors walks once and queries each tree natively (docs/packs.md "What a pack may cost").
 */
export function treesOf(root: ParentNode, shadowRootOf?: ShadowRootOf): ParentNode[] {
  const trees: ParentNode[] = [root];
  for (let t = 0; t < trees.length; t++) {
    const all = trees[t].querySelectorAll('*');
    for (let i = 0; i < all.length; i++) {
      const el = all[i];
      if (el.localName === OVERLAY_TAG) continue;
      const sr = rootOf(el, shadowRootOf);
      if (sr) trees.push(sr);
    }
  }
  return trees;
}

/**
 * Up to `limit` elements matching `selector` in the given trees (treesOf), tree by tree, our
 * overlay left out. An invalid selector yields [].
 */
export function queryTrees(trees: readonly ParentNode[], selector: string, limit: number): Element[] {
  const out: Element[] = [];
  if (!trees.length || !validSelector(trees[0], selector)) return out;
  for (const tree of trees) {
    const hits = tree.querySelectorAll(selector);
    for (let i = 0; i < hits.length && out.length < limit; i++) {
      if (hits[i].localName !== OVERLAY_TAG) out.push(hits[i]);
    }
    if (out.length >= limit) break;
  }
  return out;
}

/**
 * Whether any element of `trees` (not our overlay host) matches `selector`: one native
 * `querySelector` per tree, which stops at the first match, where `queryTrees` lists every
 * match of a broad selector (`main *`) before keeping the first few.
 */
export function anyInTrees(trees: readonly ParentNode[], selector: string): boolean {
  if (!trees.length || !validSelector(trees[0], selector)) return false;
  for (const tree of trees) {
    const first = tree.querySelector(selector);
    if (!first) continue;
    if (first.localName !== OVERLAY_TAG || queryTrees([tree], selector, 1).length > 0) return true;
  }
  return false;
}

/** The first deep match, or null. */
export function deepQuery(root: ParentNode, selector: string, shadowRootOf?: ShadowRootOf): Element | null {
  if (!validSelector(root, selector)) return null;
  const out: Element[] = [];
  walk(root, selector, shadowRootOf, out, true);
  return out[0] ?? null;
}

/**
 * One tree at a time: the tree's own matches come from a native querySelectorAll, and the
 * elements are visited only to find shadow hosts (no per-element `matches`), so the results keep
 * tree order with each shadow tree right after its host.
 */
function walk(root: ParentNode, selector: string, sro: ShadowRootOf | undefined, out: Element[], firstOnly: boolean): boolean {
  // An element passed as root: its own shadow tree is part of what it renders.
  if ((root as Node).nodeType === ELEMENT_NODE) {
    const own = rootOf(root as Element, sro);
    if (own && walk(own, selector, sro, out, firstOnly)) return true;
  }
  const hits = root.querySelectorAll(selector);
  const all = root.querySelectorAll('*');
  let h = 0;
  let next: Element | null = hits.length ? hits[0] : null;
  for (let i = 0; i < all.length; i++) {
    const el = all[i];
    const overlay = el.localName === OVERLAY_TAG;
    if (el === next) {
      next = ++h < hits.length ? hits[h] : null;
      if (!overlay) {
        out.push(el);
        if (firstOnly) return true;
      }
    }
    if (overlay) continue;
    const sr = rootOf(el, sro);
    if (sr && walk(sr, selector, sro, out, firstOnly)) return true;
  }
  return false;
}

/** The parent in the flat (composed) tree: slot for slotted nodes, host for shadow tree tops. */
export function flatParent(el: Element): Element | null {
  const parent = el.parentElement;
  // Only a child of a host with an open root can have an assigned slot (assignedSlot is null
  // for a closed root's slots): the parent's root is a cheap check, assignedSlot is not.
  if (parent?.shadowRoot) {
    const slot = (el as Element & { assignedSlot?: Element | null }).assignedSlot;
    if (slot) return slot;
  }
  if (parent) return parent;
  const p = el.parentNode;
  if (p && p.nodeType === DOCUMENT_FRAGMENT_NODE && (p as ShadowRoot).host) return (p as ShadowRoot).host;
  return null;
}

/** `el` and its flat-tree ancestors, nearest first. */
export function* flatAncestors(el: Element | null): Generator<Element> {
  for (let n = el; n; n = flatParent(n)) yield n;
}

/** Nearest flat-tree ancestor (or self) matching `selector`, crossing shadow boundaries. */
export function closestDeep(el: Element, selector: string): Element | null {
  for (const n of flatAncestors(el)) if (safeMatches(n, selector)) return n;
  return null;
}

/** True when `a` contains `b` in the flat tree (or is it). */
export function containsDeep(a: Element, b: Element): boolean {
  for (const n of flatAncestors(b)) if (n === a) return true;
  return false;
}

/** Per-read cache for isVisible; make one per page read (the DOM may change between reads). */
export interface VisibilityMemo {
  markup: Map<Element, boolean>;
  style: Map<Element, boolean>;
}

export function newVisibilityMemo(): VisibilityMemo {
  return { markup: new Map(), style: new Map() };
}

/**
 * Whether the element is rendered: not display:none / visibility:hidden itself or through an
 * ancestor (flat tree), not under a [hidden] ancestor, not inside a closed <details> (other than
 * its summary). Uses the engine's checkVisibility where it exists. Pass one memo per page read.
 */
export function isVisible(el: Element, memo: VisibilityMemo = newVisibilityMemo()): boolean {
  try {
    if (hiddenByMarkup(el, memo.markup)) return false;
    const cv = (el as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility;
    if (typeof cv !== 'function') return !hiddenByStyle(el, memo.style);
    if (!cv.call(el, { visibilityProperty: true })) return false;
    // Engines that stop checkVisibility at a shadow root: check each shadow host up the chain.
    const hosts: Element[] = [];
    let visible = true;
    for (let host = hostOf(el); host; host = hostOf(host)) {
      const known = memo.style.get(host);
      if (known !== undefined) {
        visible = known;
        break;
      }
      hosts.push(host);
      if (!cv.call(host, { visibilityProperty: true })) {
        visible = false;
        break;
      }
    }
    for (const h of hosts) memo.style.set(h, visible);
    return visible;
  } catch {
    return true;
  }
}

function hostOf(el: Element): Element | null {
  const root = el.getRootNode?.();
  return root && root.nodeType === DOCUMENT_FRAGMENT_NODE ? ((root as ShadowRoot).host ?? null) : null;
}

/** [hidden] attributes and closed <details> on the flat-tree path (memoized per element). */
function hiddenByMarkup(el: Element, memo: Map<Element, boolean>): boolean {
  const path: Element[] = [];
  let result = false;
  for (let n: Element | null = el; n; n = flatParent(n)) {
    const known = memo.get(n);
    if (known !== undefined) {
      result = known;
      break;
    }
    path.push(n);
    if (n.hasAttribute('hidden') && n.getAttribute('hidden') !== 'until-found') {
      result = true;
      break;
    }
    const p = flatParent(n);
    if (p && p.localName === 'details' && !p.hasAttribute('open') && n.localName !== 'summary') {
      result = true;
      break;
    }
  }
  for (const n of path) memo.set(n, result);
  return result;
}

/** Computed display:none on the flat-tree path, visibility on the element (it inherits). */
function hiddenByStyle(el: Element, memo: Map<Element, boolean>): boolean {
  const view = el.ownerDocument?.defaultView;
  if (!view || typeof view.getComputedStyle !== 'function') return false;
  const own = view.getComputedStyle(el).visibility;
  if (own === 'hidden' || own === 'collapse') return true;
  const path: Element[] = [];
  let result = false;
  for (let n: Element | null = el; n; n = flatParent(n)) {
    const known = memo.get(n);
    if (known !== undefined) {
      result = known;
      break;
    }
    path.push(n);
    const st = view.getComputedStyle(n);
    if (st.display === 'none' || st.visibility === 'hidden') {
      result = true;
      break;
    }
  }
  for (const n of path) memo.set(n, result);
  return result;
}

/** Collapse whitespace and trim. */
export function clean(s: string | null | undefined): string {
  return (s ?? '').replace(/[\s\u00a0]+/g, ' ').trim();
}

/**
 * Text the element renders, through shadow roots (slots contribute their assigned nodes),
 * whitespace collapsed. Skips <style>/<script>/<template> and elements matching `skip`.
 */
export function textOf(el: Element | null, opts: { skip?: string; shadowRootOf?: ShadowRootOf } = {}): string {
  if (!el) return '';
  const parts: string[] = [];
  // `skip` applies to descendants: the element asked about is always read.
  collectText(el, opts, parts, true);
  return clean(parts.join(' '));
}

function collectText(node: Node, opts: { skip?: string; shadowRootOf?: ShadowRootOf }, parts: string[], isRoot = false): void {
  if (node.nodeType === TEXT_NODE) {
    parts.push(node.nodeValue ?? '');
    return;
  }
  if (node.nodeType !== ELEMENT_NODE && node.nodeType !== DOCUMENT_FRAGMENT_NODE) return;
  let children: ArrayLike<Node> = node.childNodes;
  if (node.nodeType === ELEMENT_NODE) {
    const el = node as Element;
    const tag = el.localName;
    if (tag === 'style' || tag === 'script' || tag === 'template' || tag === OVERLAY_TAG) return;
    if (!isRoot && opts.skip && safeMatches(el, opts.skip)) return;
    if (tag === 'slot') {
      const assigned = (el as HTMLSlotElement).assignedNodes?.({ flatten: true }) ?? [];
      if (assigned.length) children = assigned;
    } else {
      const sr = rootOf(el, opts.shadowRootOf);
      if (sr) children = sr.childNodes;
    }
  }
  for (let i = 0; i < children.length; i++) collectText(children[i], opts, parts);
}

/** Display markers CRMs show for "no value" (Salesforce "--None--", HubSpot "--", Zoho "-None-", Dynamics "---"). */
const EMPTY_MARKERS = new Set(['-', '--', '---', '—', '–', '--none--', '-none-', '--无--', '-无-', '(none)', '--select--']);

/** True when displayed text means "no value". */
export function isEmptyDisplay(text: string): boolean {
  const t = clean(text).toLowerCase();
  return t === '' || EMPTY_MARKERS.has(t);
}

const CONTROL_SELECTOR =
  'input:not([type=hidden]):not([type=button]):not([type=submit]):not([type=reset]):not([type=image]), textarea, select, [contenteditable=""], [contenteditable=true]';

/** Form controls a user types into or chooses from. */
export const FORM_CONTROL_SELECTOR = CONTROL_SELECTOR;

/** True for input/textarea/select/contenteditable. */
export function isFormControl(el: Element): boolean {
  return safeMatches(el, CONTROL_SELECTOR);
}

/**
 * The value a control displays: input/textarea value, a select's chosen option text ('' when
 * its value is '' or the option text is an empty marker), "true"/"false" for checkboxes and
 * radios, contenteditable text. Placeholders never count.
 */
export function controlValue(el: Element): string {
  const tag = el.localName;
  if (tag === 'input') {
    const input = el as HTMLInputElement;
    const type = (input.type || 'text').toLowerCase();
    if (type === 'checkbox' || type === 'radio') return input.checked ? 'true' : 'false';
    return input.value ?? '';
  }
  if (tag === 'textarea') return (el as HTMLTextAreaElement).value ?? '';
  if (tag === 'select') {
    const select = el as HTMLSelectElement;
    const opt = select.selectedIndex >= 0 ? select.options[select.selectedIndex] : null;
    if (!opt || select.value === '') return '';
    const text = clean(opt.text || opt.textContent);
    return isEmptyDisplay(text) ? '' : text;
  }
  return textOf(el);
}

/** True when the control or an ancestor marks it required (required, aria-required). */
export function controlRequired(el: Element | null): boolean {
  if (!el) return false;
  return el.hasAttribute('required') || el.getAttribute('aria-required') === 'true';
}

/**
 * Heading of the section an element sits in: the nearest flat-tree ancestor matching
 * `containers` named by aria-label, aria-labelledby, or its first summary/legend/heading.
 */
export function sectionOf(
  el: Element,
  containers = 'section, [role=region], details, fieldset, [role=group][aria-label]',
  memo?: Map<Element, string | undefined>,
): string | undefined {
  for (const n of flatAncestors(flatParent(el))) {
    if (!safeMatches(n, containers)) continue;
    if (memo?.has(n)) return memo.get(n);
    const name = sectionName(n);
    memo?.set(n, name);
    if (name) return name;
  }
  return undefined;
}

function sectionName(n: Element): string | undefined {
  const aria = clean(n.getAttribute('aria-label'));
  if (aria) return aria;
  const ids = clean(n.getAttribute('aria-labelledby'));
  if (ids) {
    const root = n.getRootNode() as Document | ShadowRoot;
    const text = ids
      .split(' ')
      .map((id) => textOf(root.getElementById ? root.getElementById(id) : null))
      .join(' ')
      .trim();
    if (text) return text;
  }
  for (let c = n.firstElementChild; c; c = c.nextElementSibling) {
    if (safeMatches(c, 'summary, legend, h1, h2, h3, h4, h5, h6, [role=heading], header')) {
      const t = textOf(c);
      if (t) return t;
    }
  }
  return undefined;
}

/** Visible dialogs (modals, quick-create panels) holding at least one element matching `fieldSelector`. */
export function openDialogWith(
  doc: Document,
  fieldSelector: string,
  shadowRootOf: ShadowRootOf | undefined,
  memo: VisibilityMemo,
  dialogSelector = '[role=dialog], [role=alertdialog], dialog[open]',
): Element | null {
  const dialogs = deepQueryAll(doc, dialogSelector, shadowRootOf);
  for (let i = dialogs.length - 1; i >= 0; i--) {
    const d = dialogs[i];
    if (!isVisible(d, memo)) continue;
    if (deepQuery(d, fieldSelector, shadowRootOf)) return d;
  }
  return null;
}

/** A label without its required asterisk, and whether it had one. */
export type StrippedLabel = Readonly<{ label: string; marked: boolean }>;

/** Strip a trailing/leading required asterisk from a label. */
const requiredMarks = new Map<string, StrippedLabel>();

export function stripRequiredMark(label: string): StrippedLabel {
  // Pages repeat the same labels record after record: remember the answers (a bounded cache of
  // frozen answers, handed out as they are: no copy per field for the GC).
  let r = requiredMarks.get(label);
  if (!r) {
    r = Object.freeze(stripMark(label));
    if (requiredMarks.size > 4000) requiredMarks.clear();
    requiredMarks.set(label, r);
  }
  return r;
}

function stripMark(label: string): { label: string; marked: boolean } {
  const t = clean(label);
  const m = /^\*\s*(.+)$|^(.+?)\s*\*$/.exec(t);
  if (!m) return { label: t, marked: false };
  return { label: clean(m[1] ?? m[2]), marked: true };
}

/**
 * SPA shells keep pages the user left in the DOM, hidden. Given the selector of a page root,
 * returns a predicate that is false for elements inside a hidden page root (stale page) and true
 * otherwise (also when the shell has no such roots at all).
 */
export function notInStalePage(
  doc: Document,
  pageRootSelector: string,
  shadowRootOf: ShadowRootOf | undefined,
  memo: VisibilityMemo,
): (el: Element) => boolean {
  const roots = deepQueryAll(doc, pageRootSelector, shadowRootOf);
  const hidden = roots.filter((r) => !isVisible(r, memo));
  if (hidden.length === 0) return () => true;
  return (el: Element) => !hidden.some((r) => containsDeep(r, el));
}

/** The host of the shadow root `node` is in, or null (document tree, or detached). */
function hostAbove(node: Node): Element | null {
  const r = node.getRootNode();
  return r.nodeType === DOCUMENT_FRAGMENT_NODE ? ((r as ShadowRoot).host ?? null) : null;
}

/** `el`, then the host of each shadow tree it is in, innermost first. */
export function hostChain(el: Element): Element[] {
  const out = [el];
  for (let h = hostAbove(el); h; h = hostAbove(h)) out.push(h);
  return out;
}

/**
 * Order of two elements in shadow-including tree order (each shadow tree right after its host,
 * the order of deepQueryAll): negative when `a` comes first, positive when `b` does, 0 when same.
 */
export function composedCompare(a: Element, b: Element, chainOf: (el: Element) => readonly Element[] = hostChain): number {
  if (a === b) return 0;
  const ca = chainOf(a);
  const cb = chainOf(b);
  let i = ca.length - 1;
  let j = cb.length - 1;
  while (i >= 0 && j >= 0 && ca[i] === cb[j]) {
    i--;
    j--;
  }
  if (i < 0) return -1; // `a` is a host `b` is inside of
  if (j < 0) return 1;
  // Same tree now (inside the same host, or both in the document).
  return ca[i].compareDocumentPosition(cb[j]) & 4 /* FOLLOWING */ ? -1 : 1;
}
