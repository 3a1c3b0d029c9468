/** Record hygiene: the share of nudged fields the user filled, and the fields left empty. */
import { dayNumber } from '../../day';
import type { DayRollup } from '../report';
import { WINDOW_DAYS } from './calendar';

/** A hygiene change smaller than this (as a share, 0.01 = 1 point) reads as flat. */
export const TREND_EPSILON = 0.01;

export type Trend = 'up' | 'down' | 'flat';

export interface HygieneRow {
  /** CRM object label; '' for the overall row. */
  object: string;
  shown: number;
  resolved: number;
  /** resolved / shown over the last 30 days (capped at 1); null when nothing was nudged. */
  share: number | null;
  /** The same share over the 30 days before. */
  previousShare: number | null;
  /** share − previousShare; null when either is unknown. */
  delta: number | null;
  trend: Trend | null;
}

export interface EmptyField {
  object: string;
  field: string;
  count: number;
}

export interface Hygiene {
  overall: HygieneRow;
  /** Objects nudged in the last 30 days, most nudged first. */
  objects: HygieneRow[];
  /** Fields most often seen empty in the last 30 days, most first. */
  emptyFields: EmptyField[];
}

export function shareOf(resolved: number, shown: number): number | null {
  if (shown <= 0) return null;
  return Math.min(1, Math.max(0, resolved / shown));
}

export function trendOf(delta: number | null): Trend | null {
  if (delta === null) return null;
  if (Math.abs(delta) < TREND_EPSILON) return 'flat';
  return delta > 0 ? 'up' : 'down';
}

function hygieneRow(object: string, cur: [number, number], prev: [number, number]): HygieneRow {
  const share = shareOf(cur[1], cur[0]);
  const previousShare = shareOf(prev[1], prev[0]);
  const delta = share !== null && previousShare !== null ? share - previousShare : null;
  return { object, shown: cur[0], resolved: cur[1], share, previousShare, delta, trend: trendOf(delta) };
}

const EMPTY_KEY_SEPARATOR = ' · ';

/** Splits an emptyFields key "<object> · <field label>". */
export function splitEmptyFieldKey(key: string): { object: string; field: string } {
  const i = key.indexOf(EMPTY_KEY_SEPARATOR);
  if (i < 0) return { object: '', field: key };
  return { object: key.slice(0, i), field: key.slice(i + EMPTY_KEY_SEPARATOR.length) };
}

/**
 * Share of nudged fields the user filled (resolved / shown) over the last 30 days, overall and
 * per object, with the trend against the 30 days before; and the fields most often left empty.
 */
export function hygiene(days: DayRollup[], today: string, topFields = 5): Hygiene {
  const t = dayNumber(today);
  const curFrom = t - WINDOW_DAYS + 1;
  const prevFrom = curFrom - WINDOW_DAYS;
  const cur = new Map<string, [number, number]>();
  const prev = new Map<string, [number, number]>();
  const empty = new Map<string, number>();
  const add = (map: Map<string, [number, number]>, rec: Record<string, number>, i: 0 | 1) => {
    for (const [object, n] of Object.entries(rec)) {
      const pair = map.get(object) ?? [0, 0];
      pair[i] += n;
      map.set(object, pair);
    }
  };
  for (const r of days) {
    const n = dayNumber(r.day);
    if (n > t || n < prevFrom) continue;
    const target = n >= curFrom ? cur : prev;
    add(target, r.nudgeShown, 0);
    add(target, r.nudgeResolved, 1);
    if (n >= curFrom) for (const [key, c] of Object.entries(r.emptyFields)) empty.set(key, (empty.get(key) ?? 0) + c);
  }
  const total = (map: Map<string, [number, number]>): [number, number] => {
    let s = 0;
    let r = 0;
    for (const [a, b] of map.values()) {
      s += a;
      r += b;
    }
    return [s, r];
  };
  const objects = [...cur.entries()]
    .filter(([, [s, r]]) => s > 0 || r > 0)
    .map(([object, pair]) => hygieneRow(object, pair, prev.get(object) ?? [0, 0]))
    .sort((a, b) => b.shown - a.shown || a.object.localeCompare(b.object));
  const emptyFields = [...empty.entries()]
    .filter(([, c]) => c > 0)
    .map(([key, count]) => ({ ...splitEmptyFieldKey(key), count }))
    .sort((a, b) => b.count - a.count || a.field.localeCompare(b.field))
    .slice(0, topFields);
  return { overall: hygieneRow('', total(cur), total(prev)), objects, emptyFields };
}
