/**
 * Pack Markdown rendered as React elements, never as HTML. The tree comes parsed (by the
 * background, or by an extension page's own parser): `tree` when the caller has it, otherwise the
 * tree the coach state carried for `source`; a body without a tree shows as plain text.
 */
import { memo, type ReactNode } from 'react';
import { linkDestination, safeHref, type MdBlock, type MdInline } from '@/utils/markdown-tree';
import { markdownTree } from './markdown-trees';

/**
 * Where a link goes, beside its text: " (evil.example)". Shown for every link that leaves the
 * page the coach is on, so a link's words cannot hide its destination (docs/packs.md, "Links").
 */
export function LinkHost({ href }: { href: string }) {
  const host = linkDestination(href);
  if (!host || (typeof location !== 'undefined' && /^https?:$/.test(location.protocol) && host === location.host)) return null;
  return (
    <span className="cc-link-host" data-coach-link-host={host}>
      ({host})
    </span>
  );
}

function inline(nodes: readonly MdInline[]): ReactNode[] {
  return nodes.map((n, i) => {
    switch (n.type) {
      case 'text':
        return n.text;
      case 'em':
        return <em key={i}>{inline(n.children)}</em>;
      case 'strong':
        return <strong key={i}>{inline(n.children)}</strong>;
      case 'code':
        return <code key={i}>{n.text}</code>;
      case 'br':
        return <br key={i} />;
      case 'link': {
        // Checked again here: a tree is data, and only https: and mailto: ever become links.
        const href = safeHref(n.href);
        return href ? (
          <a key={i} href={href} target="_blank" rel="noopener noreferrer">
            {inline(n.children)}
            <LinkHost href={href} />
          </a>
        ) : (
          <span key={i}>{inline(n.children)}</span>
        );
      }
      default:
        return null;
    }
  });
}

function blocks(list: readonly MdBlock[], tight = false): ReactNode[] {
  return list.map((b, i) => {
    if (b.type === 'paragraph') return tight ? <span key={i}>{inline(b.children)}</span> : <p key={i}>{inline(b.children)}</p>;
    if (b.type !== 'list') return null;
    const items = b.items.map((item, j) => <li key={j}>{blocks(item, item.length === 1 && item[0].type === 'paragraph')}</li>);
    return b.ordered ? (
      <ol key={i} start={b.start === 1 ? undefined : b.start}>
        {items}
      </ol>
    ) : (
      <ul key={i}>{items}</ul>
    );
  });
}

/** Paragraphs of literal text: what a body shows when no tree came with it. */
function plain(source: string): MdBlock[] {
  return source
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((text) => ({ type: 'paragraph', children: [{ type: 'text', text }] }));
}

export const Markdown = memo(function Markdown({ source = '', tree, id }: { source?: string; tree?: MdBlock[]; id?: string }) {
  const parsed = tree ?? markdownTree(source) ?? plain(source);
  if (parsed.length === 0) return null;
  return (
    <div className="cc-md" id={id}>
      {blocks(parsed)}
    </div>
  );
});
