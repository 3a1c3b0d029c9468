/**
 * Rules across a whole pack that a per-field schema cannot see: duplicate ids, references to
 * snippets and tours, milestone objects that are not record types, and `when.crm` ids that name
 * neither a built-in adapter or reader nor a `sites` entry.
 */
import { BUILTIN_CRMS, ITEM_LISTS, SELF_HOSTED_CRMS } from './limits';
import { splitRef } from './refs';
import { ITEM_SCHEMAS } from './schema';
import { type PackIssue, packIssue } from './issues';
import { msg } from './messages';
import type { Pack, When } from './types';

const LIST_OF_SITES = 'sites';

/** The item lists whose items have a `when` (read from the schema, not listed again here). */
export const WHEN_LISTS = ITEM_LISTS.filter((list) => 'when' in ITEM_SCHEMAS[list].shape);

export function crossCheckPack(pack: Pack): PackIssue[] {
  const issues: PackIssue[] = [];

  for (const list of [LIST_OF_SITES, ...ITEM_LISTS] as const) {
    const items = (pack[list] ?? []) as { id: string }[];
    const firstAt = new Map<string, number>();
    items.forEach((item, i) => {
      const first = firstAt.get(item.id);
      if (first === undefined) firstAt.set(item.id, i);
      else issues.push(packIssue([list, i, 'id'], msg('pack_duplicate_id', item.id, `${list}[${first}]`)));
    });
  }

  const siteIds = new Set((pack.sites ?? []).map((s) => s.id));
  (pack.sites ?? []).forEach((site, i) => {
    if ((BUILTIN_CRMS as readonly string[]).includes(site.id)) {
      issues.push(packIssue(['sites', i, 'id'], msg('pack_builtin_crm_id', site.id)));
    }
  });

  const snippetIds = new Set((pack.snippets ?? []).map((s) => s.id));
  const tourIds = new Set((pack.tours ?? []).map((t) => t.id));
  /** A bare id or `<thisPack>/<id>` must exist here; `<otherPack>/<id>` is resolved at run time. */
  const missingHere = (ref: string, ids: Set<string>): string | null => {
    const { packId, itemId } = splitRef(pack.id, ref);
    if (packId !== pack.id) return null;
    return ids.has(itemId) ? null : itemId;
  };

  pack.tips?.forEach((tip, i) => {
    const lm = tip.learnMore;
    if (lm && 'snippet' in lm) {
      const missing = missingHere(lm.snippet, snippetIds);
      if (missing !== null) {
        issues.push(packIssue(['tips', i, 'learnMore', 'snippet'], msg('pack_no_snippet', missing)));
      }
    }
  });
  pack.milestones?.forEach((m, i) => {
    if ('snippet' in m.done) {
      const missing = missingHere(m.done.snippet, snippetIds);
      if (missing !== null) issues.push(packIssue(['milestones', i, 'done', 'snippet'], msg('pack_no_snippet', missing)));
    } else if ('visits' in m.done) {
      // A milestone keyed on an object must name a record type, never a record (a trainer's
      // summary would tell which record was visited): a site's declared name or a type name.
      const object = m.done.visits.object;
      const declared = (pack.sites ?? []).some((s) => s.object?.names?.some((n) => n.trim().toLowerCase() === object.trim().toLowerCase()));
      if (!declared && !/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(object)) {
        issues.push(packIssue(['milestones', i, 'done', 'visits', 'object'], msg('pack_visits_object', object)));
      }
    } else if ('tour' in m.done) {
      const missing = missingHere(m.done.tour, tourIds);
      if (missing !== null) issues.push(packIssue(['milestones', i, 'done', 'tour'], msg('pack_no_tour', missing)));
    }
  });

  // A self-hosted reader id (suitecrm) names every site that reader reads, in any pack.
  const readers: readonly string[] = [...BUILTIN_CRMS, ...SELF_HOSTED_CRMS];
  const known = (crm: string) => readers.includes(crm) || siteIds.has(crm);
  const checkWhen = (when: When | undefined, path: (string | number)[]) => {
    when?.crm?.forEach((crm, j) => {
      if (!known(crm)) {
        issues.push(packIssue([...path, 'when', 'crm', j], msg('pack_unknown_crm', crm, readers.join(', '))));
      }
    });
  };
  for (const list of WHEN_LISTS) {
    (pack[list] ?? []).forEach((item, i) => checkWhen((item as { when?: When }).when, [list, i]));
  }

  return issues;
}
