/**
 * Settings in storage.local (settingsItem, utils/storage/items.ts) with the enterprise policy (storage.managed) applied.
 * Policy values win and lock their controls; a missing or unreadable policy means no policy.
 */
import { browser } from 'wxt/browser';
import { applyPolicy, type EffectiveSettings, type Policy, type Settings } from './settings';
import { policyCacheItem, settingsItem } from './storage/items';
import { DEFAULT_REFRESH_MINUTES, sanitizePolicy, sanitizeSettingsPatch } from './storage/settings-values';

/**
 * How long a policy read may take before what is known answers instead (ms). The usual read
 * takes about 1 ms; the first one after the browser starts waits for Chromium's policy service
 * (2.9 s measured on Linux).
 */
export const SLOW_POLICY_MS = 25;

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

/** The policy kept from the last read (policyCacheItem: checked when read, null when none or unusable). */
async function readCachedPolicy(): Promise<Policy | null> {
  try {
    return await policyCacheItem.get();
  } catch {
    return null;
  }
}

const samePolicy = (a: Policy | null, b: Policy | null) => JSON.stringify(a ?? {}) === JSON.stringify(b ?? {});

/** What this worker knows of the policy: the last read, or the kept one, and the read in flight. */
interface PolicyMemory {
  /** The last policy read or kept (null: nothing known yet). */
  known: Policy | null;
  /** The managed read in flight, and whether it has already been slow. */
  reading: { read: Promise<Policy>; slow: boolean } | null;
  listeners: Set<(policy: Policy) => void>;
}

let memory: PolicyMemory = { known: null, reading: null, listeners: new Set() };

/** Forgets what this worker knows of the policy (tests start each case from a fresh worker). */
export function forgetPolicy(): void {
  memory = { known: null, reading: null, listeners: new Set() };
}

/** A managed read: the one in flight, or a new one. When it lands it becomes what is known. */
function readPolicy(): Promise<Policy> {
  if (memory.reading) return memory.reading.read;
  const mine = memory;
  const read = readManagedPolicy().then((policy) => {
    if (memory === mine) policyLanded(policy);
    return policy;
  });
  mine.reading = { read, slow: false };
  void read.finally(() => {
    if (mine.reading?.read === read) mine.reading = null;
  });
  return read;
}

/**
 * A managed read landed: it becomes what is known, is kept for the next start (storage.local,
 * written only when it changed) and, when it differs from what was known before (or kept, for a
 * worker's first read), every onPolicyChanged listener re-applies it.
 */
function policyLanded(policy: Policy): void {
  const known = memory.known;
  const listeners = memory.listeners;
  memory.known = policy;
  void (async () => {
    const kept = await readCachedPolicy();
    if (kept === null || !samePolicy(kept, policy)) await policyCacheItem.set(policy);
    if (samePolicy(known ?? kept, policy)) return;
    for (const listener of listeners) {
      try {
        listener(policy);
      } catch (err) {
        console.warn('[crm-coach] policy listener failed', err);
      }
    }
  })().catch((err: unknown) => console.warn('[crm-coach] could not keep the policy', err));
}

/**
 * The enterprise policy for what the user sees (the coach, the popup, the options page): never
 * waits on a slow policy service. A read that lands within SLOW_POLICY_MS answers; otherwise what
 * is known answers at once (the last read, the policy kept in storage.local, or no policy on a
 * first run), and the read, when it lands, is re-applied through onPolicyChanged. While a read is
 * known to be slow, later calls do not wait for it again.
 */
export async function getPolicy(): Promise<Policy> {
  const reading = memory.reading;
  if (!reading?.slow) {
    const read = readPolicy();
    const current = memory.reading;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const slow = new Promise<'slow'>((resolve) => {
      timer = setTimeout(() => resolve('slow'), SLOW_POLICY_MS);
    });
    try {
      const first = await Promise.race([read, slow]);
      if (first !== 'slow') return first;
    } finally {
      clearTimeout(timer);
    }
    if (current) current.slow = true;
  }
  return knownPolicy();
}

/** What is known without a managed read: the last read, else the kept policy, else none. */
async function knownPolicy(): Promise<Policy> {
  if (memory.known) return memory.known;
  const kept = await readCachedPolicy();
  // A read may have landed meanwhile: it wins.
  memory.known ??= kept;
  return memory.known ?? {};
}

/**
 * The policy as the managed read says it, waiting for it however long it takes: for decisions the
 * policy enforces (user packs allowed, policy packs, locked settings), never for display.
 */
export function getPolicyNow(): Promise<Policy> {
  return readPolicy();
}

/** The user's own settings (settingsItem: each stored value checked, defaults for the rest). */
export function getStoredSettings(): Promise<Settings> {
  return settingsItem.get();
}

/** Settings with the policy applied, at once (see getPolicy). */
export async function getEffectiveSettings(): Promise<EffectiveSettings> {
  const [settings, policy] = await Promise.all([getStoredSettings(), getPolicy()]);
  return applyPolicy(settings, policy);
}

/** Settings with the policy as the managed read says it (see getPolicyNow): for enforcement. */
export async function getEnforcedSettings(): Promise<EffectiveSettings> {
  const [settings, policy] = await Promise.all([getStoredSettings(), getPolicyNow()]);
  return applyPolicy(settings, policy);
}

let settingsQueue: Promise<unknown> = Promise.resolve();

/**
 * Applies a change; keys the policy locks are left as they are. Throws on invalid values.
 * Changes run one at a time (read, merge, write): two at once (the options page saves the role
 * and the start date a moment apart) must not lose one of them.
 */
export function updateSettings(patch: Partial<Settings>): Promise<EffectiveSettings> {
  const run = settingsQueue.then(
    () => applySettingsPatch(patch),
    () => applySettingsPatch(patch),
  );
  settingsQueue = run.catch(() => undefined);
  return run;
}

async function applySettingsPatch(patch: Partial<Settings>): Promise<EffectiveSettings> {
  const clean = sanitizeSettingsPatch(patch);
  const policy = await getPolicyNow();
  if (policy.role !== undefined) delete clean.role;
  if (policy.startDate !== undefined) delete clean.startDate;
  const current = await getStoredSettings();
  const next = { ...current, ...clean };
  await settingsItem.set(next);
  return applyPolicy(next, policy);
}

export function refreshMinutesOf(policy: Policy): number {
  return policy.refreshMinutes ?? DEFAULT_REFRESH_MINUTES;
}

/**
 * Calls back with the new policy whenever it changes: storage.managed changed, or a read landed
 * that differs from what was known (the first read after the browser starts). Returns an
 * unsubscribe.
 */
export function onPolicyChanged(callback: (policy: Policy) => void): () => void {
  const listeners = memory.listeners;
  listeners.add(callback);
  const listener = (_changes: unknown, area: string) => {
    if (area !== 'managed') return;
    // A change event means the read in flight (if any) may be stale: read again.
    memory.reading = null;
    readPolicy().catch((err: unknown) => console.warn('[crm-coach] policy read failed', err));
  };
  browser.storage.onChanged.addListener(listener);
  return () => {
    listeners.delete(callback);
    browser.storage.onChanged.removeListener(listener);
  };
}
