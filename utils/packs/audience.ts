/**
 * The `audience` rules of the pack format (docs/pack-format.md, "Top level"), the one
 * implementation the coach, the journey and the popup share.
 *
 * Role ids are lower-case ids (ROLE_ID_PATTERN). They are checked where they enter: the pack
 * schema refuses any other, the settings store refuses any other from the options page and from
 * policy. So roles are compared exactly, here and nowhere else.
 */
import type { Audience } from './types';

/**
 * Whether an audience's `roles` condition holds for a user with `role`. Unset or empty roles
 * mean everyone; a set condition does not hold for a user who has not chosen a role.
 */
export function roleAllowed(roles: readonly string[] | undefined, role: string | null): boolean {
  if (!roles || roles.length === 0) return true;
  return role !== null && roles.includes(role);
}

/**
 * Whether an audience's `tenureDays` condition holds on tenure day `day` (null without a start
 * date). Unset means everyone; a set condition does not hold without a start date.
 */
export function tenureAllowed(tenureDays: Audience['tenureDays'], day: number | null): boolean {
  if (!tenureDays) return true;
  return day !== null && day >= tenureDays[0] && day <= tenureDays[1];
}
