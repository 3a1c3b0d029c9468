/** `when` conditions (docs/pack-format.md) against a page model. */
import type { PageModel } from '../crm/types';
import type { When } from '../packs/types';
import { fieldNamed, fieldShowsOneOf, norm } from './fields';
import { matchesPattern } from '../patterns/match-pattern';
import type { Reason } from './types';

/** Conditions of `when` that do not hold on this page (empty when every set key holds). */
export function whenFailures(when: When | undefined, model: PageModel): Reason[] {
  if (!when) return [];
  const out: Reason[] = [];
  const reader = model.reader ? norm(model.reader) : null;
  if (when.crm && when.crm.length > 0 && !when.crm.some((c) => norm(c) === norm(model.crm) || norm(c) === reader)) {
    out.push({ code: 'crm', expected: when.crm.join(', '), actual: model.crm });
  }
  if (when.object && when.object.length > 0) {
    const obj = model.object;
    const ok =
      obj !== null && when.object.some((o) => norm(o) === norm(obj.label) || norm(o) === norm(obj.apiName));
    if (!ok) out.push({ code: 'object', expected: when.object.join(', '), actual: obj ? obj.label : '' });
  }
  if (when.page && when.page.length > 0 && !when.page.includes(model.page)) {
    out.push({ code: 'page', expected: when.page.join(', '), actual: model.page });
  }
  if (when.url && !matchesPattern(when.url, model.url)) {
    out.push({ code: 'url', expected: when.url });
  }
  if (when.fieldEquals) {
    const failed = fieldConditionFailures(when.fieldEquals, model);
    if (failed.length) out.push({ code: 'fieldEquals', expected: failed.join(', ') });
  }
  return out;
}

/**
 * Names of the fields in a `fieldEquals`/`requiredWhen` map whose displayed value is none of the
 * listed values (a field absent from the page fails). Only names are returned, never values.
 */
export function fieldConditionFailures(conditions: Record<string, string[]>, model: PageModel): string[] {
  const failed: string[] = [];
  for (const [name, values] of Object.entries(conditions)) {
    const field = fieldNamed(model, name);
    if (!field || !fieldShowsOneOf(field, values)) failed.push(name);
  }
  return failed;
}
