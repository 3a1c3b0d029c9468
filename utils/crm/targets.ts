/** Resolving pack targets ({field}, {selector, text}, {page}) against the page. Pure reads. */
import type { Target } from '../packs/types';
import type { FieldModel, PageModel } from './types';
import { clean, deepQueryAll, isVisible, newVisibilityMemo, textOf, type ShadowRootOf } from './dom';
import { logOnce } from './log';

/** Case- and whitespace-insensitive key: "Next  Step" == "next step" == "NextStep". */
export function nameKey(s: string): string {
  return clean(s).toLowerCase().replace(/\s+/g, '');
}

/**
 * The field a pack names, by API name or visible label (case and whitespace insensitive).
 * Visible fields win over hidden ones; then an API-name match over a label match; then page order.
 */
export function findField(model: PageModel, name: string): FieldModel | undefined {
  const key = nameKey(name);
  if (!key) return undefined;
  let best: FieldModel | undefined;
  let bestScore = -1;
  for (const f of model.fields) {
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

/**
 * The element a target points at: a field's element; the first visible element matching a
 * selector (through open shadow roots, and closed ones `shadowRootOf` reaches) whose text
 * contains `text` (case and whitespace insensitive), else the first such element even if hidden;
 * null for page targets and for targets not on the page (not an error: they may appear later).
 */
export function resolveTarget(target: Target, model: PageModel, doc: Document, shadowRootOf?: ShadowRootOf): Element | null {
  try {
    if ('field' in target) return findField(model, target.field)?.element ?? null;
    if ('selector' in target) {
      const want = target.text ? clean(target.text).toLowerCase() : '';
      const matches = deepQueryAll(doc, target.selector, shadowRootOf).filter(
        (el) => !want || textOf(el, { shadowRootOf }).toLowerCase().includes(want) || clean(el.getAttribute('aria-label')).toLowerCase().includes(want),
      );
      if (matches.length === 0) return null;
      const memo = newVisibilityMemo();
      return matches.find((el) => isVisible(el, memo)) ?? matches[0];
    }
  } catch (err) {
    logOnce('could not resolve a target', err);
  }
  return null;
}
