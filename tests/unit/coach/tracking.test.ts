import { describe, expect, it } from 'vitest';
import { planCoach } from '@/utils/coach/engine';
import { createNudgeTracker } from '@/utils/coach/nudge-tracker';
import { allSnippets, resolveSnippetRef } from '@/utils/packs/refs';
import { endOfLocalDay } from '@/utils/coach/show-rules';
import { localDay, tenureDay } from '@/utils/day';
import { field, model, NOW, pack } from './helpers';

const nudgePack = pack({ nudges: [{ id: 'hyg', fields: ['Amount', 'Next Step'], message: 'm', points: 5 }, { id: 'one', fields: ['Amount'], message: 'm' }] });

function planWith(amount: string, next: string) {
  return planCoach({
    model: model({ fields: [field('Amount', amount), field('Next Step', next)] }),
    packs: [nudgePack],
    user: { role: null, startDate: null },
    items: {},
    now: NOW,
  }).nudges;
}

describe('nudge tracker', () => {
  it('reports each empty field once and rewards each filled one once per record, nudge and field', () => {
    const tr = createNudgeTracker();
    const first = tr.observe(planWith('', ''), new Set());
    expect(first.shown.map((e) => `${e.itemId}|${e.field}`)).toEqual(['hyg|Amount', 'hyg|Next Step', 'one|Amount']);
    expect(first.resolved).toEqual([]);
    expect(tr.observe(planWith('', ''), new Set()).shown).toEqual([]);

    const filled = tr.observe(planWith('100', ''), new Set());
    expect(filled.resolved).toEqual([
      { packId: 'p1', itemId: 'hyg', field: 'Amount', points: 5 },
      { packId: 'p1', itemId: 'one', field: 'Amount', points: 1 },
    ]);
    expect([...filled.done].sort()).toEqual(['p1/hyg|Amount', 'p1/one|Amount']);

    // Emptying and refilling earns nothing more; the done mark follows the field.
    const emptied = tr.observe(planWith('', ''), new Set());
    expect(emptied.done.size).toBe(0);
    expect(emptied.shown).toEqual([]);
    expect(tr.observe(planWith('5', ''), new Set()).resolved).toEqual([]);

    // A second field earns again.
    expect(tr.observe(planWith('5', 'call back'), new Set()).resolved).toEqual([
      { packId: 'p1', itemId: 'hyg', field: 'Next Step', points: 5 },
    ]);
  });

  it('never rewards a field that was never seen empty, nor one already rewarded on this record', () => {
    const tr = createNudgeTracker();
    expect(tr.observe(planWith('1', '2'), new Set()).resolved).toEqual([]);
    tr.reset();
    tr.observe(planWith('', ''), new Set());
    const r = tr.observe(planWith('1', ''), new Set(['p1/hyg|Amount']));
    expect(r.resolved.map((e) => e.itemId)).toEqual(['one']);
  });

  it('starts over after reset (a new record)', () => {
    const tr = createNudgeTracker();
    tr.observe(planWith('', ''), new Set());
    tr.reset();
    expect(tr.observe(planWith('', ''), new Set()).shown).toHaveLength(3);
  });
});

describe('refs and time', () => {
  const packs = [
    pack({ id: 'a', snippets: [{ id: 's', title: 'A s' }] }),
    pack({ id: 'b', snippets: [{ id: 's', title: 'B s' }, { id: 't', title: 'B t' }] }),
  ];
  it('resolves bare and qualified snippet references', () => {
    expect(resolveSnippetRef('s', 'b', packs)?.snippet.title).toBe('B s');
    expect(resolveSnippetRef('a/s', 'b', packs)?.snippet.title).toBe('A s');
    expect(resolveSnippetRef('t', 'a', packs)).toBeNull();
    expect(resolveSnippetRef('zz/s', 'a', packs)).toBeNull();
    expect(allSnippets(packs).map((r) => `${r.packId}/${r.snippet.id}`)).toEqual(['a/s', 'b/s', 'b/t']);
  });
  it('snoozes until the last millisecond of the local day and counts tenure in local days', () => {
    const end = endOfLocalDay(NOW);
    expect(localDay(end)).toBe(localDay(NOW));
    expect(new Date(end + 1).getDate()).toBe(11);
    expect(new Date(end + 1).getHours()).toBe(0);
    expect(end).toBeGreaterThan(NOW);
    expect(tenureDay('2026-03-10', localDay(NOW))).toBe(0);
    expect(tenureDay('2026-03-11', localDay(NOW))).toBe(-1);
    expect(tenureDay('bogus', localDay(NOW))).toBeNull();
  });
});
