/**
 * Pack Markdown rendered as DOM nodes, never as HTML: every string becomes a text node and only
 * safe links (https:, mailto:) become anchors, each with the host it goes to beside its words
 * (docs/packs.md, "Links"). The tree comes parsed (by the background, or by an extension page's
 * own parser): `tree` when the caller has it, otherwise the tree the coach state carried for
 * `source`; a body without a tree shows as plain text. The one renderer: tip cards (plain DOM,
 * on every page) use it directly, the React overlay through <Markdown>.
 */
import { linkDestination, safeHref, type MdBlock, type MdInline } from '@/utils/markdown-tree';
import { markdownTree } from './markdown-trees';

/** The host a link leaves for, or null when it stays on the page the coach is on. */
export function leavesFor(href: string): string | null {
  const host = linkDestination(href);
  if (!host) return null;
  if (typeof location !== 'undefined' && /^https?:$/.test(location.protocol) && host === location.host) return null;
  return host;
}

/** " (evil.example)" beside a link's words, or null when the link stays on this page. */
export function linkHostNode(doc: Document, href: string): HTMLElement | null {
  const host = leavesFor(href);
  if (!host) return null;
  const span = doc.createElement('span');
  span.className = 'cc-link-host';
  span.setAttribute('data-coach-link-host', host);
  span.textContent = `(${host})`;
  return span;
}

function el(doc: Document, tag: string, children: Node[]): HTMLElement {
  const node = doc.createElement(tag);
  node.append(...children);
  return node;
}

function inline(doc: Document, nodes: readonly MdInline[]): Node[] {
  const out: Node[] = [];
  for (const n of nodes) {
    switch (n.type) {
      case 'text':
        out.push(doc.createTextNode(n.text));
        break;
      case 'em':
      case 'strong':
        out.push(el(doc, n.type, inline(doc, n.children)));
        break;
      case 'code': {
        const code = doc.createElement('code');
        code.textContent = n.text;
        out.push(code);
        break;
      }
      case 'br':
        out.push(doc.createElement('br'));
        break;
      case 'link': {
        // Checked again here: a tree is data, and only https: and mailto: ever become links.
        const href = safeHref(n.href);
        if (!href) {
          out.push(el(doc, 'span', inline(doc, n.children)));
          break;
        }
        const a = el(doc, 'a', inline(doc, n.children)) as HTMLAnchorElement;
        a.href = href;
        a.target = '_blank';
        a.rel = 'noopener noreferrer';
        const host = linkHostNode(doc, href);
        if (host) a.append(host);
        out.push(a);
        break;
      }
      default:
        break;
    }
  }
  return out;
}

function blocks(doc: Document, list: readonly MdBlock[], tight = false): Node[] {
  const out: Node[] = [];
  for (const b of list) {
    if (b.type === 'paragraph') {
      out.push(el(doc, tight ? 'span' : 'p', inline(doc, b.children)));
    } else if (b.type === 'list') {
      const items = b.items.map((item) => el(doc, 'li', blocks(doc, item, item.length === 1 && item[0].type === 'paragraph')));
      const listEl = el(doc, b.ordered ? 'ol' : 'ul', items);
      if (b.ordered && b.start !== 1) listEl.setAttribute('start', String(b.start));
      out.push(listEl);
    }
  }
  return out;
}

/** Paragraphs of literal text: what a body shows when no tree came with it. */
function plain(source: string): MdBlock[] {
  return source
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((text) => ({ type: 'paragraph', children: [{ type: 'text', text }] }));
}

/** The blocks of a body: its tree when given or known, else plain paragraphs. */
export function markdownBlocks(source = '', tree?: MdBlock[]): MdBlock[] {
  return tree ?? markdownTree(source) ?? plain(source);
}

/** Fills `target` with the rendered blocks (its old children go). */
export function renderMarkdownInto(doc: Document, target: Element, list: readonly MdBlock[]): void {
  target.replaceChildren(...blocks(doc, list));
}

/** A `.cc-md` block for a body, or null when the body is empty. */
export function markdownElement(doc: Document, source = '', tree?: MdBlock[], id?: string): HTMLElement | null {
  const list = markdownBlocks(source, tree);
  if (list.length === 0) return null;
  const div = doc.createElement('div');
  div.className = 'cc-md';
  if (id) div.id = id;
  renderMarkdownInto(doc, div, list);
  return div;
}
