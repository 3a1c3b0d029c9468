/** Pack Markdown (the PACK_FORMAT.md subset) rendered as React elements: never as HTML. */
import { memo, type ReactNode } from 'react';
import { parseMarkdown, type MdBlock, type MdInline } from '@/utils/coach/markdown';

function inline(nodes: MdInline[]): ReactNode[] {
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
      case 'link':
        return (
          <a key={i} href={n.href} target="_blank" rel="noopener noreferrer">
            {inline(n.children)}
          </a>
        );
    }
  });
}

function blocks(list: MdBlock[], tight = false): ReactNode[] {
  return list.map((b, i) => {
    if (b.type === 'paragraph') return tight ? <span key={i}>{inline(b.children)}</span> : <p key={i}>{inline(b.children)}</p>;
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

export const Markdown = memo(function Markdown({ source, id }: { source: string; id?: string }) {
  if (!source.trim()) return null;
  return (
    <div className="cc-md" id={id}>
      {blocks(parseMarkdown(source))}
    </div>
  );
});
