/** A validation problem with its JSON path, and how paths and problems are written for people. */
import { atPath, englishText, type PackMessage } from './messages';

export type JsonPath = (string | number)[];

export interface PackIssue {
  path: JsonPath;
  /** The problem in English (the CLI's words). */
  message: string;
  /** The problem as data, for readers in other languages. */
  problem: PackMessage;
}

export function packIssue(path: JsonPath, problem: PackMessage): PackIssue {
  return { path, message: englishText(problem), problem };
}

/** `tips[3].target`, `when.fieldEquals["Close Date"]`, `(root)` for the document itself. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (typeof seg === 'string' && /^[A-Za-z_$][\w$-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(String(seg))}]`;
  }
  return out || '(root)';
}

/** The issue with its path, as one message: `tips[3].target: <problem>`. */
export function issueMessage(issue: PackIssue): PackMessage {
  return atPath(formatPath(issue.path), issue.problem);
}

/** The value at a JSON path, or undefined. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[seg as string];
  }
  return cur;
}
