/**
 * Settings in storage.local (key 'settings') with the enterprise policy (storage.managed) applied.
 * Policy values win and lock their controls; a missing or unreadable policy means no policy.
 */
import { browser } from 'wxt/browser';
import { ROLE_ID_PATTERN } from './packs/limits';
import { applyPolicy, DEFAULT_SETTINGS, type EffectiveSettings, type Policy, type Settings } from './settings';

export const SETTINGS_KEY = 'settings';

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

/** The last policy read, in storage.local (see getPolicy). */
export const POLICY_CACHE_KEY = 'policyCache';
/** How long a policy read may take before the last known policy answers instead (ms). */
export const SLOW_POLICY_MS = 100;

/** The managed policy, or {} when there is none (the API throws or is missing outside Chrome policy). */
async function readManagedPolicy(): Promise<Policy> {
  try {
    const managed = browser.storage?.managed;
    if (!managed) return {};
    return sanitizePolicy(await managed.get(null));
  } catch {
    return {};
  }
}

async function readCachedPolicy(): Promise<Policy | null> {
  try {
    const stored = (await browser.storage.local.get(POLICY_CACHE_KEY))[POLICY_CACHE_KEY];
    return stored === undefined ? null : sanitizePolicy(stored);
  } catch {
    return null;
  }
}

/**
 * The enterprise policy. The first storage.managed read after the browser starts waits for
 * Chromium's policy service (2.9 s measured on Linux), and every message that needs settings
 * (the coach's state, the popup) would wait with it. So the last policy read is kept in
 * storage.local: when a read takes longer than SLOW_POLICY_MS the last known policy answers, and
 * the read, when it comes, replaces it. With nothing kept yet (first run) the read is awaited.
 */
export async function getPolicy(): Promise<Policy> {
  const fresh = readManagedPolicy();
  void fresh.then(keepPolicy).catch((err: unknown) => console.warn('[crm-coach] could not keep the policy', err));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const slow = new Promise<'slow'>((resolve) => {
    timer = setTimeout(() => resolve('slow'), SLOW_POLICY_MS);
  });
  try {
    const first = await Promise.race([fresh, slow]);
    if (first !== 'slow') return first;
  } finally {
    clearTimeout(timer);
  }
  // Only a slow read looks at the kept policy: the usual, fast one costs no storage read.
  return (await readCachedPolicy()) ?? fresh;
}

/** Keeps the policy just read for the next slow start (written only when it changed). */
async function keepPolicy(policy: Policy): Promise<void> {
  const kept = await readCachedPolicy();
  if (JSON.stringify(kept) !== JSON.stringify(policy)) await browser.storage.local.set({ [POLICY_CACHE_KEY]: policy });
}

export async function getStoredSettings(): Promise<Settings> {
  const stored = (await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY];
  const merged = { ...DEFAULT_SETTINGS, ...(stored && typeof stored === 'object' ? stored : {}) } as Settings;
  return merged;
}

export async function getEffectiveSettings(): Promise<EffectiveSettings> {
  const [settings, policy] = await Promise.all([getStoredSettings(), getPolicy()]);
  return applyPolicy(settings, policy);
}

/** Applies a change; keys the policy locks are left as they are. Throws on invalid values. */
export async function updateSettings(patch: Partial<Settings>): Promise<EffectiveSettings> {
  const clean = sanitizeSettingsPatch(patch);
  const policy = await getPolicy();
  if (policy.role !== undefined) delete clean.role;
  if (policy.startDate !== undefined) delete clean.startDate;
  const current = await getStoredSettings();
  const next = { ...current, ...clean };
  await browser.storage.local.set({ [SETTINGS_KEY]: next });
  return applyPolicy(next, policy);
}

export function refreshMinutesOf(policy: Policy): number {
  return policy.refreshMinutes ?? DEFAULT_REFRESH_MINUTES;
}

/** Calls back with the new policy whenever storage.managed changes. Returns an unsubscribe. */
export function onPolicyChanged(callback: (policy: Policy) => void): () => void {
  const listener = (_changes: unknown, area: string) => {
    if (area !== 'managed') return;
    getPolicy().then(callback, (err) => console.warn('[crm-coach] policy read failed', err));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
