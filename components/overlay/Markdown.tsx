/**
 * Pack Markdown in the React overlay: a `.cc-md` block that components/overlay/markdown-dom.ts
 * fills (the one renderer, shared with the every-page tip cards). Never HTML: text nodes and
 * safe links only.
 */
import { memo, useLayoutEffect, useMemo, useRef } from 'react';
import type { MdBlock } from '@/utils/markdown-tree';
import { markdownBlocks, renderMarkdownInto } from './markdown-dom';

export const Markdown = memo(function Markdown({ source = '', tree, id }: { source?: string; tree?: MdBlock[]; id?: string }) {
  const list = useMemo(() => markdownBlocks(source, tree), [source, tree]);
  const ref = useRef<HTMLDivElement | null>(null);
  useLayoutEffect(() => {
    if (ref.current) renderMarkdownInto(ref.current.ownerDocument, ref.current, list);
  }, [list]);
  if (list.length === 0) return null;
  return <div className="cc-md" id={id} ref={ref} />;
});
