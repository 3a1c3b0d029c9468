/**
 * The pack types are `z.output` of the schema (utils/packs/types.ts). The compile-time checks
 * below fail `npm run typecheck` when a type drifts from the shape code relies on; the run-time
 * checks tie the one list of item kinds (ITEM_LISTS) to the schema, the validator and the engine.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import examples from '../../fixtures/packs/spec-examples.json';
import type { PageKind } from '@/utils/crm/types';
import type { EventKind } from '@/utils/usage/types';
import type { CoachPlan } from '@/utils/coach/types';
import { PLAN_LIST_OF, planSignature } from '@/utils/coach/signature';
import { WHEN_LISTS } from '@/utils/packs/cross-checks';
import { ITEM_LISTS, MAX_ITEMS, PACK_FORMAT } from '@/utils/packs/limits';
import { ITEM_SCHEMAS, packSchema } from '@/utils/packs/schema';
import type { InstalledPack, LocalizedText, Milestone, MilestoneDone, Pack, SiteDefinition, Target, Tip, When } from '@/utils/packs/types';
import { validatePack, validatePackDetailed } from '@/utils/packs/validate';

describe('the pack types are the schema output', () => {
  it('has the shapes the code relies on (compile-time)', () => {
    expectTypeOf<Pack>().toEqualTypeOf<z.output<typeof packSchema>>();
    expectTypeOf<Pack['format']>().toEqualTypeOf<typeof PACK_FORMAT>();
    expectTypeOf<LocalizedText>().toEqualTypeOf<string | Record<string, string>>();
    expectTypeOf<NonNullable<When['page']>>().toEqualTypeOf<PageKind[]>();
    expectTypeOf<Tip['show']>().toEqualTypeOf<'always' | 'once' | 'until-dismissed' | undefined>();
    expectTypeOf<Target>().toEqualTypeOf<{ field: string } | { selector: string; text?: string | undefined } | { page: true }>();
    expectTypeOf<Extract<MilestoneDone, { event: unknown }>['event']>().toEqualTypeOf<EventKind>();
    expectTypeOf<Milestone['day']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<NonNullable<SiteDefinition['page']>>().toMatchTypeOf<Partial<Record<PageKind, string>>>();
    expectTypeOf<InstalledPack['pack']>().toEqualTypeOf<Pack>();
    // Every item list of a pack is optional and typed by its item schema.
    expectTypeOf<Pack['tips']>().toEqualTypeOf<z.output<(typeof ITEM_SCHEMAS)['tips']>[] | undefined>();
  });

  it('types what validation returns: the spec examples come back as a Pack', () => {
    const result = validatePack({ ...examples.pack, tips: [examples.tip], snippets: [examples.snippet] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expectTypeOf(result.pack).toEqualTypeOf<Pack>();
    expect(result.pack.tips?.[0].target).toEqual({ field: 'Next Step' });
  });
});

describe('one list of item kinds', () => {
  it('the schema has an item schema and a pack list for each kind, and no other item list', () => {
    expect(Object.keys(ITEM_SCHEMAS)).toEqual([...ITEM_LISTS]);
    const packLists = Object.keys(packSchema.shape).filter((k) => !['$schema', 'format', 'id', 'version', 'title', 'description', 'author', 'audience', 'sites', 'crms'].includes(k));
    expect(packLists).toEqual([...ITEM_LISTS]);
  });

  it('the item limit counts every kind', () => {
    const base = { format: PACK_FORMAT, id: 'many', version: '1.0.0', title: 'T' };
    for (const list of ITEM_LISTS) {
      // MAX_ITEMS spread over the others, plus one of this kind: one too many only when this kind is counted.
      const others = ITEM_LISTS.filter((l) => l !== list);
      const pack: Record<string, unknown> = { ...base };
      const item = (l: string, i: number) => {
        const id = `${l}-${i}`;
        if (l === 'tips') return { id, target: { page: true }, title: 'T' };
        if (l === 'nudges') return { id, fields: ['A'], message: 'M' };
        if (l === 'snippets') return { id, title: 'S' };
        if (l === 'tours') return { id, title: 'T', steps: [{ target: { page: true }, body: 'B' }] };
        return { id, title: 'M', done: { event: 'page.view', count: 1 } };
      };
      const per = Math.ceil(MAX_ITEMS / others.length);
      others.forEach((l, j) => {
        const n = j === others.length - 1 ? MAX_ITEMS - per * (others.length - 1) : per;
        pack[l] = Array.from({ length: n }, (_, i) => item(l, i));
      });
      expect(validatePack(pack).ok, `${MAX_ITEMS} items without ${list}`).toBe(true);
      pack[list] = [item(list, 0)];
      expect(validatePack(pack).ok, `one ${list} more`).toBe(false);
    }
  });

  it('the `when` cross-check covers exactly the kinds whose schema has a `when`', () => {
    expect(WHEN_LISTS).toEqual(['tips', 'nudges', 'snippets', 'tours']);
    for (const list of WHEN_LISTS) {
      const pack = { format: PACK_FORMAT, id: 'crm-check', version: '1.0.0', title: 'T', [list]: [{ ...itemWithWhen(list), when: { crm: ['nope'] } }] };
      const result = validatePackDetailed(pack);
      expect(result.ok ? [] : result.issues.map((i) => i.path.join('.')), list).toEqual([`${list}.0.when.crm.0`]);
    }
  });

  it('every in-page kind has a plan list, and each plan list is in the plan signature', () => {
    const plan: CoachPlan = { tips: [], panelTips: [], nudges: [], snippets: [], tours: [], explanations: [] };
    const empty = planSignature(plan);
    for (const [kind, list] of Object.entries(PLAN_LIST_OF)) {
      if (list === null) continue;
      expect(Object.keys(plan), kind).toContain(list);
    }
    const entry = { key: 'p/x', packId: 'p', completed: false, fields: [], missing: [], status: 'shown', reasons: [], resumeStep: 0 };
    for (const list of Object.keys(plan) as (keyof CoachPlan)[]) {
      const changed = { ...plan, [list]: [entry] } as unknown as CoachPlan;
      expect(planSignature(changed), list).not.toBe(empty);
    }
  });
});

function itemWithWhen(list: string): Record<string, unknown> {
  if (list === 'tips') return { id: 'a', target: { page: true }, title: 'T' };
  if (list === 'nudges') return { id: 'a', fields: ['A'], message: 'M' };
  if (list === 'snippets') return { id: 'a', title: 'S' };
  return { id: 'a', title: 'T', steps: [{ target: { page: true }, body: 'B' }] };
}
