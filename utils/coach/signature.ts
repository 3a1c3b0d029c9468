/**
 * Cheap fingerprints, so a mutation batch that changes nothing the coach uses costs no
 * re-evaluation and no re-render: of what the engine can read from a page model for the packs'
 * field names (field identity, label, API name, emptiness, required, visibility and displayed
 * value, hashed in memory, never kept as text), and of a plan.
 */
import type { PageModel } from '../crm/types';
import type { ItemList } from '../packs/limits';
import type { Pack, When } from '../packs/types';
import type { CoachPlan } from './types';
import { findField } from '../crm/targets';

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

/**
 * Names of the fields the coach may look up for these packs: field targets of tips and tour
 * steps, nudge fields, and the fields of `fieldEquals` and `requiredWhen` conditions. While the
 * packs' names are in focus, the page model lists no other field (utils/crm/live-page.ts).
 */
export function fieldNamesUsed(packs: readonly Pack[]): string[] {
  const names = new Set<string>();
  const when = (w: When | undefined) => {
    for (const name of Object.keys(w?.fieldEquals ?? {})) names.add(name);
  };
  for (const p of packs) {
    for (const tip of p.tips ?? []) {
      when(tip.when);
      if ('field' in tip.target) names.add(tip.target.field);
    }
    for (const n of p.nudges ?? []) {
      when(n.when);
      for (const f of n.fields) names.add(f);
      for (const f of Object.keys(n.requiredWhen ?? {})) names.add(f);
    }
    for (const x of p.snippets ?? []) when(x.when);
    for (const x of p.tours ?? []) {
      when(x.when);
      for (const step of x.steps) if ('field' in step.target) names.add(step.target.field);
    }
  }
  return [...names];
}

/**
 * A fingerprint of what the engine can read from a model for packs using `names`
 * (fieldNamesUsed): the page, and for each name the field found (identity, label, API name,
 * value hashed in memory, emptiness, required, visibility). Reads only those fields, so a big page
 * whose other fields change costs a few lookups.
 */
export function dependencySignature(model: PageModel, names: readonly string[]): string {
  let h = 2166136261;
  h = mix(h, model.url);
  h = mix(h, model.crm);
  h = mix(h, model.page);
  h = mix(h, model.object ? `${model.object.label}\u0000${model.object.apiName}` : '');
  h = mix(h, model.recordKey ?? '');
  for (const name of names) {
    const f = findField(model, name);
    if (!f) {
      h = Math.imul(h ^ 0x2f, 16777619);
      continue;
    }
    h = mix(h, f.label);
    h = mix(h, f.apiName);
    h = mix(h, f.value);
    h = Math.imul(h ^ ((f.empty ? 1 : 0) | (f.required ? 2 : 0) | (f.visible ? 4 : 0)), 16777619);
    h = Math.imul(h ^ elementId(f.element), 16777619);
  }
  return `${names.length}:${(h >>> 0).toString(36)}`;
}

/**
 * The plan list that shows each pack item kind in the page (null: not in the page; milestones
 * live in the popup's journey). Typed over every item kind, so a new kind fails to compile until
 * it says where the engine puts it.
 */
export const PLAN_LIST_OF: Record<ItemList, keyof CoachPlan | null> = {
  tips: 'tips',
  nudges: 'nudges',
  snippets: 'snippets',
  tours: 'tours',
  milestones: null,
};

type PlanEntry<K extends keyof CoachPlan> = CoachPlan[K][number];

/**
 * What of each plan entry the overlay draws. Typed over every list of CoachPlan: a new list the
 * signature does not cover is a type error (a list left out would never re-render the overlay).
 */
const PLAN_PARTS: { [K in keyof CoachPlan]: (entry: PlanEntry<K>) => string } = {
  tips: (x) => x.key,
  panelTips: (x) => x.key,
  nudges: (n) => `${n.key}:${n.fields.map((f) => `${f.field.label}${f.empty ? 0 : 1}`).join(';')}`,
  snippets: (x) => `${x.key}${x.completed ? 1 : 0}`,
  tours: (x) => `${x.key}${x.completed ? 1 : 0}`,
  explanations: (e) => `${e.key}${e.status}${e.reasons.map((r) => r.code).join('')}`,
};

const PLAN_LISTS = Object.keys(PLAN_PARTS) as (keyof CoachPlan)[];

/** A fingerprint of a plan: equal when the overlay would draw the same items in the same states. */
export function planSignature(plan: CoachPlan): string {
  return PLAN_LISTS.map((list) => {
    const part = PLAN_PARTS[list] as (entry: unknown) => string;
    return (plan[list] as readonly unknown[]).map(part).join(',');
  }).join('|');
}
