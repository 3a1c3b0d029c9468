/**
 * Pure decisions of the pack store: what installing, removing, enabling and policy changes do
 * to the set of installed packs. No storage, no network: store.ts applies them.
 */
import { originOfPattern } from './match-pattern';
import { atPath, englishText, msg, type PackMessage } from './messages';
import { compareSemver } from './semver';
import type { InstalledPack, Pack, PackSource } from './types';

/** Installed packs by id. */
export type PackMap = Record<string, InstalledPack>;

export interface InstallMeta {
  source: PackSource;
  now: number;
  url?: string;
  etag?: string;
  lastModified?: string;
}

export type Decision<T> = { ok: true; packs: PackMap; value: T } | { ok: false; error: PackMessage };

/**
 * Install or replace. A pack with an installed id replaces it only when its version is newer or
 * equal; a user cannot replace a pack the policy installed. The enabled flag survives a replace.
 */
export function decideInstall(packs: PackMap, pack: Pack, meta: InstallMeta): Decision<InstalledPack> {
  const existing = packs[pack.id];
  if (existing) {
    if (existing.source === 'policy' && meta.source !== 'policy') {
      return { ok: false, error: msg('pack_policy_cannot_replace', pack.id) };
    }
    if (compareSemver(pack.version, existing.pack.version) < 0) {
      return {
        ok: false,
        error: atPath('version', msg('pack_version_older', pack.version, existing.pack.version, pack.id)),
      };
    }
  }
  const installed: InstalledPack = {
    pack,
    source: meta.source,
    enabled: existing?.enabled ?? true,
    installedAt: meta.now,
  };
  if (meta.url !== undefined) {
    installed.url = meta.url;
    installed.lastRefreshAt = meta.now;
    if (meta.etag) installed.etag = meta.etag;
    if (meta.lastModified) installed.lastModified = meta.lastModified;
  }
  const next = { ...packs };
  // A URL whose pack changed its id: the new id takes the URL's place.
  if (meta.url !== undefined) {
    for (const [id, p] of Object.entries(next)) if (id !== pack.id && p.url === meta.url) delete next[id];
  }
  next[pack.id] = installed;
  return { ok: true, packs: next, value: installed };
}

export function decideRemove(packs: PackMap, id: string): Decision<InstalledPack> {
  const existing = packs[id];
  if (!existing) return { ok: false, error: msg('pack_not_installed', id) };
  if (existing.source === 'policy') return { ok: false, error: msg('pack_policy_locked_remove', id) };
  const next = { ...packs };
  delete next[id];
  return { ok: true, packs: next, value: existing };
}

export function decideSetEnabled(packs: PackMap, id: string, enabled: boolean): Decision<InstalledPack> {
  const existing = packs[id];
  if (!existing) return { ok: false, error: msg('pack_not_installed', id) };
  if (existing.source === 'policy' && !enabled) {
    return { ok: false, error: msg('pack_policy_locked_off', id) };
  }
  const value = { ...existing, enabled };
  return { ok: true, packs: { ...packs, [id]: value }, value };
}

/**
 * Records a refresh that brought nothing new (304) or failed: the pack itself stays as it was.
 * The error is kept in English (`lastError`) and as data (`lastProblem`) for the options page.
 */
export function noteRefresh(packs: PackMap, id: string, now: number, error?: PackMessage): PackMap {
  const existing = packs[id];
  if (!existing) return packs;
  const value: InstalledPack = { ...existing, lastRefreshAt: now };
  if (error === undefined) {
    delete value.lastError;
    delete value.lastProblem;
  } else {
    value.lastError = englishText(error);
    value.lastProblem = error;
  }
  return { ...packs, [id]: value };
}

const SOURCE_ORDER: Record<PackSource, number> = { policy: 0, builtin: 1, 'user-url': 2, 'user-file': 3, draft: 4 };

/** Installed packs in a stable order: policy, built-in, URL, file; then by id. */
export function sortedPacks(packs: PackMap): InstalledPack[] {
  return Object.values(packs).sort(
    (a, b) => SOURCE_ORDER[a.source] - SOURCE_ORDER[b.source] || a.pack.id.localeCompare(b.pack.id),
  );
}

/** The merged view the coach engine reads: every enabled pack. */
export function enabledPacks(packs: PackMap): Pack[] {
  return sortedPacks(packs)
    .filter((p) => p.enabled)
    .map((p) => p.pack);
}

/** Host permission origins a pack's sites need (for chrome.permissions.request). */
export function hostsNeeded(pack: Pack): string[] {
  const origins = new Set<string>();
  for (const site of pack.sites ?? []) {
    for (const pattern of site.match) {
      const origin = originOfPattern(pattern);
      if (origin) origins.add(origin);
    }
  }
  return [...origins];
}

/** What a policy's packUrls mean for the installed packs. */
export function policyPlan(packs: PackMap, packUrls: readonly string[]): { fetch: string[]; remove: string[] } {
  const wanted = new Set(packUrls);
  const installedUrls = new Set(
    Object.values(packs)
      .filter((p) => p.source === 'policy' && p.url)
      .map((p) => p.url!),
  );
  return {
    fetch: [...wanted].filter((u) => !installedUrls.has(u)),
    remove: Object.values(packs)
      .filter((p) => p.source === 'policy' && (!p.url || !wanted.has(p.url)))
      .map((p) => p.pack.id),
  };
}

/** Pack URLs: https only, plain http only for this machine (127.0.0.1, localhost). English, or null. */
export function packUrlProblem(raw: string): string | null {
  const problem = packUrlMessage(raw);
  return problem ? englishText(problem) : null;
}

/** As packUrlProblem, as data. */
export function packUrlMessage(raw: string): PackMessage | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return msg('pack_url_invalid');
  }
  // A password in a pack URL would sit in settings, exports and error notes; a server that needs
  // one is not a pack server the whole company can read. Refused, and never repeated (displayUrl).
  if (url.username !== '' || url.password !== '') return msg('pack_url_credentials');
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) return null;
  return msg('pack_url_not_https', url.protocol);
}

/**
 * A pack URL as it may be shown or stored in a message: without any user name or password
 * (`https://***@packs.example/p.json`), so a refusal never repeats a secret.
 */
export function displayUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.username === '' && url.password === '') return raw;
    url.username = '';
    url.password = '';
    return url.href.replace('//', '//***@');
  } catch {
    // Not a URL: still cut anything between the scheme and an @.
    return raw.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1***@');
  }
}

/**
 * Why a response's final URL may not be used for a pack fetched from `requested`: a redirect
 * may not leave https: (nor go to a URL that is not a pack URL at all). Null when it may.
 */
export function redirectMessage(requested: string, final: string): PackMessage | null {
  if (!final || final === requested) return null;
  let from: URL;
  let to: URL;
  try {
    from = new URL(requested);
    to = new URL(final);
  } catch {
    return msg('pack_url_redirect', displayUrl(final));
  }
  if (from.protocol === 'https:' && to.protocol !== 'https:') return msg('pack_url_redirect_downgrade', displayUrl(final));
  return packUrlMessage(final) ? msg('pack_url_redirect', displayUrl(final)) : null;
}
