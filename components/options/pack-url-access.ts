/**
 * "Add pack URL" on a server that does not allow cross-origin reads (docs/packs.md 4.2): the
 * options page asks, in the same click, for the optional host permission of the pack's host;
 * with it, the background reads the pack without CORS. Pure helpers; PacksSection asks.
 */
import type { PackResult } from '@/utils/messaging';
import { asPackMessage, type PackMessage } from '@/utils/packs/messages';

/** True when the install failed because the fetch itself failed (CORS, DNS, connection), not the pack. */
export function fetchBlocked(result: PackResult): boolean {
  if (result.ok) return false;
  const failed = (m: PackMessage | null, depth = 0): boolean => {
    if (!m || depth > 3) return false;
    if (m.key === 'pack_fetch_failed') return true;
    return (m.args ?? []).some((a) => typeof a === 'object' && !Array.isArray(a) && failed(asPackMessage(a), depth + 1));
  };
  return (result.problems ?? []).some((p) => failed(asPackMessage(p)));
}

/**
 * The host permission pattern for a pack URL within the manifest's optional_host_permissions
 * (any https host; http only for localhost and 127.0.0.1), or null.
 */
export function hostPatternOf(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return null;
  }
  if (u.protocol === 'https:') return `https://${u.hostname}/*`;
  if (u.protocol === 'http:' && (u.hostname === 'localhost' || u.hostname === '127.0.0.1')) return `http://${u.hostname}/*`;
  return null;
}
