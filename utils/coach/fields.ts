/** Field lookup and value comparison on a page model (values stay in memory, never leave here). */
import type { FieldModel, PageModel } from '../crm/types';

export function norm(text: string): string {
  return text.trim().toLowerCase();
}

/**
 * The field a pack names, by visible label or API name, case insensitive. Labels win over API
 * names, and a visible field wins over a hidden one with the same name.
 */
export function fieldNamed(model: PageModel, name: string): FieldModel | undefined {
  const wanted = norm(name);
  if (!wanted) return undefined;
  let byApi: FieldModel | undefined;
  let hiddenByLabel: FieldModel | undefined;
  for (const f of model.fields) {
    if (norm(f.label) === wanted) {
      if (f.visible) return f;
      hiddenByLabel ??= f;
    } else if (!byApi && norm(f.apiName) === wanted) {
      byApi = f;
    }
  }
  if (byApi && (byApi.visible || !hiddenByLabel)) return byApi;
  return hiddenByLabel ?? byApi;
}

/** True when the field shows one of the values (trimmed, case-insensitive text). */
export function fieldShowsOneOf(field: FieldModel, values: readonly string[]): boolean {
  const shown = norm(field.value);
  return values.some((v) => norm(v) === shown);
}
