/** What the active tab is, for the popup's notice: a CRM page, a paused site, or neither. */
import { CRM_CONTENT_MATCHES } from '@/utils/crm/matches';
import { matchesPattern } from '@/utils/patterns/match-pattern';

export type PageState = { kind: 'crm'; host: string } | { kind: 'paused'; host: string } | { kind: 'not-crm' };

/**
 * Decides the notice from the active tab's URL (undefined when the extension may not read it,
 * which means it is not a CRM host the extension knows). A paused host wins over a CRM match.
 */
export function pageStateFor(
  url: string | undefined,
  pausedSites: readonly string[],
  crmMatches: readonly string[] = CRM_CONTENT_MATCHES,
): PageState {
  if (!url) return { kind: 'not-crm' };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'not-crm' };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return { kind: 'not-crm' };
  const host = parsed.hostname.toLowerCase();
  if (pausedSites.some((p) => p.trim().toLowerCase() === host)) return { kind: 'paused', host };
  if (crmMatches.some((p) => matchesPattern(p, parsed))) return { kind: 'crm', host };
  return { kind: 'not-crm' };
}
