/** Field lookup and value comparison on a page model (values stay in memory, never leave here). */
import type { FieldModel, PageModel } from '../crm/types';
import { findField } from '../crm/targets';

export function norm(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * The field a pack names, by visible label or API name (case and whitespace insensitive), the
 * same lookup targets use (utils/crm/targets findField): visible fields win over hidden ones.
 */
export function fieldNamed(model: PageModel, name: string): FieldModel | undefined {
  return findField(model, name);
}

/** True when the field shows one of the values (trimmed, case-insensitive text). */
export function fieldShowsOneOf(field: FieldModel, values: readonly string[]): boolean {
  const shown = norm(field.value);
  return values.some((v) => norm(v) === shown);
}
