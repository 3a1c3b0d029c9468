import { describe, expect, it } from 'vitest';
import { mayDraw } from '@/components/overlay/drawn';
import type { Pack } from '@/utils/packs/types';

const pack = (over: Partial<Pack>): Pack => ({ id: 'p', name: 'P', version: '1.0.0', ...over }) as Pack;

describe('mayDraw: the coach state says the overlay will probably be needed', () => {
  it('is true when an enabled pack has a tip or a nudge and coaching is not paused', () => {
    expect(mayDraw({ paused: false, packs: [pack({ tips: [{ id: 't' }] as Pack['tips'] })] })).toBe(true);
    expect(mayDraw({ paused: false, packs: [pack({}), pack({ nudges: [{ id: 'n' }] as Pack['nudges'] })] })).toBe(true);
  });
  it('is false with no packs, with packs holding neither, or while paused', () => {
    expect(mayDraw({ paused: false, packs: [] })).toBe(false);
    expect(mayDraw({ paused: false, packs: [pack({ tips: [], nudges: [] })] })).toBe(false);
    expect(mayDraw({ paused: true, packs: [pack({ tips: [{ id: 't' }] as Pack['tips'] })] })).toBe(false);
  });
});
