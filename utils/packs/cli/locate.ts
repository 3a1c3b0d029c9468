/**
 * Maps a JSON path to the line it is on in the pack's source text. JSON is YAML 1.2, so the yaml
 * package's parser gives positions for both. Best effort: null when the text cannot be read.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { JsonPath } from '../issues';

export type Locator = (path: JsonPath) => number | null;

export function makeLocator(text: string): Locator {
  const lineCounter = new LineCounter();
  let root: unknown;
  try {
    const doc = parseDocument(text, { lineCounter, uniqueKeys: false, merge: false });
    root = doc.contents;
  } catch {
    return () => null;
  }
  return (path) => {
    try {
      let node = root as Node | null | undefined;
      let offset = (node as Node | undefined)?.range?.[0];
      for (const seg of path) {
        if (isMap(node)) {
          const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
          if (!pair) break;
          offset = (pair.key as Node).range?.[0] ?? offset;
          node = pair.value as Node | null;
        } else if (isSeq(node) && typeof seg === 'number') {
          const item = node.items[seg] as Node | undefined;
          if (!item) break;
          offset = item.range?.[0] ?? offset;
          node = item;
        } else break;
      }
      return offset === undefined ? null : lineCounter.linePos(offset).line;
    } catch {
      return null;
    }
  };
}
