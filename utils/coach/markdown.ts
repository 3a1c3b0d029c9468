/**
 * The Markdown subset of PACK_FORMAT.md (paragraphs, emphasis, strong, inline code, lists,
 * links, line breaks) parsed into a small tree the overlay renders as React elements.
 * Everything else, raw HTML included, stays literal text. Links keep only https: and mailto:
 * targets; any other link shows as its text. Pure, no DOM. (A purpose-built parser: a full
 * Markdown lexer would cost about 15 KB gzip of the content script's 100 KB budget.)
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

const MAX_DEPTH = 8;

/** A link target allowed in pack text (absolute https: or mailto:), normalized; otherwise null. */
export function safeHref(href: string): string | null {
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

export function parseMarkdown(source: string): MdBlock[] {
  const lines = source.replace(/\r\n?/g, '\n').replace(/\t/g, '    ').split('\n');
  return parseBlocks(lines, 0);
}

// ------------------------------------------------------------------ blocks

interface Marker {
  indent: number;
  ordered: boolean;
  start: number;
  /** Column where the item's text starts. */
  contentIndent: number;
  text: string;
}

const MARKER_RE = /^( {0,3})([-*+]|(\d{1,9})[.)])( +|$)(.*)$/;

function markerOf(line: string): Marker | null {
  const m = MARKER_RE.exec(line);
  if (!m) return null;
  const spaces = m[4].length === 0 ? 1 : m[4].length > 4 ? 1 : m[4].length;
  return {
    indent: m[1].length,
    ordered: m[3] !== undefined,
    start: m[3] !== undefined ? Number(m[3]) : 1,
    contentIndent: m[1].length + m[2].length + spaces,
    text: m[4].length > 4 ? m[4].slice(1) + m[5] : m[5],
  };
}

const isBlank = (line: string) => line.trim() === '';
const indentOf = (line: string) => line.length - line.trimStart().length;

function parseBlocks(lines: string[], depth: number): MdBlock[] {
  const blocks: MdBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    if (isBlank(lines[i])) {
      i++;
      continue;
    }
    const marker = depth < MAX_DEPTH ? markerOf(lines[i]) : null;
    if (marker) {
      const [list, next] = parseList(lines, i, marker, depth);
      blocks.push(list);
      i = next;
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && !isBlank(lines[i]) && !(para.length > 0 && depth < MAX_DEPTH && markerOf(lines[i]))) {
      para.push(lines[i].trimStart());
      i++;
    }
    blocks.push({ type: 'paragraph', children: parseInline(para.join('\n').replace(/\s+$/, ''), depth) });
  }
  return blocks;
}

function parseList(lines: string[], i: number, first: Marker, depth: number): [MdBlock, number] {
  const items: MdBlock[][] = [];
  while (i < lines.length) {
    const m = markerOf(lines[i]);
    if (!m || m.ordered !== first.ordered || m.indent >= first.contentIndent) break;
    const body = [m.text];
    let j = i + 1;
    let prevBlank = false;
    while (j < lines.length) {
      const line = lines[j];
      if (isBlank(line)) {
        let k = j + 1;
        while (k < lines.length && isBlank(lines[k])) k++;
        if (k < lines.length && indentOf(lines[k]) >= m.contentIndent) {
          for (; j < k; j++) body.push('');
          prevBlank = true;
          continue;
        }
        break;
      }
      if (indentOf(line) >= m.contentIndent) body.push(line.slice(m.contentIndent));
      else if (markerOf(line) || prevBlank) break;
      else body.push(line.trim());
      prevBlank = false;
      j++;
    }
    items.push(parseBlocks(body, depth + 1));
    i = j;
    // A blank line between items keeps the list going.
    let k = i;
    while (k < lines.length && isBlank(lines[k])) k++;
    const next = k < lines.length ? markerOf(lines[k]) : null;
    if (k > i && next && next.ordered === first.ordered && next.indent < first.contentIndent) i = k;
  }
  return [{ type: 'list', ordered: first.ordered, start: first.start, items }, i];
}

// ------------------------------------------------------------------ inlines

const PUNCT = /[!-/:-@[-`{-~]/;

export function parseInline(src: string, depth = 0, inLink = false): MdInline[] {
  const out: MdInline[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push({ type: 'text', text });
    text = '';
  };
  const push = (node: MdInline) => {
    flush();
    out.push(node);
  };
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (ch === '\\' && i + 1 < src.length) {
      if (src[i + 1] === '\n') {
        push({ type: 'br' });
        i += 2;
        continue;
      }
      if (PUNCT.test(src[i + 1])) {
        text += src[i + 1];
        i += 2;
        continue;
      }
    }
    if (ch === '\n') {
      const trailing = /( {2,})$/.exec(text);
      if (trailing) {
        text = text.slice(0, -trailing[1].length);
        push({ type: 'br' });
      } else {
        text = text.replace(/ +$/, '') + '\n';
      }
      i++;
      while (src[i] === ' ') i++;
      continue;
    }
    if (ch === '`') {
      const run = /^`+/.exec(src.slice(i))![0];
      const close = findCodeClose(src, i + run.length, run.length);
      if (close >= 0) {
        let code = src.slice(i + run.length, close).replace(/\n/g, ' ');
        if (code.length > 2 && code.startsWith(' ') && code.endsWith(' ') && code.trim()) code = code.slice(1, -1);
        push({ type: 'code', text: code });
        i = close + run.length;
        continue;
      }
      text += run;
      i += run.length;
      continue;
    }
    if ((ch === '*' || ch === '_') && depth < MAX_DEPTH) {
      const em = emphasisAt(src, i, depth, inLink);
      if (em) {
        push(em.node);
        i = em.end;
        continue;
      }
    }
    if (ch === '[' && !inLink && depth < MAX_DEPTH) {
      const link = linkAt(src, i, depth);
      if (link) {
        if (link.href) push({ type: 'link', href: link.href, children: link.children });
        else {
          flush();
          out.push(...link.children);
        }
        i = link.end;
        continue;
      }
    }
    if (ch === '<' && !inLink) {
      const auto = /^<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*)>/.exec(src.slice(i));
      const href = auto ? safeHref(auto[1]) : null;
      if (auto && href) {
        push({ type: 'link', href, children: [{ type: 'text', text: auto[1] }] });
        i += auto[0].length;
        continue;
      }
    }
    if ((ch === 'h' || ch === 'H') && !inLink && (i === 0 || /[\s(*_]/.test(src[i - 1]))) {
      const bare = /^https:\/\/[^\s<]+/i.exec(src.slice(i));
      if (bare) {
        const url = bare[0].replace(/[.,:;!?"')\]*_]+$/, '');
        const href = safeHref(url);
        if (href && url.length > 'https://'.length) {
          push({ type: 'link', href, children: [{ type: 'text', text: url }] });
          i += url.length;
          continue;
        }
      }
    }
    text += ch;
    i++;
  }
  flush();
  return out;
}

function findCodeClose(src: string, from: number, len: number): number {
  let i = from;
  while (i < src.length) {
    const j = src.indexOf('`', i);
    if (j < 0) return -1;
    let k = j;
    while (src[k] === '`') k++;
    if (k - j === len) return j;
    i = k;
  }
  return -1;
}

function emphasisAt(src: string, i: number, depth: number, inLink: boolean): { node: MdInline; end: number } | null {
  const ch = src[i];
  const wordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
  // Intraword underscores (snake_case) are not emphasis.
  if (ch === '_' && wordChar(src[i - 1])) return null;
  let runLen = 0;
  while (src[i + runLen] === ch) runLen++;
  for (const len of runLen >= 2 ? [2, 1] : [1]) {
    const open = i + len;
    if (open >= src.length || /\s/.test(src[open])) continue;
    let c = open;
    while (c < src.length) {
      const x = src[c];
      if (x === '\\') {
        c += 2;
        continue;
      }
      if (x === '`') {
        let run = 0;
        while (src[c + run] === '`') run++;
        const end = findCodeClose(src, c + run, run);
        c = end >= 0 ? end + run : c + run;
        continue;
      }
      if (x !== ch) {
        c++;
        continue;
      }
      let r = 0;
      while (src[c + r] === ch) r++;
      const fits = len === 2 ? r >= 2 : r === 1 || r === 3;
      if (fits && c > open && !/\s/.test(src[c - 1])) {
        const close = c + r - len;
        if (!(ch === '_' && wordChar(src[close + len]))) {
          const type = len === 2 ? 'strong' : 'em';
          return { node: { type, children: parseInline(src.slice(open, close), depth + 1, inLink) }, end: close + len };
        }
      }
      c += r;
    }
  }
  return null;
}

function linkAt(src: string, i: number, depth: number): { href: string | null; children: MdInline[]; end: number } | null {
  let level = 0;
  let j = i;
  for (; j < src.length; j++) {
    const c = src[j];
    if (c === '\\') {
      j++;
      continue;
    }
    if (c === '[') level++;
    else if (c === ']' && --level === 0) break;
  }
  if (j >= src.length || src[j + 1] !== '(') return null;
  const rest = src.slice(j + 2);
  const m = /^\s*(?:<([^<>\n]*)>|((?:[^\s()\\]|\\.|\([^\s()]*\))*))(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/.exec(rest);
  if (!m) return null;
  const rawHref = (m[1] ?? m[2] ?? '').replace(/\\([!-/:-@[-`{-~])/g, '$1');
  const children = parseInline(src.slice(i + 1, j), depth + 1, true);
  return { href: safeHref(rawHref), children, end: j + 2 + m[0].length };
}
