/**
 * Key checks JSON.parse cannot make: a duplicate key in one object (JSON.parse keeps the last,
 * while a reviewer reads the first: the extension and the reviewer would see different packs)
 * and nesting deeper than the pack limit. Runs over text JSON.parse has already accepted, in one
 * pass without recursion, so a hostile file cannot exhaust the stack. See docs/packs.md
 * ("What the extension refuses").
 */
import type { JsonPath } from './issues';

export type JsonKeyProblem =
  | { kind: 'duplicate'; path: JsonPath; key: string; offset: number }
  | { kind: 'deep'; path: JsonPath; offset: number };

interface Frame {
  /** Keys seen so far in an object; null for an array. */
  keys: Set<string> | null;
  /** Index of the next element of an array. */
  index: number;
  /** The path of this container. */
  path: JsonPath;
  /** The key last read in an object. */
  lastKey?: string;
}

/** The end (exclusive) of the JSON string literal starting at `start` (a `"`). */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i += 2;
    else if (c === 0x22) return i + 1;
    else i++;
  }
  return text.length;
}

/** First duplicate key or over-deep value in valid JSON text, or null. */
export function jsonKeyProblem(text: string, maxDepth: number): JsonKeyProblem | null {
  const stack: Frame[] = [];
  /** In an object, true when the next string is a key. */
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const top = stack[stack.length - 1];
    if (c === '"') {
      const end = stringEnd(text, i);
      if (top?.keys && expectKey) {
        const key = JSON.parse(text.slice(i, end)) as string;
        const path: JsonPath = [...top.path, key];
        if (top.keys.has(key)) return { kind: 'duplicate', path, key, offset: i };
        top.keys.add(key);
        top.lastKey = key;
        expectKey = false;
      }
      i = end - 1;
    } else if (c === '{' || c === '[') {
      const path = top ? currentPath(top) : [];
      if (path.length >= maxDepth) return { kind: 'deep', path, offset: i };
      stack.push({ keys: c === '{' ? new Set() : null, index: 0, path });
      expectKey = c === '{';
    } else if (c === '}' || c === ']') {
      stack.pop();
      expectKey = false;
    } else if (c === ',') {
      if (top?.keys) expectKey = true;
      else if (top) top.index++;
    }
  }
  return null;
}

/** Path of the value now being read inside a container: the last key read, or the array index. */
function currentPath(frame: Frame): JsonPath {
  if (frame.keys === null) return [...frame.path, frame.index];
  return frame.lastKey === undefined ? frame.path : [...frame.path, frame.lastKey];
}
