/**
 * The size a YAML document would have once its aliases are expanded, measured on the parsed
 * document before anything is expanded. The yaml library limits how many times aliases are used,
 * not what they expand to: a 2 MiB file whose anchor is a 1 MiB string used 100 times would build
 * 100 MiB before being refused as too large. See docs/packs.md ("What the extension refuses").
 */
import { type Document, isAlias, isMap, isPair, isScalar, isSeq, type Node, visit } from 'yaml';

/**
 * A lower bound of the JSON length of the expanded document, or Infinity once it passes `limit`
 * (counting stops there) or an alias refers to a node that contains it.
 */
export function expandedSize(doc: Document, limit: number): number {
  const target = new Map<Node, Node | undefined>();
  const anchors = new Map<string, Node>();
  visit(doc, {
    Node(_key, node) {
      // Document order, as the yaml library resolves them: an alias is the last anchor before it.
      if (isAlias(node)) target.set(node, anchors.get(node.source));
      else if (node.anchor) anchors.set(node.anchor, node);
    },
  });

  const memo = new Map<Node, number>();
  const busy = new Set<Node>();
  const sizeOf = (node: unknown): number => {
    if (node === null || node === undefined) return 4;
    if (isScalar(node)) return String(node.value ?? 'null').length + (typeof node.value === 'string' ? 2 : 0);
    if (isPair(node)) return sizeOf(node.key) + 1 + sizeOf(node.value);
    const n = node as Node;
    const known = memo.get(n);
    if (known !== undefined) return known;
    if (busy.has(n)) return Infinity;
    busy.add(n);
    let size = 0;
    if (isAlias(n)) size = sizeOf(target.get(n));
    else if (isMap(n) || isSeq(n)) {
      size = 2 + Math.max(0, n.items.length - 1);
      for (const item of n.items) {
        size += sizeOf(item);
        if (size > limit) break;
      }
    }
    busy.delete(n);
    memo.set(n, size);
    return size;
  };
  const total = sizeOf(doc.contents);
  return total > limit ? Infinity : total;
}
