/**
 * The bounded vocabulary of object names a pack site may report (docs/packs.md "Sites and
 * privacy"). Page text and URL text are the customer's: a site's object is a name the pack
 * declared (`object.names`), or, with a URL regex and no names, a URL group that looks like a
 * type name (letters and underscores only, no digits, spaces or hyphens: record ids, slugs and
 * names do not pass). Used by the site adapter when it reads, and by the background when it
 * stores events (a content script is not trusted to have done it).
 */
import type { SiteDefinition } from '../packs/types';

const TYPE_NAME = /^[A-Za-z][A-Za-z_]{0,63}$/;

/** The name to report for text read from the page or URL, or null when it is not in the vocabulary. */
export function siteObjectName(site: Pick<SiteDefinition, 'object'>, text: string | null | undefined): string | null {
  const value = (text ?? '').replace(/\s+/g, ' ').trim();
  if (!value || !site.object) return null;
  const names = site.object.names;
  if (names) {
    const want = value.toLowerCase();
    return names.find((n) => n.trim().toLowerCase() === want)?.trim() ?? null;
  }
  return 'urlPattern' in site.object && TYPE_NAME.test(value) ? value : null;
}
