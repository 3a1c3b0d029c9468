/**
 * Path globs of match patterns (`*` = any run of characters, every other character literal),
 * matched in time linear in the text plus the glob: no regular expression is built from the
 * stars, so a glob with many `*` costs no more than one with a few (docs/packs.md "Patterns").
 *
 * A glob is literal segments separated by stars. The first segment must start the text, the last
 * must end it, and the ones between are found left to right, each at its earliest place after
 * the previous one. Taking the earliest place is always right: it leaves the most text for the
 * segments after it. Each search is Knuth-Morris-Pratt, so no character is looked at twice.
 */

/** The KMP failure table of a segment: longest proper prefix that is also a suffix, per length. */
function failureTable(seg: string): Int32Array {
  const fail = new Int32Array(seg.length);
  let k = 0;
  for (let i = 1; i < seg.length; i++) {
    while (k > 0 && seg[i] !== seg[k]) k = fail[k - 1];
    if (seg[i] === seg[k]) k++;
    fail[i] = k;
  }
  return fail;
}

/** Index of the first occurrence of `seg` in `text` between `from` and `end`, or -1. Linear. */
function findFrom(text: string, seg: string, from: number, end: number): number {
  if (seg.length === 0) return from;
  const fail = failureTable(seg);
  let k = 0;
  for (let i = from; i < end; i++) {
    while (k > 0 && text[i] !== seg[k]) k = fail[k - 1];
    if (text[i] === seg[k]) k++;
    if (k === seg.length) return i - seg.length + 1;
  }
  return -1;
}

/** A compiled glob: its literal segments (one more than the number of stars). */
export type Glob = readonly string[];

export function compileGlob(glob: string): Glob {
  return glob.split('*');
}

/** True when the whole text matches the glob. */
export function globMatches(glob: Glob, text: string): boolean {
  if (glob.length === 1) return text === glob[0];
  const first = glob[0];
  const last = glob[glob.length - 1];
  if (text.length < first.length + last.length) return false;
  if (!text.startsWith(first) || !text.endsWith(last)) return false;
  let at = first.length;
  const end = text.length - last.length;
  for (let i = 1; i < glob.length - 1; i++) {
    const seg = glob[i];
    const found = findFrom(text, seg, at, end);
    if (found < 0) return false;
    at = found + seg.length;
  }
  return true;
}
