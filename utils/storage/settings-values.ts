/**
 * The checks on settings and policy values (pure): a settings change is refused with a message
 * saying what is wrong; a policy, or settings read back from storage, keep their well-formed
 * values only. Used on write (utils/settings-store.ts) and on read (utils/storage/items.ts).
 */
import { ROLE_ID_PATTERN } from '../packs/limits';
import { DEFAULT_SETTINGS, type Policy, type Settings } from '../settings';
import type { Parsed } from './stored-item';

/** Refresh interval bounds in minutes (default 360 = 6 hours). */
export const DEFAULT_REFRESH_MINUTES = 360;
const MIN_REFRESH = 1;
const MAX_REFRESH = 7 * 24 * 60;

export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Keeps only well-formed policy values: an administrator's typo must not break the extension. */
export function sanitizePolicy(raw: unknown): Policy {
  if (!raw || typeof raw !== 'object') return {};
  const r = raw as Record<string, unknown>;
  const policy: Policy = {};
  if (Array.isArray(r.packUrls)) {
    policy.packUrls = [...new Set(r.packUrls.filter((u): u is string => typeof u === 'string' && u.trim() !== '').map((u) => u.trim()))];
  }
  if (typeof r.role === 'string' && ROLE_ID_PATTERN.test(r.role)) policy.role = r.role;
  if (typeof r.startDate === 'string' && isIsoDate(r.startDate)) policy.startDate = r.startDate;
  if (typeof r.refreshMinutes === 'number' && Number.isFinite(r.refreshMinutes)) {
    policy.refreshMinutes = Math.min(MAX_REFRESH, Math.max(MIN_REFRESH, Math.round(r.refreshMinutes)));
  }
  if (typeof r.allowUserPacks === 'boolean') policy.allowUserPacks = r.allowUserPacks;
  return policy;
}

/** Checks a settings change; throws an Error saying what is wrong. */
export function sanitizeSettingsPatch(patch: Partial<Settings>): Partial<Settings> {
  const out: Partial<Settings> = {};
  if ('role' in patch) {
    const role = patch.role;
    if (role !== null && (typeof role !== 'string' || !ROLE_ID_PATTERN.test(role))) {
      throw new Error('role: expected a lower-case role id such as sales or sales-manager');
    }
    out.role = role;
  }
  if ('startDate' in patch) {
    const date = patch.startDate;
    if (date !== null && (typeof date !== 'string' || !isIsoDate(date))) {
      throw new Error('startDate: expected a date as YYYY-MM-DD');
    }
    out.startDate = date;
  }
  if ('language' in patch) {
    if (!['auto', 'en', 'zh-CN'].includes(patch.language as string)) {
      throw new Error('language: expected one of auto, en, zh-CN');
    }
    out.language = patch.language;
  }
  if ('pausedSites' in patch) {
    if (!Array.isArray(patch.pausedSites) || patch.pausedSites.some((h) => typeof h !== 'string')) {
      throw new Error('pausedSites: expected a list of host names');
    }
    out.pausedSites = [...new Set(patch.pausedSites)];
  }
  if ('launcher' in patch) {
    const l = patch.launcher;
    const ok =
      !!l &&
      typeof l === 'object' &&
      Object.values(l).every((p) => p && Number.isFinite(p.right) && Number.isFinite(p.bottom));
    if (!ok) throw new Error('launcher: expected positions { right, bottom } in px');
    out.launcher = l;
  }
  return out;
}


const isRecord = (raw: unknown): raw is Record<string, unknown> => !!raw && typeof raw === 'object' && !Array.isArray(raw);

/**
 * Settings read back from storage: each well-formed value is kept, each other one reads as its
 * default and is named (a value written by anything but updateSettings is not trusted).
 */
export function parseStoredSettings(raw: unknown): Parsed<Settings> {
  if (!isRecord(raw)) return { ok: false, reason: `expected an object, found ${Array.isArray(raw) ? 'a list' : typeof raw}` };
  const value: Settings = { ...DEFAULT_SETTINGS, pausedSites: [], launcher: {} };
  const dropped: string[] = [];
  for (const name of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    if (!(name in raw)) continue;
    try {
      Object.assign(value, sanitizeSettingsPatch({ [name]: raw[name] } as Partial<Settings>));
    } catch (err) {
      dropped.push(`${err instanceof Error ? err.message : String(err)}: default used`);
    }
  }
  return { ok: true, value, dropped };
}

/** The policy kept from the last managed read: its well-formed values (see sanitizePolicy). */
export function parseStoredPolicy(raw: unknown): Parsed<Policy> {
  if (!isRecord(raw)) return { ok: false, reason: `expected an object, found ${Array.isArray(raw) ? 'a list' : typeof raw}` };
  const value = sanitizePolicy(raw);
  const dropped = Object.keys(raw)
    .filter((name) => !(name in value))
    .map((name) => `${name}: not a well-formed policy value, left out`);
  return { ok: true, value, dropped };
}
