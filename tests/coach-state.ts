/**
 * A coach state as the background answers getCoachState, for tests of the content side: the
 * default settings with nothing locked, no item state, no resolved nudges, coaching on, and the
 * Markdown trees of the packs' bodies. `extra` replaces any part.
 */
import type { CoachState } from '@/utils/messaging';
import type { Pack } from '@/utils/packs/types';
import { DEFAULT_SETTINGS } from '@/utils/settings';
import { markdownBodies } from '@/utils/packs/markdown';

/** The default settings with role and start date unlocked and user packs allowed. */
export const OPEN_SETTINGS: CoachState['settings'] = { ...DEFAULT_SETTINGS, locked: { role: false, startDate: false }, allowUserPacks: true };

export function coachStateOf(packs: Pack[], extra: Partial<CoachState> = {}): CoachState {
  return { packs, settings: OPEN_SETTINGS, items: {}, resolved: [], salt: 'salt', paused: false, bodies: markdownBodies(packs), ...extra };
}
