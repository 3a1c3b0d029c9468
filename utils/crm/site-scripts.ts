/**
 * Background side of pack `sites`: registers the coach content script at run time
 * (chrome.scripting.registerContentScripts) for each site whose hosts the user granted, and
 * unregisters the ones no longer wanted (pack removed or disabled, permission revoked).
 * Call it on start-up, whenever packs change, and on permissions.onAdded / onRemoved.
 */
import { browser } from 'wxt/browser';
import type { Pack, SiteDefinition } from '../packs/types';
import { CRM_CONTENT_MATCHES } from './matches';
import { compileMatchPattern, matchesAny } from '../patterns/match-pattern';

/** The content script file WXT builds for entrypoints/content (the one built-in CRMs use). */
export const CONTENT_SCRIPT_FILE = 'content-scripts/content.js';
export const SITE_SCRIPT_PREFIX = 'site-';

export interface RegisteredScript {
  id: string;
  matches?: string[];
  js?: string[];
}

/** The small part of chrome.permissions / chrome.scripting this module uses (injectable for tests). */
export interface SiteScriptApi {
  contains(origins: string[]): Promise<boolean>;
  getRegistered(): Promise<RegisteredScript[]>;
  register(scripts: { id: string; matches: string[]; js: string[]; runAt: 'document_idle'; persistAcrossSessions: boolean; allFrames: boolean }[]): Promise<void>;
  unregister(ids: string[]): Promise<void>;
}

/**
 * browser.* from wxt/browser: promise-returning in both browsers. Firefox MV2's `chrome.*` takes
 * callbacks and returns undefined, which left pack sites without their scripts there.
 */
export function defaultSiteScriptApi(): SiteScriptApi | null {
  const scripting = browser.scripting;
  const permissions = browser.permissions;
  if (!scripting?.registerContentScripts || !permissions?.contains) return null;
  return {
    contains: (origins) => permissions.contains({ origins }),
    getRegistered: () => scripting.getRegisteredContentScripts() as Promise<RegisteredScript[]>,
    register: (scripts) => scripting.registerContentScripts(scripts),
    unregister: (ids) => scripting.unregisterContentScripts({ ids }),
  };
}

/** True when every URL a pattern matches is already covered by the built-in content script. */
export function coveredByBuiltins(pattern: string): boolean {
  const p = compileMatchPattern(pattern);
  if (!p || p.scheme !== 'https' || p.host === '*') return false;
  const host = p.host.replace(/^\*\./, 'x.');
  return matchesAny(CRM_CONTENT_MATCHES, `https://${host}/`);
}

/** Content script id for a site: `site-<siteId>`. */
export function siteScriptId(site: SiteDefinition): string {
  return SITE_SCRIPT_PREFIX + site.id;
}

/** The sites of enabled packs, later packs not overriding an id an earlier pack claimed. */
export function wantedSites(packs: Pack[]): SiteDefinition[] {
  const seen = new Set<string>();
  const out: SiteDefinition[] = [];
  for (const p of packs) {
    for (const s of p.sites ?? []) {
      if (seen.has(s.id)) continue;
      seen.add(s.id);
      out.push(s);
    }
  }
  return out;
}

function sameList(a: readonly string[] = [], b: readonly string[] = []): boolean {
  return a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);
}

/** Registers/unregisters `site-<id>` content scripts so they match the granted sites of `packs`. Never throws. */
export async function syncSiteScripts(packs: Pack[], api: SiteScriptApi | null = defaultSiteScriptApi()): Promise<void> {
  if (!api) return;
  try {
    const wanted = new Map<string, string[]>();
    for (const site of wantedSites(packs)) {
      const matches = site.match.filter((p) => compileMatchPattern(p) && !coveredByBuiltins(p));
      if (matches.length === 0) continue;
      let granted = false;
      try {
        granted = await api.contains(matches);
      } catch {
        granted = false;
      }
      if (granted) wanted.set(siteScriptId(site), matches);
    }
    const existing = (await api.getRegistered()).filter((s) => s.id.startsWith(SITE_SCRIPT_PREFIX));
    const stale = existing.filter((s) => {
      const want = wanted.get(s.id);
      return !want || !sameList(want, s.matches) || !sameList([CONTENT_SCRIPT_FILE], s.js);
    });
    if (stale.length) await api.unregister(stale.map((s) => s.id));
    const keep = new Set(existing.filter((s) => !stale.includes(s)).map((s) => s.id));
    const add = [...wanted].filter(([id]) => !keep.has(id));
    if (add.length) {
      await api.register(
        add.map(([id, matches]) => ({
          id,
          matches,
          js: [CONTENT_SCRIPT_FILE],
          runAt: 'document_idle' as const,
          persistAcrossSessions: true,
          allFrames: false,
        })),
      );
    }
  } catch (err) {
    console.warn('[CRM Coach] could not sync site content scripts', err);
  }
}
