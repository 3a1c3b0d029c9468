/** Role choices for "Your role": the built-in ids of docs/pack-format.md plus any role a pack names. */
import { BUILTIN_ROLES } from '@/utils/packs/limits';
import type { Audience, InstalledPack } from '@/utils/packs/types';

export function roleChoices(packs: readonly InstalledPack[], current: string | null): string[] {
  const extra = new Set<string>();
  const add = (audience: Audience | undefined) => audience?.roles?.forEach((r) => extra.add(r));
  for (const { pack } of packs) {
    add(pack.audience);
    for (const list of [pack.tips, pack.nudges, pack.snippets, pack.tours, pack.milestones]) {
      for (const item of list ?? []) add(item.audience);
    }
  }
  if (current) extra.add(current);
  for (const r of BUILTIN_ROLES) extra.delete(r);
  return [...BUILTIN_ROLES, ...[...extra].sort()];
}

/** A readable label for a role id; custom ids are shown as written. */
export function roleLabelKey(role: string): string | null {
  return (BUILTIN_ROLES as readonly string[]).includes(role) ? `options_role_${role.replace(/-/g, '_')}` : null;
}
