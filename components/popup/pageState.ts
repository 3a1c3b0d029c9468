/** What the active tab is, for the popup's notice: a CRM page, a paused site, or neither. */
import { CRM_CONTENT_MATCHES } from '@/utils/crm/matches';

export type PageState = { kind: 'crm'; host: string } | { kind: 'paused'; host: string } | { kind: 'not-crm' };

/**
 * Whether a URL matches a WebExtension match pattern of the shape scheme://host/path, where
 * scheme may be `*` (http or https), host may be `*`, `*.domain` or exact, and path may hold `*`.
 */
export function matchesPattern(url: URL, pattern: string): boolean {
  if (pattern === '<all_urls>') return /^(https?|file|ftp):$/.test(url.protocol);
  const m = /^(\*|https?|file|ftp):\/\/([^/]*)(\/.*)$/.exec(pattern);
  if (!m) return false;
  const [, scheme, host, path] = m;
  const protocol = url.protocol.slice(0, -1);
  if (scheme === '*' ? protocol !== 'http' && protocol !== 'https' : protocol !== scheme) return false;
  const hostname = url.hostname.toLowerCase();
  const want = host.toLowerCase().replace(/:\d+$/, '');
  if (want !== '*') {
    if (want.startsWith('*.')) {
      const base = want.slice(2);
      if (hostname !== base && !hostname.endsWith(`.${base}`)) return false;
    } else if (hostname !== want) return false;
  }
  const re = new RegExp(`^${path.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(url.pathname + url.search);
}

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
  if (crmMatches.some((p) => matchesPattern(parsed, p))) return { kind: 'crm', host };
  return { kind: 'not-crm' };
}
