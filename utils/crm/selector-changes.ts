/**
 * Whether a batch of page changes could have changed a selector target's answer (docs/packs.md
 * "What a pack may cost"): selector tips are checked again only when it could, instead of
 * walking the page for every waiting tip on every batch.
 *
 * Three pure parts, tested without a browser:
 * - selectorDeps: what a selector reads (the features each compound requires, attribute names,
 *   sibling/structural pseudo-classes, form state), from its text;
 * - ChangeSummary: what a batch touched, as features (`<tag`, `#id`, `.class`, `[attr`) of the
 *   elements added or removed, of their ancestors, and of the ancestors of changed text; the
 *   names of changed attributes; whether the user typed or clicked a control;
 * - selectorMayChange: the decision.
 *
 * Why it is sound: a selector's answer ("an element matches, among the first 50, with this
 * text") changes only if an element starts or stops matching, or a candidate's text changes.
 * Without attribute changes it reads, sibling/structural pseudo-classes or form state, an element
 * starts or stops matching only by being added or removed, together with its ancestors; its
 * text changes only under an element on a changed text's ancestor chain. Every compound of the
 * selector then matches one of the elements whose features the summary holds, so a selector
 * with a compound no such element could match cannot have changed. Features are lower-cased
 * (class and id match case-insensitively in quirks mode), which can only say "may change" more.
 *
 * summarizeChanges reads the DOM (at the end of a batch); the rest is pure.
 */
import { flatParent, rootOf, type ShadowRootOf } from './dom';

export interface SelectorDeps {
  /** Per selector of the list, per compound: the features one element must have. */
  chains: string[][][];
  /** Attribute names the selector reads (`id`, `class`, `[name]`, those pseudo-classes read). */
  attrs: ReadonlySet<string>;
  /** Sibling combinators or pseudo-classes of position or emptiness: any added/removed node may change it. */
  structural: boolean;
  /** Pseudo-classes of form state a user changes without a mutation (`:checked`, `:placeholder-shown`). */
  state: boolean;
}

export interface ChangeSummary {
  /** Anything may have changed (navigation, a new shadow root, a batch too big to summarise). */
  everything: boolean;
  /** Features of added and removed elements (with their subtrees) and of their ancestors. */
  nodes: ReadonlySet<string>;
  /** Features of the ancestors of changed text. */
  texts: ReadonlySet<string>;
  /** Names of changed attributes (lower case). */
  attrs: ReadonlySet<string>;
  /** The user typed in or changed a control. */
  input: boolean;
}

/** What a batch recorded, as the page watcher hands it over (records are summarised only when needed). */
export interface PageChanges {
  everything: boolean;
  records: readonly MutationRecord[];
  input: boolean;
}

export const EVERYTHING: PageChanges = { everything: true, records: [], input: true };

/** Attributes that change what a text target reads (its label; what a slot shows). */
const TEXT_ATTRS = new Set(['aria-label', 'slot']);

/** Attribute names each pseudo-class the pack rules allow (utils/packs/selector-rules.ts) reads. */
const PSEUDO_ATTRS: Record<string, string[]> = {
  checked: ['checked', 'selected', 'type'],
  disabled: ['disabled'],
  enabled: ['disabled'],
  optional: ['required', 'type'],
  required: ['required', 'type'],
  'placeholder-shown': ['placeholder', 'value', 'type'],
  'read-only': ['readonly', 'disabled', 'contenteditable', 'type'],
  'read-write': ['readonly', 'disabled', 'contenteditable', 'type'],
};
const STATE_PSEUDO = new Set(['checked', 'placeholder-shown']);
const STRUCTURAL_PSEUDO = /^(?:empty|first-child|first-of-type|last-child|last-of-type|only-child|only-of-type|nth-child|nth-last-child|nth-of-type|nth-last-of-type)$/;
const IDENT = /^-?-?[A-Za-z_\u00a0-\uffff][A-Za-z0-9_\u00a0-\uffff-]*|^--[A-Za-z0-9_\u00a0-\uffff-]*/;

const depsCache = new Map<string, SelectorDeps | null>();

/**
 * What `selector` reads, or null when it cannot be read here (escapes, anything outside the
 * subset packs may use): null means "any change may change it".
 */
export function selectorDeps(selector: string): SelectorDeps | null {
  let deps = depsCache.get(selector);
  if (deps === undefined) {
    deps = readDeps(selector);
    if (depsCache.size > 5000) depsCache.clear();
    depsCache.set(selector, deps);
  }
  return deps;
}

function readDeps(selector: string): SelectorDeps | null {
  if (selector.includes('\\')) return null;
  const out = { chains: [] as string[][][], attrs: new Set<string>(), structural: false, state: false };
  let i = 0;
  const s = selector;
  const space = () => {
    const start = i;
    while (i < s.length && /[ \t\n\r\f]/.test(s[i])) i++;
    return i > start;
  };
  const ident = (): string | null => {
    const m = IDENT.exec(s.slice(i));
    if (!m) return null;
    i += m[0].length;
    return m[0].toLowerCase();
  };
  /** One compound; its required features, or null when unreadable. `inner`: inside :not/:is/:where (nothing required). */
  const compound = (inner: boolean): string[] | null => {
    const req: string[] = [];
    const start = i;
    if (s[i] === '*') i++;
    else {
      const tag = ident();
      if (tag) req.push(`<${tag}`);
    }
    for (;;) {
      const c = s[i];
      if (c === '#' || c === '.') {
        i++;
        const name = ident();
        if (!name) return null;
        req.push(`${c}${name}`);
        out.attrs.add(c === '#' ? 'id' : 'class');
      } else if (c === '[') {
        i++;
        space();
        const name = ident();
        if (!name) return null;
        req.push(`[${name}`);
        out.attrs.add(name);
        // The value: skip to the closing bracket (quotes may hold one).
        let quote = '';
        while (i < s.length && (quote || s[i] !== ']')) {
          if (quote && s[i] === quote) quote = '';
          else if (!quote && (s[i] === '"' || s[i] === "'")) quote = s[i];
          i++;
        }
        if (s[i] !== ']') return null;
        i++;
      } else if (c === ':') {
        i++;
        const name = ident();
        if (!name) return null;
        if (STRUCTURAL_PSEUDO.test(name)) out.structural = true;
        if (STATE_PSEUDO.has(name)) out.state = true;
        for (const a of PSEUDO_ATTRS[name] ?? []) out.attrs.add(a);
        if (s[i] === '(') {
          i++;
          if (/^nth-/.test(name)) {
            const close = s.indexOf(')', i);
            if (close < 0) return null;
            i = close + 1;
          } else {
            if (inner || !/^(?:not|is|where)$/.test(name)) return null;
            // Its compounds count for attributes and structure only: `:not(.x)` requires nothing.
            for (;;) {
              space();
              if (!compound(true)) return null;
              space();
              const d = s[i++];
              if (d === ')') break;
              if (d !== ',') return null;
            }
          }
        } else if (!(name in PSEUDO_ATTRS) && !STRUCTURAL_PSEUDO.test(name) && name !== 'root') return null;
      } else break;
    }
    if (i === start) return null;
    return inner ? [] : req;
  };

  for (;;) {
    space();
    const chain: string[][] = [];
    for (;;) {
      const req = compound(false);
      if (!req) return null;
      chain.push(req);
      const hadSpace = space();
      const c = s[i];
      if (c === undefined || c === ',') break;
      if (c === '+' || c === '~') out.structural = true;
      if (c === '>' || c === '+' || c === '~') {
        i++;
        space();
      } else if (!hadSpace) return null;
    }
    out.chains.push(chain);
    if (i >= s.length) return out;
    i++; // ,
  }
}

/** Elements of one batch summarised at most; a bigger batch counts as "everything". */
export const MAX_SUMMARY_ELEMENTS = 5000;

function addFeatures(el: Element, into: Set<string>): void {
  into.add(`<${el.localName.toLowerCase()}`);
  const names = el.getAttributeNames();
  for (const n of names) into.add(`[${n.toLowerCase()}`);
  const id = el.getAttribute('id');
  if (id) into.add(`#${id.toLowerCase()}`);
  const cls = el.getAttribute('class');
  if (cls) for (const c of cls.split(/[ \t\n\r\f]+/)) if (c) into.add(`.${c.toLowerCase()}`);
}

/** What a batch touched (reads the page as it is now). */
export function summarizeChanges(changes: PageChanges, shadowRootOf?: ShadowRootOf): ChangeSummary {
  const nodes = new Set<string>();
  const texts = new Set<string>();
  const attrs = new Set<string>();
  if (changes.everything) return { everything: true, nodes, texts, attrs, input: true };
  let budget = MAX_SUMMARY_ELEMENTS;
  const climbed = new Map<Set<string>, Set<Element>>([[nodes, new Set()], [texts, new Set()]]);
  /** `el` and its flat-tree ancestors (through slots and shadow hosts), each chain once per batch and set. */
  const climb = (el: Element | null, into: Set<string>) => {
    const seen = climbed.get(into)!;
    for (let n = el; n && !seen.has(n) && budget > 0; n = flatParent(n), budget--) {
      seen.add(n);
      addFeatures(n, into);
    }
  };
  /** An element with its subtree and any shadow trees in it. */
  const subtree = (node: Node, into: Set<string>, self = true) => {
    if (node.nodeType !== 1) return;
    const trees: ParentNode[] = [];
    if (self) {
      addFeatures(node as Element, into);
      budget--;
      trees.push(node as Element);
    }
    const own = rootOf(node as Element, shadowRootOf);
    if (own) trees.push(own);
    for (let t = 0; t < trees.length && budget > 0; t++) {
      const all = trees[t].querySelectorAll('*');
      budget -= all.length;
      for (let k = 0; k < all.length && budget > 0; k++) {
        addFeatures(all[k], into);
        const sr = rootOf(all[k], shadowRootOf);
        if (sr) trees.push(sr);
      }
    }
  };
  /**
   * A changed child list or text under `parent`: its ancestors; when `parent` is a shadow host,
   * its light children show through slots, so every element of its shadow tree may read them.
   */
  const around = (parent: Element | null, into: Set<string>) => {
    if (!parent) return;
    if (rootOf(parent, shadowRootOf)) subtree(parent, into, false);
    climb(parent, into);
  };
  /** The element a record is about: the element itself, a shadow root's host, a text's parent (or host). */
  const parentOf = (n: Node): Element | null => {
    if (n.nodeType === 1) return n as Element;
    const p = n.nodeType === 11 ? n : n.parentNode;
    if (!p) return null;
    return p.nodeType === 11 ? ((p as ShadowRoot).host ?? null) : p.nodeType === 1 ? (p as Element) : null;
  };

  for (const r of changes.records) {
    if (budget <= 0) break;
    if (r.type === 'attributes') {
      if (r.attributeName) attrs.add(r.attributeName.toLowerCase());
    } else if (r.type === 'characterData') {
      // Its own set: a text change says nothing to a selector without `text`.
      around(parentOf(r.target), texts);
    } else {
      around(parentOf(r.target), nodes);
      for (let k = 0; k < r.addedNodes.length; k++) subtree(r.addedNodes[k], nodes);
      for (let k = 0; k < r.removedNodes.length; k++) subtree(r.removedNodes[k], nodes);
    }
  }
  if (budget <= 0) return { everything: true, nodes, texts, attrs, input: true };
  return { everything: false, nodes, texts, attrs, input: changes.input };
}

/** Whether a selector target (`text`: it also looks for text) may answer differently after these changes. */
export function selectorMayChange(deps: SelectorDeps | null, text: boolean, c: ChangeSummary): boolean {
  if (c.everything || !deps) return true;
  if (c.input && deps.state) return true;
  for (const a of c.attrs) if (deps.attrs.has(a) || (text && TEXT_ATTRS.has(a))) return true;
  const touched = c.nodes.size > 0 || (text && c.texts.size > 0);
  if (!touched) return false;
  if (deps.structural && c.nodes.size > 0) return true;
  const has = (f: string) => c.nodes.has(f) || (text && c.texts.has(f));
  return deps.chains.some((chain) => chain.every((compound) => compound.every(has)));
}
