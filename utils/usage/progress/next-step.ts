/** The next best step the popup suggests. */
import { dayNumber } from '../../day';
import { itemKey, refKey } from '../../packs/refs';
import type { JourneyMilestone, JourneySnippet, ProgressReport } from '../report';

/** An open nudge counts as "recent" for the next best step within this many days. */
export const RECENT_NUDGE_DAYS = 7;

export type NextStep =
  | { kind: 'milestone'; item: JourneyMilestone; late: boolean }
  | { kind: 'snippet'; item: JourneySnippet; day: number; late: boolean; upcoming: boolean }
  | { kind: 'nudge'; object: string; open: number }
  | { kind: 'none' };

const byDay = <T>(day: (x: T) => number | undefined) => (a: T, b: T) => (day(a) ?? Infinity) - (day(b) ?? Infinity);

/**
 * The single most useful thing to do now, in this order:
 * 1. a late milestone (the most overdue; if a snippet completes it, that snippet);
 * 2. a snippet scheduled for today or earlier and not completed (the earliest);
 * 3. a due milestone (the soonest);
 * 4. an open nudge on an object seen in the last 7 days (the object with most fields left open);
 * 5. the next snippet coming up;
 * otherwise nothing.
 */
export function nextBestStep(
  report: Pick<ProgressReport, 'milestones' | 'snippets' | 'days' | 'today'>,
  journeyDay: number | null,
): NextStep {
  if (journeyDay === null || journeyDay < 0) return { kind: 'none' };
  const snippetStep = (item: JourneySnippet): NextStep => {
    const day = item.snippet.day ?? journeyDay;
    return { kind: 'snippet', item, day, late: day < journeyDay, upcoming: day > journeyDay };
  };

  const late = report.milestones.filter((m) => m.status === 'late').sort(byDay((m) => m.milestone.day));
  if (late.length) {
    const m = late[0];
    const done = m.milestone.done;
    if ('snippet' in done) {
      const id = refKey(m.packId, done.snippet);
      const s = report.snippets.find((x) => itemKey(x.packId, x.snippet.id) === id && !x.completed);
      if (s) return snippetStep(s);
    }
    return { kind: 'milestone', item: m, late: true };
  }

  const pending = report.snippets.filter((s) => !s.completed && s.snippet.day !== undefined);
  const dueSnippets = pending.filter((s) => (s.snippet.day as number) <= journeyDay).sort(byDay((s) => s.snippet.day));
  if (dueSnippets.length) return snippetStep(dueSnippets[0]);

  const due = report.milestones.filter((m) => m.status === 'due').sort(byDay((m) => m.milestone.day));
  if (due.length) return { kind: 'milestone', item: due[0], late: false };

  const t = dayNumber(report.today);
  const open = new Map<string, number>();
  for (const r of report.days) {
    const n = dayNumber(r.day);
    if (n > t || n <= t - RECENT_NUDGE_DAYS) continue;
    for (const [object, shown] of Object.entries(r.nudgeShown)) open.set(object, (open.get(object) ?? 0) + shown);
    for (const [object, resolved] of Object.entries(r.nudgeResolved)) open.set(object, (open.get(object) ?? 0) - resolved);
  }
  const best = [...open.entries()].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  if (best) return { kind: 'nudge', object: best[0], open: best[1] };

  const upcoming = pending.filter((s) => (s.snippet.day as number) > journeyDay).sort(byDay((s) => s.snippet.day));
  if (upcoming.length) return snippetStep(upcoming[0]);
  return { kind: 'none' };
}
