/**
 * Rules across a whole pack that a per-field schema cannot see: duplicate ids, references to
 * snippets and tours, and `when.crm` ids that name neither a built-in adapter nor a `sites` entry.
 */
import { BUILTIN_CRMS, ITEM_LISTS } from './limits';
import type { PackIssue } from './issues';
import type { Pack, When } from './types';

const LIST_OF_SITES = 'sites';

export function crossCheckPack(pack: Pack): PackIssue[] {
  const issues: PackIssue[] = [];

  for (const list of [LIST_OF_SITES, ...ITEM_LISTS] as const) {
    const items = (pack[list] ?? []) as { id: string }[];
    const firstAt = new Map<string, number>();
    items.forEach((item, i) => {
      const first = firstAt.get(item.id);
      if (first === undefined) firstAt.set(item.id, i);
      else issues.push({ path: [list, i, 'id'], message: `duplicate id "${item.id}" (first used at ${list}[${first}])` });
    });
  }

  const siteIds = new Set((pack.sites ?? []).map((s) => s.id));
  (pack.sites ?? []).forEach((site, i) => {
    if ((BUILTIN_CRMS as readonly string[]).includes(site.id)) {
      issues.push({ path: ['sites', i, 'id'], message: `"${site.id}" is a built-in CRM id; choose another id for a site` });
    }
  });

  const snippetIds = new Set((pack.snippets ?? []).map((s) => s.id));
  const tourIds = new Set((pack.tours ?? []).map((t) => t.id));
  /** A bare id or `<thisPack>/<id>` must exist here; `<otherPack>/<id>` is resolved at run time. */
  const missingHere = (ref: string, ids: Set<string>): string | null => {
    const slash = ref.indexOf('/');
    if (slash >= 0 && ref.slice(0, slash) !== pack.id) return null;
    const id = slash >= 0 ? ref.slice(slash + 1) : ref;
    return ids.has(id) ? null : id;
  };

  pack.tips?.forEach((tip, i) => {
    const lm = tip.learnMore;
    if (lm && 'snippet' in lm) {
      const missing = missingHere(lm.snippet, snippetIds);
      if (missing !== null) {
        issues.push({ path: ['tips', i, 'learnMore', 'snippet'], message: `no snippet "${missing}" in this pack` });
      }
    }
  });
  pack.milestones?.forEach((m, i) => {
    if ('snippet' in m.done) {
      const missing = missingHere(m.done.snippet, snippetIds);
      if (missing !== null) issues.push({ path: ['milestones', i, 'done', 'snippet'], message: `no snippet "${missing}" in this pack` });
    } else if ('tour' in m.done) {
      const missing = missingHere(m.done.tour, tourIds);
      if (missing !== null) issues.push({ path: ['milestones', i, 'done', 'tour'], message: `no tour "${missing}" in this pack` });
    }
  });

  const known = (crm: string) => (BUILTIN_CRMS as readonly string[]).includes(crm) || siteIds.has(crm);
  const checkWhen = (when: When | undefined, path: (string | number)[]) => {
    when?.crm?.forEach((crm, j) => {
      if (!known(crm)) {
        issues.push({
          path: [...path, 'when', 'crm', j],
          message: `unknown CRM "${crm}": expected one of ${BUILTIN_CRMS.join(', ')} or a sites[].id of this pack`,
        });
      }
    });
  };
  for (const list of ['tips', 'nudges', 'snippets', 'tours'] as const) {
    (pack[list] ?? []).forEach((item, i) => checkWhen(item.when, [list, i]));
  }

  return issues;
}
