/**
 * A cheap fingerprint of a page model, so a mutation batch that changes nothing the coach uses
 * costs no re-evaluation and no re-render. Covers field identity (element), label, API name,
 * emptiness, required, visibility and displayed value (hashed in memory, never kept as text).
 */
import type { PageModel } from '../crm/types';

const elementIds = new WeakMap<Element, number>();
let nextElementId = 1;

/** A small number standing for an element (the same element, the same number). */
export function elementId(el: Element): number {
  let id = elementIds.get(el);
  if (id === undefined) {
    id = nextElementId++;
    elementIds.set(el, id);
  }
  return id;
}

/** FNV-1a over a string, continuing from `h`. */
function mix(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return Math.imul(h ^ 0x1f, 16777619);
}

export function modelSignature(model: PageModel): string {
  let h = 2166136261;
  h = mix(h, model.url);
  h = mix(h, model.crm);
  h = mix(h, model.page);
  h = mix(h, model.object ? `${model.object.label}\u0000${model.object.apiName}` : '');
  h = mix(h, model.recordKey ?? '');
  for (const f of model.fields) {
    h = mix(h, f.label);
    h = mix(h, f.apiName);
    h = mix(h, f.value);
    h = Math.imul(h ^ ((f.empty ? 1 : 0) | (f.required ? 2 : 0) | (f.visible ? 4 : 0)), 16777619);
    h = Math.imul(h ^ elementId(f.element), 16777619);
  }
  return `${model.fields.length}:${(h >>> 0).toString(36)}`;
}
