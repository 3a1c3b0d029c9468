/**
 * Coaching a CRM that only a pack describes (pack `sites`), without a permanent host permission:
 * when the user clicks the toolbar button on such a page, Chromium grants `activeTab` for that
 * tab, and the popup asks the background to inject the coach there. A permanent grant (options
 * page, "Grant access") registers content scripts instead: see utils/crm/site-scripts.ts.
 */
import type { Pack, SiteDefinition } from './packs/types';
import { matchesPattern } from './patterns/match-pattern';
import { CONTENT_SCRIPT_FILE, coveredByBuiltins, wantedSites } from './crm/site-scripts';

/** The enabled pack site whose match patterns cover the URL (built-in CRM hosts excluded). */
export function siteForUrl(packs: Pack[], url: string): SiteDefinition | null {
  for (const site of wantedSites(packs)) {
    if (site.match.some((p) => !coveredByBuiltins(p) && matchesPattern(p, url))) return site;
  }
  return null;
}

export interface TabInjector {
  inject(tabId: number, file: string): Promise<void>;
}

const chromeInjector: TabInjector = {
  async inject(tabId, file) {
    await browser.scripting.executeScript({ target: { tabId }, files: [file] });
  },
};

/**
 * Injects the coach into a tab showing a pack site. The content script itself refuses to start
 * twice on a page, so a second call is harmless. Never throws: answers why not instead.
 */
export async function coachTab(
  packs: Pack[],
  tab: { tabId: number; url: string },
  injector: TabInjector = chromeInjector,
): Promise<{ coached: boolean; site?: string; error?: string }> {
  const site = siteForUrl(packs, tab.url);
  if (!site) return { coached: false };
  try {
    await injector.inject(tab.tabId, CONTENT_SCRIPT_FILE);
    return { coached: true, site: site.name };
  } catch (err) {
    return { coached: false, site: site.name, error: err instanceof Error ? err.message : String(err) };
  }
}
