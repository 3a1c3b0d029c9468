/** A validation problem with its JSON path, and how paths and problems are written for people. */

export type JsonPath = (string | number)[];

export interface PackIssue {
  path: JsonPath;
  message: string;
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

export function formatIssue(issue: PackIssue): string {
  return `${formatPath(issue.path)}: ${issue.message}`;
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
