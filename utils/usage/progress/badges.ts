/** Private badges: streaks, graduation and milestones. */
import { itemKey } from '../../packs/refs';
import type { JourneyMilestone } from '../report';

/** Streak lengths (active work days) that earn a badge. */
export const STREAK_BADGES = [7, 30, 90] as const;

export type Badge =
  | { id: string; kind: 'milestone'; earned: boolean; item: JourneyMilestone }
  | { id: string; kind: 'streak'; earned: boolean; days: number; best: number }
  | { id: string; kind: 'graduate'; earned: boolean };

/**
 * Badges are private: streaks of 7/30/90 work days, graduation, and one per milestone (earned when
 * done; milestones in order of their day).
 */
export function badges(milestones: JourneyMilestone[], best: number, graduated: boolean): Badge[] {
  const list: Badge[] = STREAK_BADGES.map((days) => ({
    id: `streak-${days}`,
    kind: 'streak' as const,
    earned: best >= days,
    days,
    best,
  }));
  list.push({ id: 'graduate', kind: 'graduate', earned: graduated });
  const byDue = [...milestones].sort((a, b) => (a.milestone.day ?? Infinity) - (b.milestone.day ?? Infinity));
  for (const item of byDue) {
    list.push({ id: `milestone:${itemKey(item.packId, item.milestone.id)}`, kind: 'milestone', earned: item.status === 'done', item });
  }
  // Earned first, keeping the order above within each group.
  return [...list.filter((b) => b.earned), ...list.filter((b) => !b.earned)];
}
