/**
 * The pack store (background side): installed packs in storage.local (packsItem,
 * utils/storage/items.ts), from five sources (built-in, user file, user URL, policy, draft). Every change is one read-decide-write step,
 * serialized, so a failed install or refresh leaves the stored packs exactly as they were.
 */
import { browser } from 'wxt/browser';
import type { PackResult } from '../messaging';
import { getEnforcedSettings, getPolicyNow } from '../settings-store';
import { englishText, msg, packFailure, type PackMessage } from './messages';
import { parsePackText } from './parse';
import {
  decideInstall,
  decideRemove,
  decideSetEnabled,
  enabledPacks,
  hostsNeeded,
  noteRefresh,
  type PackMap,
  displayUrl,
  packUrlMessage,
  policyPlan,
  sortedPacks,
  type InstallMeta,
} from './store-logic';
import type { InstalledPack, Pack } from './types';
import { fetchPackUrl } from './url-fetch';
import { validatePack } from './validate';
import { builtinsVersionItem, packsItem, policyErrorsItem, removedBuiltinsItem, type StoredPackEntry } from '../storage/items';

let queue: Promise<unknown> = Promise.resolve();

/** Runs store changes one at a time (the options page and an alarm may act at once). */
function serialized<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

/** Stored entries already validated, by their JSON (storage hands back new objects each read). */
const validEntries = new Map<string, boolean>();

/**
 * Whether a stored entry (its own fields already checked by packsItem) may be used: the pack
 * validates again (a pack written to storage by anything but this store, e.g. a content script
 * where storage.local is not limited to trusted contexts, is not trusted), its id is its key, and
 * a policy pack comes from a URL the current policy lists.
 */
function storedEntryOk(id: string, e: StoredPackEntry, policyUrls: readonly string[]): e is StoredPackEntry & InstalledPack {
  if (e.source === 'policy' && !(typeof e.url === 'string' && policyUrls.includes(e.url))) return false;
  const json = JSON.stringify(e.pack);
  let ok = validEntries.get(json);
  if (ok === undefined) {
    const result = validatePack(e.pack);
    ok = result.ok && result.pack.id === id;
    if (validEntries.size > 200) validEntries.clear();
    validEntries.set(json, ok);
  }
  return ok;
}

async function readPacks(): Promise<PackMap> {
  const [stored, policy] = await Promise.all([packsItem.get(), getPolicy()]);
  const out: PackMap = {};
  for (const [id, entry] of Object.entries(stored)) {
    if (storedEntryOk(id, entry, policy.packUrls ?? [])) out[id] = entry;
    else console.warn(`[crm-coach] stored pack "${id}" dropped: it does not validate or its source is not allowed`);
  }
  return out;
}

async function writePacks(packs: PackMap): Promise<void> {
  await packsItem.set(packs);
}

/** The merged view for the coach engine: every enabled pack, policy first. */
export async function getEnabledPacks(): Promise<Pack[]> {
  return enabledPacks(await readPacks());
}

export async function listInstalled(): Promise<InstalledPack[]> {
  return sortedPacks(await readPacks());
}

function resultOf(installed: InstalledPack): PackResult {
  const hosts = hostsNeeded(installed.pack);
  return hosts.length > 0 ? { ok: true, pack: installed, needsHosts: hosts } : { ok: true, pack: installed };
}

/** Installs a validated pack; the version rule and source rules decide. */
export function installPack(pack: Pack, meta: Omit<InstallMeta, 'now'>): Promise<PackResult> {
  return serialized(async () => {
    const decision = decideInstall(await readPacks(), pack, { ...meta, now: Date.now() });
    if (!decision.ok) return packFailure([decision.error]);
    await writePacks(decision.packs);
    return resultOf(decision.value);
  });
}


/** "Import pack file": JSON or YAML text from the options page. */
export async function installPackText(text: string, fileName?: string): Promise<PackResult> {
  if (!(await getEnforcedSettings()).allowUserPacks) return packFailure([msg('pack_user_packs_off')]);
  const parsed = parsePackText(text, fileName);
  if (!parsed.ok) return parsed;
  return installPack(parsed.pack, { source: 'user-file' });
}

/** Fetches, validates and installs a pack from a URL. */
async function installFromUrl(url: string, source: 'user-url' | 'policy'): Promise<PackResult> {
  const shown = displayUrl(url);
  const problem = packUrlMessage(url);
  if (problem) return packFailure([msg('pack_at_url', shown, problem)]);
  const fetched = await fetchPackUrl(url);
  if (fetched.status === 'error') return packFailure([msg('pack_at_url', shown, fetched.error)]);
  if (fetched.status === 'not-modified') return packFailure([msg('pack_at_url', shown, msg('pack_not_modified_first'))]);
  const parsed = parsePackText(fetched.text, new URL(url).pathname);
  if (!parsed.ok) return parsed;
  return installPack(parsed.pack, { source, url, etag: fetched.etag, lastModified: fetched.lastModified });
}

/** "Add pack URL". */
export async function addPackUrl(url: string): Promise<PackResult> {
  if (!(await getEnforcedSettings()).allowUserPacks) return packFailure([msg('pack_user_packs_off')]);
  return installFromUrl(url.trim(), 'user-url');
}

/** Applies a decision or throws its message in English (the options page shows it). */
async function applyDecision(
  decide: (packs: PackMap) => ReturnType<typeof decideRemove>,
): Promise<{ list: InstalledPack[]; changed: InstalledPack }> {
  return serialized(async () => {
    const decision = decide(await readPacks());
    if (!decision.ok) throw new Error(englishText(decision.error));
    await writePacks(decision.packs);
    return { list: sortedPacks(decision.packs), changed: decision.value };
  });
}

export async function setPackEnabled(id: string, enabled: boolean): Promise<InstalledPack[]> {
  return (await applyDecision((packs) => decideSetEnabled(packs, id, enabled))).list;
}

export async function removePack(id: string): Promise<InstalledPack[]> {
  const { list, changed } = await applyDecision((packs) => decideRemove(packs, id));
  // Remember a removed built-in so an extension update does not bring it back.
  if (changed.source === 'builtin') {
    const removed = await removedBuiltinsItem.get();
    await removedBuiltinsItem.set([...new Set([...removed, id])]);
  }
  return list;
}

/** Refreshes one URL pack; a failure keeps the last good copy and records lastError. */
async function refreshOne(current: InstalledPack): Promise<void> {
  const url = current.url!;
  const id = current.pack.id;
  const fetched = await fetchPackUrl(url, { etag: current.etag, lastModified: current.lastModified });
  if (fetched.status !== 'ok') {
    const error = fetched.status === 'error' ? fetched.error : undefined;
    await serialized(async () => writePacks(noteRefresh(await readPacks(), id, Date.now(), error)));
    return;
  }
  const parsed = parsePackText(fetched.text, new URL(url).pathname);
  if (!parsed.ok) {
    const error = refused(parsed.problems.slice(0, 3));
    await serialized(async () => writePacks(noteRefresh(await readPacks(), id, Date.now(), error)));
    return;
  }
  await serialized(async () => {
    const packs = await readPacks();
    const decision = decideInstall(packs, parsed.pack, {
      source: current.source,
      url,
      now: Date.now(),
      etag: fetched.etag,
      lastModified: fetched.lastModified,
    });
    if (decision.ok) await writePacks(decision.packs);
    else await writePacks(noteRefresh(packs, id, Date.now(), refused([decision.error])));
  });
}

function refused(problems: PackMessage[]): PackMessage {
  return msg('pack_refresh_refused', problems);
}

/** Refreshes every URL and policy pack (the alarm and the "Refresh packs" button). */
export async function refreshPacks(): Promise<InstalledPack[]> {
  const urlPacks = Object.values(await readPacks()).filter((p) => p.url);
  for (const p of urlPacks) {
    try {
      await refreshOne(p);
    } catch (err) {
      console.warn('[crm-coach] pack refresh failed', p.pack.id, err);
    }
  }
  await syncPolicyPacks();
  return listInstalled();
}

/** Installs the policy's pack URLs not yet installed and removes policy packs it no longer lists. */
export async function syncPolicyPacks(): Promise<void> {
  const policy = await getPolicyNow();
  const plan = policyPlan(await readPacks(), policy.packUrls ?? []);
  if (plan.remove.length > 0) {
    await serialized(async () => {
      const packs = { ...(await readPacks()) };
      for (const id of plan.remove) if (packs[id]?.source === 'policy') delete packs[id];
      await writePacks(packs);
    });
  }
  const errors: Record<string, string> = {};
  for (const url of plan.fetch) {
    const result = await installFromUrl(url, 'policy');
    if (!result.ok) errors[displayUrl(url)] = result.errors.join('; ');
  }
  await policyErrorsItem.set(errors);
  for (const [url, error] of Object.entries(errors)) console.warn('[crm-coach] policy pack not installed', url, error);
}

export const BUILTIN_INDEX = '/packs/index.json';

/** The built-in packs listed in public/packs/index.json, validated like any other pack. */
export async function loadBuiltinPacks(fetchImpl: typeof fetch = (...a) => fetch(...a)): Promise<Pack[]> {
  const index = (await (await fetchImpl(publicUrl(BUILTIN_INDEX))).json()) as {
    packs: string[];
  };
  const packs: Pack[] = [];
  for (const file of index.packs) {
    const res = await fetchImpl(publicUrl(`/packs/${file}`));
    const result = validatePack(await res.json());
    if (result.ok) packs.push(result.pack);
    else console.error('[crm-coach] built-in pack is invalid', file, result.errors);
  }
  return packs;
}

/** URL of a file under public/ (getURL's type only knows files that existed at the last `wxt prepare`). */
function publicUrl(path: string): string {
  return (browser.runtime.getURL as (p: string) => string)(path);
}

function extensionVersion(): string {
  try {
    return browser.runtime.getManifest().version;
  } catch {
    return 'unknown';
  }
}

/**
 * Installs the built-in packs on first run and upgrades them when the extension version changes.
 * Packs the user removed, or replaced by their own copy, are left alone.
 */
export async function syncBuiltinPacks(options: { force?: boolean; fetchImpl?: typeof fetch } = {}): Promise<void> {
  const version = extensionVersion();
  const [packsStored, installedVersion, removedIds] = await Promise.all([packsItem.has(), builtinsVersionItem.get(), removedBuiltinsItem.get()]);
  if (!options.force && packsStored && installedVersion === version) return;
  const removed = new Set(removedIds);
  const builtins = await loadBuiltinPacks(options.fetchImpl);
  await serialized(async () => {
    let packs = await readPacks();
    for (const pack of builtins) {
      if (removed.has(pack.id)) continue;
      const existing = packs[pack.id];
      if (existing && existing.source !== 'builtin') continue;
      const decision = decideInstall(packs, pack, { source: 'builtin', now: Date.now() });
      if (decision.ok) packs = decision.packs;
    }
    await writePacks(packs);
    await builtinsVersionItem.set(version);
  });
}
