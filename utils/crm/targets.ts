/** Resolving pack targets ({field}, {selector, text}, {page}) against the page. Pure reads. */
import type { Target } from '../packs/types';
import type { FieldModel, PageModel } from './types';
import { anyInTrees, clean, composedCompare, deepQueryAll, isVisible, newVisibilityMemo, queryTrees, textOf, treesOf, type ShadowRootOf } from './dom';
import { logOnce } from './log';

/** Elements of one selector target whose text is read (the rest are not candidates). */
export const MAX_SELECTOR_MATCHES = 50;

/** Case- and whitespace-insensitive key: "Next  Step" == "next step" == "NextStep". */
const nameKeys = new Map<string, string>();

export function nameKey(s: string): string {
  // Labels and API names repeat from record to record: a bounded cache of their keys.
  let k = nameKeys.get(s);
  if (k === undefined) {
    k = clean(s).toLowerCase().replace(/\s+/g, '');
    if (nameKeys.size > 16000) nameKeys.clear();
    nameKeys.set(s, k);
  }
  return k;
}

/** Name keys of a field (API name, label); nameKey remembers them per string. */
function keysOf(f: FieldModel): readonly [string, string] {
  return [nameKey(f.apiName), nameKey(f.label)];
}

/**
 * Lookup by name key for big field lists that no longer change (frozen arrays, as live reading
 * produces): fields per key, in page order.
 */
type KeyIndex = Map<string, FieldModel[]>;
const keyIndexes = new WeakMap<readonly FieldModel[], KeyIndex>();

function addToIndex(idx: KeyIndex, f: FieldModel, ordered: boolean): void {
  const [api, label] = keysOf(f);
  for (const key of api === label ? [api] : [api, label]) {
    const bucket = idx.get(key);
    if (!bucket) idx.set(key, [f]);
    else if (!ordered) bucket.push(f);
    else {
      let at = bucket.length;
      while (at > 0 && composedCompare(bucket[at - 1].element, f.element) > 0) at--;
      bucket.splice(at, 0, f);
    }
  }
}

function keyIndexOf(fields: readonly FieldModel[]): KeyIndex | undefined {
  let idx = keyIndexes.get(fields);
  if (!idx && fields.length > 32 && Object.isFrozen(fields)) {
    idx = new Map();
    for (const f of fields) addToIndex(idx, f, false);
    keyIndexes.set(fields, idx);
  }
  return idx;
}

/**
 * Live reading replaced a few fields: the lookup index of `from` moves to `to` (which holds
 * `from` minus `removed`, plus `added`) instead of being built again.
 */
export function carryFieldIndex(from: readonly FieldModel[], to: readonly FieldModel[], removed: readonly FieldModel[], added: readonly FieldModel[]): void {
  const idx = keyIndexes.get(from);
  if (!idx || from === to) return;
  keyIndexes.delete(from);
  for (const f of removed) {
    for (const key of keysOf(f)) {
      const bucket = idx.get(key);
      if (!bucket) continue;
      const rest = bucket.filter((x) => x !== f);
      if (rest.length) idx.set(key, rest);
      else idx.delete(key);
    }
  }
  for (const f of added) addToIndex(idx, f, true);
  keyIndexes.set(to, idx);
}

/**
 * The field a pack names, by API name or visible label (case and whitespace insensitive).
 * Visible fields win over hidden ones; then an API-name match over a label match; then page order.
 */
export function findField(model: PageModel, name: string): FieldModel | undefined {
  const key = nameKey(name);
  if (!key) return undefined;
  const idx = keyIndexOf(model.fields);
  const candidates = idx ? (idx.get(key) ?? []) : model.fields;
  let best: FieldModel | undefined;
  let bestScore = -1;
  for (const f of candidates) {
    // Two lookups, no pair: this runs for every name the packs use on every update.
    const byApi = nameKey(f.apiName) === key;
    const byLabel = nameKey(f.label) === key;
    if (!byApi && !byLabel) continue;
    const score = (f.visible ? 2 : 0) + (byApi ? 1 : 0);
    if (score > bestScore) {
      best = f;
      bestScore = score;
    }
  }
  return best;
}

/** What a target's `text` is matched against: the element's text and its aria-label, lower-cased. */
type Shown = readonly [text: string, label: string];

function shownBy(el: Element, shadowRootOf?: ShadowRootOf): Shown {
  return [textOf(el, { shadowRootOf }).toLowerCase(), clean(el.getAttribute('aria-label')).toLowerCase()];
}

/** Whether what an element shows holds `want` (already cleaned and lower-cased); '' always. */
function showsText(shown: Shown, want: string): boolean {
  return !want || shown[0].includes(want) || shown[1].includes(want);
}

function hasText(el: Element, want: string, shadowRootOf?: ShadowRootOf): boolean {
  return !want || showsText(shownBy(el, shadowRootOf), want);
}

/**
 * Presence checks of selector targets for one batch: the page's trees (document and shadow
 * roots) are found once, when the scope is made, and each selector is then one native query per
 * tree, so N selector tips cost N queries rather than N walks of the whole page
 * (docs/packs.md "What a pack may cost"). Answers as `resolveTarget(...) !== null` does for
 * selectors with fewer than MAX_SELECTOR_MATCHES matches; create a new scope per batch (it walks
 * the page when created, so the caller can count that walk apart from each selector's check).
 */
export function createSelectorScope(doc: Document, shadowRootOf?: ShadowRootOf): (target: { selector: string; text?: string }) => boolean {
  let trees: ParentNode[] = [];
  try {
    trees = treesOf(doc, shadowRootOf);
  } catch (err) {
    logOnce('could not resolve a target', err);
  }
  // What each element shows, read once per scope: many tips whose selectors match the same
  // elements (a broad `main *`) read each element's text once, not once per tip.
  const shown = new Map<Element, Shown>();
  const shows = (el: Element, want: string): boolean => {
    let seen = shown.get(el);
    if (!seen) shown.set(el, (seen = shownBy(el, shadowRootOf)));
    return showsText(seen, want);
  };
  return (target) => {
    try {
      const want = target.text ? clean(target.text).toLowerCase() : '';
      // Without text, presence is the first match: no list of every match of a broad selector.
      if (!want) return anyInTrees(trees, target.selector);
      return queryTrees(trees, target.selector, MAX_SELECTOR_MATCHES).some((el) => shows(el, want));
    } catch (err) {
      logOnce('could not resolve a target', err);
      return false;
    }
  };
}

/**
 * The element a target points at: a field's element; the first visible element matching a
 * selector (through open shadow roots, and closed ones `shadowRootOf` reaches) whose text
 * contains `text` (case and whitespace insensitive), else the first such element even if hidden;
 * null for page targets and for targets not on the page (not an error: they may appear later).
 */
/**
 * The elements a selector target can point at, visible or not: among the first
 * MAX_SELECTOR_MATCHES matches of its selector, those whose text (or aria-label) contains `text`,
 * case and whitespace insensitive. A pack selector may match the whole page (`main *`): only that
 * many are read for their text, so one check stays bounded (docs/packs.md "What a pack may cost").
 * The one rule for the coach and for author mode's live count (docs/authoring.md).
 */
export function selectorTargetElements(target: { selector: string; text?: string }, doc: Document, shadowRootOf?: ShadowRootOf): Element[] {
  const want = target.text ? clean(target.text).toLowerCase() : '';
  return deepQueryAll(doc, target.selector, shadowRootOf)
    .slice(0, MAX_SELECTOR_MATCHES)
    .filter((el) => hasText(el, want, shadowRootOf));
}

export function resolveTarget(target: Target, model: PageModel, doc: Document, shadowRootOf?: ShadowRootOf): Element | null {
  try {
    if ('field' in target) return findField(model, target.field)?.element ?? null;
    if ('selector' in target) {
      // A pack selector may match the whole page (`main *`): only the first MAX_SELECTOR_MATCHES
      // are read for their text, so one check stays bounded (docs/packs.md "What a pack may cost").
      const matches = selectorTargetElements(target, doc, shadowRootOf);
      if (matches.length === 0) return null;
      const memo = newVisibilityMemo();
      return matches.find((el) => isVisible(el, memo)) ?? matches[0];
    }
  } catch (err) {
    logOnce('could not resolve a target', err);
  }
  return null;
}
