/**
 * Link rules for Markdown bodies: every link must be https: or mailto:, and images are not
 * part of pack format 1. Uses the same Markdown lexer (marked) the overlay renders with.
 */
import { Lexer, type Token } from 'marked';
import { msg, type PackMessage } from './messages';

/** The scheme of a link target as a browser would read it ("javascript:", "https:"), or null when relative. */
export function linkScheme(href: string): string | null {
  // Browsers drop ASCII tab and newline anywhere and trim C0 controls and spaces at the ends.
  // eslint-disable-next-line no-control-regex
  const cleaned = href.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(cleaned);
  return m ? `${m[1].toLowerCase()}:` : null;
}

/** True when a link target is an absolute https: or mailto: URL. */
export function isAllowedLink(href: string): boolean {
  const scheme = linkScheme(href);
  if (scheme === 'mailto:') return true;
  if (scheme !== 'https:') return false;
  try {
    return new URL(href.trim()).protocol === 'https:';
  } catch {
    return false;
  }
}

/** Problems with the links and images of a Markdown body, as data; empty when it is fine. */
export function markdownLinkMessages(markdown: string): PackMessage[] {
  let tokens: Token[];
  try {
    tokens = new Lexer({ gfm: true }).lex(markdown);
  } catch {
    return [msg('pack_markdown_unreadable')];
  }
  const problems: PackMessage[] = [];
  const visit = (list: Token[] | undefined): void => {
    for (const token of list ?? []) {
      const t = token as Token & { href?: string; text?: string; autolink?: boolean };
      if (t.type === 'image') {
        problems.push(msg('pack_markdown_image'));
      } else if ((t.type === 'link' || t.type === 'def') && typeof t.href === 'string') {
        // GFM turns a bare "www.example.com" into http://www.example.com: text, not a link the author wrote.
        const bareWww = t.autolink === true && t.href === `http://${t.text ?? ''}`;
        if (!bareWww && !isAllowedLink(t.href)) {
          const scheme = linkScheme(t.href);
          problems.push(
            scheme
              ? msg('pack_markdown_link_scheme', scheme, truncate(t.href))
              : msg('pack_markdown_link_relative', truncate(t.href)),
          );
        }
      }
      // Nested tokens live in tokens, items, and a table's header and rows cells.
      for (const value of Object.values(t)) {
        if (Array.isArray(value)) visit(value.flat().flatMap(cellTokens));
      }
    }
  };
  visit(tokens);
  // Each problem once (a link repeated in a body is one problem).
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = JSON.stringify(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function cellTokens(value: unknown): Token[] {
  if (!value || typeof value !== 'object') return [];
  const v = value as { type?: unknown; tokens?: unknown };
  if (typeof v.type === 'string') return [value as Token];
  return Array.isArray(v.tokens) ? (v.tokens as Token[]) : [];
}

function truncate(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
