// The coach state of a page (entrypoints/content/coach-state.ts): another record of a page that
// holds a stamped state asks for that record's part only and keeps the rest as the same objects;
// when the background says the rest changed, or on a refresh, it asks for the whole state.
import { describe, expect, it } from 'vitest';
import { createCoachState } from '@/entrypoints/content/coach-state';
import type { CoachState, RecordState } from '@/utils/messaging';
import { pack } from '../coach/helpers';
import { coachStateOf } from '../../coach-state';

const first = coachStateOf([pack({ tips: [{ id: 'amount', target: { field: 'Amount' }, title: 'Amounts' }] })], { stamp: 's1' });

function setup(answerPart: (stamp: string) => RecordState | null) {
  const asked: string[] = [];
  let full: CoachState = first;
  const states = createCoachState(
    {
      getCoachState: async (_url, recordKey) => {
        asked.push(`full ${recordKey}`);
        return { ...full, resolved: [`for ${recordKey}`] };
      },
      getRecordState: async (_url, recordKey, stamp) => {
        asked.push(`part ${recordKey} ${stamp}`);
        return answerPart(stamp);
      },
      setPagePrefs: async () => ({}),
      browserLanguage: 'en',
    },
    new AbortController().signal,
    () => undefined,
  );
  return { states, asked, setFull: (s: CoachState) => (full = s) };
}

describe('coach state across records', () => {
  it('asks for the next record\'s part only, keeping the packs and settings it holds', async () => {
    const t = setup((stamp) => (stamp === 's1' ? { stamp, items: {}, resolved: ['p1/n|Amount'], paused: true } : null));
    await t.states.fetch('a|', 'https://x/a', null);
    const held = t.states.current!;
    expect(t.asked).toEqual(['full null']);
    const names = t.states.fieldNames();

    await t.states.fetch('b|rk_b', 'https://x/b', 'rk_b');
    expect(t.asked).toEqual(['full null', 'part rk_b s1']);
    const next = t.states.current!;
    expect(next).not.toBe(held);
    expect(next.resolved).toEqual(['p1/n|Amount']);
    expect(next.paused).toBe(true);
    expect(next.packs).toBe(held.packs);
    expect(next.settings).toBe(held.settings);
    expect(next.stamp).toBe('s1');
    expect(t.states.isFor('b|rk_b')).toBe(true);
    // Worked out from the same packs: not again.
    expect(t.states.fieldNames()).toBe(names);
  });

  it('asks for the whole state when the rest changed since (null), and on a refresh', async () => {
    const t = setup(() => null);
    await t.states.fetch('a|', 'https://x/a', null);
    t.setFull({ ...first, stamp: 's2' });
    await t.states.fetch('b|rk_b', 'https://x/b', 'rk_b');
    expect(t.asked).toEqual(['full null', 'part rk_b s1', 'full rk_b']);
    expect(t.states.current!.stamp).toBe('s2');
    expect(t.states.current!.resolved).toEqual(['for rk_b']);

    await t.states.fetch('b|rk_b', 'https://x/b', 'rk_b', true);
    expect(t.asked.at(-1)).toBe('full rk_b');
  });

  it('a state without a stamp is always asked for whole', async () => {
    const t = setup(() => null);
    t.setFull({ ...first, stamp: undefined });
    await t.states.fetch('a|', 'https://x/a', null);
    await t.states.fetch('b|', 'https://x/b', null);
    expect(t.asked).toEqual(['full null', 'full null']);
  });
});
