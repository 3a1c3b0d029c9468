/**
 * The small, safe tree a pack's Markdown body becomes (the docs/pack-format.md subset: paragraphs,
 * emphasis, strong, inline code, lists, links, line breaks). The background parses bodies into
 * it (utils/packs/markdown.ts, marked's lexer) and the overlay only renders it, so the content
 * script carries no Markdown parser. Every string in it is shown as text; a link's href is an
 * absolute https: or mailto: URL. Pure, no dependencies.
 */
export type MdInline =
  | { type: 'text'; text: string }
  | { type: 'em' | 'strong'; children: MdInline[] }
  | { type: 'code'; text: string }
  | { type: 'link'; href: string; children: MdInline[] }
  | { type: 'br' };

export type MdBlock =
  | { type: 'paragraph'; children: MdInline[] }
  | { type: 'list'; ordered: boolean; start: number; items: MdBlock[][] };

/** A link target allowed in pack text (absolute https: or mailto:), normalized; otherwise null. */
export function safeHref(href: string): string | null {
  if (typeof href !== 'string') return null;
  // Browsers ignore tabs and newlines anywhere in a URL and C0 controls and spaces at its ends.
  // eslint-disable-next-line no-control-regex
  const cleaned = href.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(cleaned)?.[1].toLowerCase();
  if (scheme === 'mailto') return cleaned;
  if (scheme !== 'https') return null;
  try {
    const url = new URL(cleaned);
    return url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
