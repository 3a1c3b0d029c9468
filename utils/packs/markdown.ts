/**
 * Pack Markdown bodies to the safe tree of utils/markdown-tree.ts, with marked's lexer (the same
 * GFM lexer the pack validator reads links with). Runs in the background and on extension pages,
 * never in the content script: the coach state carries the trees (`markdownBodies`).
 *
 * Only the docs/pack-format.md subset keeps its meaning. Raw HTML becomes text; links keep only
 * https: and mailto: targets (otherwise their text); images become their alt text; headings,
 * block quotes, code blocks, rules, tables and strikethrough become plain paragraphs or text;
 * nesting deeper than MAX_MD_DEPTH shows as its source text.
 */
import { Lexer, type MarkedToken, type Token, type Tokens } from 'marked';
import { safeHref, type MdBlock, type MdInline } from '../markdown-tree';
import type { LocalizedText, Pack } from './types';

/** Lists, emphasis and links nested deeper than this show as their source text. */
export const MAX_MD_DEPTH = 8;

export function parseMarkdown(source: string): MdBlock[] {
  if (typeof source !== 'string' || !source.trim()) return [];
  let tokens: Token[];
  try {
    // A fresh options object each time: the lexer writes into it, and marked's global defaults stay out.
    tokens = new Lexer({ gfm: true, breaks: false, pedantic: false }).lex(source);
    return blocksOf(tokens, 0);
  } catch {
    return [paragraph([{ type: 'text', text: source.trim() }])];
  }
}

// ------------------------------------------------------------------ blocks

const paragraph = (children: MdInline[]): MdBlock => ({ type: 'paragraph', children });

function blocksOf(tokens: readonly Token[], depth: number): MdBlock[] {
  const out: MdBlock[] = [];
  for (const token of tokens) addBlock(out, token, depth);
  return out;
}

function addBlock(out: MdBlock[], token: Token, depth: number): void {
  const t = token as MarkedToken;
  const literal = (text: string) => {
    const trimmed = text.replace(/^\n+|\s+$/g, '');
    if (trimmed) out.push(paragraph([{ type: 'text', text: trimmed }]));
  };
  switch (t.type) {
    case 'space':
    case 'def': // a link reference definition shows nothing (its links carry the target)
      return;
    case 'paragraph':
    case 'heading':
    case 'text': {
      const children = t.tokens ? inlineOf(t.tokens, depth) : textNodes(t.text);
      if (children.length) out.push(paragraph(children));
      return;
    }
    case 'list':
      if (depth >= MAX_MD_DEPTH) return literal(t.raw);
      out.push({
        type: 'list',
        ordered: t.ordered,
        start: t.ordered && typeof t.start === 'number' && Number.isFinite(t.start) ? t.start : 1,
        items: t.items.map((item) => listItem(item, depth + 1)),
      });
      return;
    case 'blockquote':
      if (depth >= MAX_MD_DEPTH) return literal(t.raw);
      out.push(...blocksOf(t.tokens, depth + 1));
      return;
    case 'code':
      return literal(t.text);
    case 'html':
      return literal(t.text);
    case 'table':
      for (const row of [t.header, ...t.rows]) {
        const children: MdInline[] = [];
        row.forEach((cell, i) => {
          if (i > 0) appendText(children, ' | ');
          for (const node of inlineOf(cell.tokens, depth)) append(children, node);
        });
        if (children.length) out.push(paragraph(children));
      }
      return;
    default:
      // hr, checkbox outside a list, and token types marked may add: their source as text.
      return literal(typeof token.raw === 'string' ? token.raw : '');
  }
}

function listItem(item: Tokens.ListItem, depth: number): MdBlock[] {
  const blocks = blocksOf(
    item.tokens.filter((tok) => tok.type !== 'checkbox'),
    depth,
  );
  if (!item.task) return blocks;
  // A task list box (not part of the subset) shows as the text the author typed.
  const box: MdInline = { type: 'text', text: item.checked ? '[x] ' : '[ ] ' };
  const first = blocks[0];
  if (first?.type === 'paragraph') blocks[0] = paragraph(mergeInto([box], first.children));
  else blocks.unshift(paragraph([box]));
  return blocks;
}

// ------------------------------------------------------------------ inlines

function inlineOf(tokens: readonly Token[], depth: number, inLink = false): MdInline[] {
  const out: MdInline[] = [];
  for (const token of tokens) {
    const t = token as MarkedToken;
    switch (t.type) {
      case 'text':
        if (t.tokens) mergeInto(out, inlineOf(t.tokens, depth, inLink));
        else appendText(out, t.escaped === false ? decodeEntities(t.text) : t.text);
        break;
      case 'escape':
        appendText(out, t.text);
        break;
      case 'html': // inline raw HTML: shown as typed
        appendText(out, t.text);
        break;
      case 'codespan':
        out.push({ type: 'code', text: t.text });
        break;
      case 'br':
        out.push({ type: 'br' });
        break;
      case 'em':
      case 'strong':
        if (depth >= MAX_MD_DEPTH) appendText(out, t.raw);
        else out.push({ type: t.type, children: inlineOf(t.tokens, depth + 1, inLink) });
        break;
      case 'del':
        if (depth >= MAX_MD_DEPTH) appendText(out, t.raw);
        else mergeInto(out, inlineOf(t.tokens, depth + 1, inLink));
        break;
      case 'link': {
        if (depth >= MAX_MD_DEPTH) {
          appendText(out, t.raw);
          break;
        }
        const href = inLink ? null : safeHref(t.href);
        const children = inlineOf(t.tokens, depth + 1, true);
        if (href) out.push({ type: 'link', href, children });
        // A refused autolink (<javascript:...>) shows as typed; any other link as its text.
        else if (t.autolink && t.raw.startsWith('<')) appendText(out, t.raw);
        else mergeInto(out, children);
        break;
      }
      case 'image':
        appendText(out, plainText(inlineOf(t.tokens, depth + 1, true)));
        break;
      default:
        appendText(out, typeof token.raw === 'string' ? token.raw : '');
    }
  }
  return out;
}

function textNodes(text: string): MdInline[] {
  return text ? [{ type: 'text', text }] : [];
}

function appendText(out: MdInline[], text: string): void {
  if (!text) return;
  const last = out[out.length - 1];
  if (last?.type === 'text') out[out.length - 1] = { type: 'text', text: last.text + text };
  else out.push({ type: 'text', text });
}

function append(out: MdInline[], node: MdInline): void {
  if (node.type === 'text') appendText(out, node.text);
  else out.push(node);
}

function mergeInto(out: MdInline[], nodes: readonly MdInline[]): MdInline[] {
  for (const node of nodes) append(out, node);
  return out;
}

function plainText(nodes: readonly MdInline[]): string {
  return nodes
    .map((n) => (n.type === 'text' || n.type === 'code' ? n.text : n.type === 'br' ? ' ' : 'children' in n ? plainText(n.children) : ''))
    .join('');
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Character references in text (marked leaves them for an HTML renderer to resolve). */
function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]+));/g, (all, dec?: string, hex?: string, name?: string) => {
    if (name !== undefined) return Object.hasOwn(NAMED_ENTITIES, name) ? NAMED_ENTITIES[name] : all;
    const code = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
  });
}

// ------------------------------------------------------------------ coach state

/** Parsed trees, by source text: packs are parsed again on every page, their bodies rarely change. */
const cache = new Map<string, MdBlock[]>();
const CACHE_LIMIT = 4000;

function cachedParse(source: string): MdBlock[] {
  let tree = cache.get(source);
  if (!tree) {
    tree = parseMarkdown(source);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(source, tree);
  }
  return tree;
}

function variants(text: LocalizedText | undefined): string[] {
  if (typeof text === 'string') return [text];
  if (!text || typeof text !== 'object') return [];
  return Object.values(text).filter((v): v is string => typeof v === 'string');
}

/** Every Markdown text of the packs (tip, snippet and tour step bodies, in each language). */
export function markdownTexts(packs: readonly Pack[]): string[] {
  const texts = new Set<string>();
  const add = (text: LocalizedText | undefined) => {
    for (const v of variants(text)) if (v.trim()) texts.add(v);
  };
  for (const pack of packs) {
    for (const tip of pack.tips ?? []) add(tip.body);
    for (const snippet of pack.snippets ?? []) add(snippet.body);
    for (const tour of pack.tours ?? []) for (const step of tour.steps ?? []) add(step.body);
  }
  return [...texts];
}

/**
 * The trees of every Markdown text of the packs, keyed by the text itself: the overlay picks a
 * body's text for its language (localize, utils/packs/text.ts) and looks its tree up, so no key scheme or language
 * choice has to agree between the background and the page. Safe for any text as a key (own
 * properties only; readers use Object.hasOwn).
 */
export function markdownBodies(packs: readonly Pack[]): Record<string, MdBlock[]> {
  return Object.fromEntries(markdownTexts(packs).map((text) => [text, cachedParse(text)]));
}
