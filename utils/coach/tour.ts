/** Tour stepping rules (pure): a missing step is skipped once a later step's target is on the page. */

/**
 * The step to show: `current` when its target is present; otherwise the first later step whose
 * target is present (the user has moved on, so the missing step is skipped); otherwise `current`
 * (its target may still render late, so the tour waits).
 */
export function stepToShow(count: number, current: number, present: (index: number) => boolean): number {
  if (current < 0 || current >= count) return Math.min(Math.max(current, 0), count - 1);
  if (present(current)) return current;
  for (let i = current + 1; i < count; i++) if (present(i)) return i;
  return current;
}

/** Tour progress kept for resume: `<packId>/<tourId>` -> step index (0-based). */
export type TourProgress = Record<string, number>;

export function withStep(progress: TourProgress, key: string, step: number | null): TourProgress {
  const next = { ...progress };
  if (step === null || step <= 0) delete next[key];
  else next[key] = step;
  return next;
}
