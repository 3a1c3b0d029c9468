/**
 * Pack regular expressions (`sites[].page.*`, `sites[].object.urlPattern`): one compile function
 * with a cache, used by validation (background, options page, CLI) and by the content script.
 *
 * Pack regexes run on the browser's own engine, which backtracks: a pattern like `(a+)+$` or
 * `.*.*.*x` can spin for seconds on one URL. A linear-time engine (re2js) costs 45 KB gzip, close
 * to half the content script's budget, so instead only a safe class is accepted, and the class
 * is chosen so that backtracking is bounded (docs/packs.md "Patterns"):
 *
 * - literals, escapes (`\d \w \s \D \W \S \b \B`, escaped punctuation, `\t \n \r`, `\xHH`,
 *   `\uHHHH`), `.`, bracket classes `[...]`, anchors `^ $`, alternation `|`;
 * - groups `(...)`, `(?:...)`, `(?<name>...)`; no lookahead or lookbehind, no backreferences;
 * - `* + {n,}` only on a single character, a class or `.`; `? {n} {n,m}` (m <= 20) on anything;
 * - a cost bound: the ways the pattern can split an input of INPUT_MAX characters are at most
 *   COST_MAX, counting each unbounded repeat as n + 1 ways, a bounded one once per count,
 *   alternatives adding up, sequences multiplying, and every start position when the pattern is
 *   not anchored with `^`. A repeat of one character (class) followed by a character it cannot
 *   match (`[^/]+/`, `\d+-`) or ending the pattern counts as one way: it can only stop in one
 *   place. Each way costs at most a scan of the input, so a run is bounded by about
 *   INPUT_MAX x COST_MAX (4 million) steps, a few milliseconds, whatever the input.
 *
 * Inputs longer than INPUT_MAX characters never match, which keeps that bound true at run time.
 */

export const INPUT_MAX = 1024;
const COST_MAX = 2 ** 12;
const BOUNDED_REPEAT_MAX = 20;
const CACHE_MAX = 200;

/** Why a regex is refused: a code (worded by validation) and where in the source. */
export type RegexProblem =
  | { code: 'syntax'; detail: string }
  | { code: 'lookaround' }
  | { code: 'backreference' }
  | { code: 'nested_repeat' }
  | { code: 'repeat_bound' }
  | { code: 'cost' };

class Refused extends Error {
  constructor(readonly problem: RegexProblem) {
    super(problem.code);
  }
}

/** Ways to split an input, capped so the products stay finite. */
const cap = (n: number) => Math.min(n, COST_MAX * 2);

interface Parsed {
  /** Ways this part can split an input (see the module comment). */
  cost: number;
  /** Contains a repeat (any quantifier). */
  repeats: boolean;
  /**
   * An unbounded repeat of one character class: true for a character the class cannot match.
   * Followed by such a literal, the repeat can end in one place only, so it adds no ways.
   */
  stopsAt?: (c: string) => boolean;
}

const DIGIT = /[0-9]/;
const WORD = /[A-Za-z0-9_]/;
const SPACE = /\s/;

/** Membership in a class escape (\d \w \s and their negations); undefined for other escapes. */
function escapeClass(e: string, c: string): boolean | undefined {
  switch (e) {
    case 'd': return DIGIT.test(c);
    case 'D': return !DIGIT.test(c);
    case 'w': return WORD.test(c);
    case 'W': return !WORD.test(c);
    case 's': return SPACE.test(c);
    case 'S': return !SPACE.test(c);
  }
  return undefined;
}

/**
 * A predicate "c is in the bracket class" for a body without the brackets; undefined when
 * unsure (escapes other than \d \w \s and punctuation), so callers stay conservative.
 */
function bracketMember(body: string): (c: string) => boolean | undefined {
  const unsure = /\\[A-CE-RT-VX-Za-ce-rt-vx-z0-9]/.test(body);
  return (c) => {
    if (unsure) return undefined;
    for (let k = 0; k < body.length; k++) {
      let lo = body[k];
      if (lo === '\\') {
        const e = body[++k] ?? '';
        const m = escapeClass(e, c);
        if (m !== undefined) {
          if (m) return true;
          continue;
        }
        lo = e;
      }
      if (body[k + 1] === '-' && k + 2 < body.length) {
        const hi = body[k + 2] === '\\' ? body[k + 3] : body[k + 2];
        if (c >= lo && c <= hi) return true;
        k += body[k + 2] === '\\' ? 3 : 2;
      } else if (c === lo) return true;
    }
    return false;
  };
}

/**
 * A small recursive-descent reader of the safe class. It only measures; the browser's RegExp
 * still parses the source, so a pattern the browser refuses is refused too.
 */
function measure(source: string): { cost: number; anchored: boolean } {
  let i = 0;
  const n = INPUT_MAX;
  const peek = () => source[i];
  const fail = (problem: RegexProblem): never => {
    throw new Refused(problem);
  };

  function escape(): string {
    // at the character after the backslash
    const c = source[i++];
    if (c === undefined) fail({ code: 'syntax', detail: 'trailing backslash' });
    if (/[1-9]/.test(c) || c === 'k') fail({ code: 'backreference' });
    if (c === 'x') {
      if (!/^[0-9a-fA-F]{2}$/.test(source.slice(i, i + 2))) fail({ code: 'syntax', detail: '\\x needs two hex digits' });
      i += 2;
    } else if (c === 'u') {
      if (!/^[0-9a-fA-F]{4}$/.test(source.slice(i, i + 4))) fail({ code: 'syntax', detail: '\\u needs four hex digits' });
      i += 4;
    } else if (/[A-Za-z0-9]/.test(c) && !'dDwWsSbBtnrfv0'.includes(c)) {
      fail({ code: 'syntax', detail: `unsupported escape \\${c}` });
    }
    return c;
  }

  /** Reads a bracket class; returns "c cannot be in it" (conservative). */
  function bracket(): (c: string) => boolean {
    // at the character after '['
    const negated = peek() === '^';
    if (negated) i++;
    const start = i;
    if (peek() === ']') i++;
    while (i < source.length && peek() !== ']') {
      if (source[i++] === '\\') escape();
    }
    if (peek() !== ']') fail({ code: 'syntax', detail: 'unclosed [' });
    const member = bracketMember(source.slice(start, i));
    i++;
    return negated ? (c) => member(c) === true : (c) => member(c) === false;
  }

  /**
   * What follows the piece just read, past any group ends not followed by a quantifier: the
   * literal character there, 'end' at the end of the pattern (or its final `$`), else null.
   */
  function follower(): string | null {
    let j = i;
    while (source[j] === ')') j++;
    const c = source[j];
    if (j > i && c !== undefined && '*+?{'.includes(c)) return null;
    if (c === undefined || (c === '$' && j === source.length - 1)) return 'end';
    if (c === '\\') {
      const e = source[j + 1];
      return e !== undefined && !/[A-Za-z0-9]/.test(e) ? e : null;
    }
    return '()[]{}|.*+?^$'.includes(c) ? null : c;
  }

  /** Reads a quantifier if one follows; returns its [min, max] (max Infinity when unbounded). */
  function quantifier(): [number, number] | null {
    const c = peek();
    let q: [number, number] | null = null;
    if (c === '*') q = [0, Infinity];
    else if (c === '+') q = [1, Infinity];
    else if (c === '?') q = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d{1,4})(,(\d{0,4}))?\}/.exec(source.slice(i));
      if (!m) return null; // a literal '{'
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      if (max < min) fail({ code: 'syntax', detail: 'numbers out of order in {}' });
      i += m[0].length - 1;
      q = [min, max];
    }
    if (!q) return null;
    i++;
    if (peek() === '?') i++; // lazy: same paths, other order
    if (peek() === '*' || peek() === '+' || peek() === '?' || peek() === '{') fail({ code: 'nested_repeat' });
    return q;
  }

  /** One atom with its quantifier. */
  function piece(): Parsed {
    const c = source[i++];
    let atom: Parsed;
    let single = true;
    let stops: (ch: string) => boolean = () => false;
    if (c === '(') {
      single = false;
      if (peek() === '?') {
        const kind = source.slice(i, i + 3);
        if (kind.startsWith('?:')) i += 2;
        else if (kind === '?<=' || kind === '?<!' || kind.startsWith('?=') || kind.startsWith('?!')) fail({ code: 'lookaround' });
        else if (kind.startsWith('?<')) {
          const m = /^\?<([A-Za-z_$][\w$]*)>/.exec(source.slice(i));
          if (!m) fail({ code: 'syntax', detail: 'bad group name' });
          i += m![0].length;
        } else fail({ code: 'syntax', detail: 'unsupported group' });
      }
      atom = alternation();
      if (peek() !== ')') fail({ code: 'syntax', detail: 'unclosed (' });
      i++;
    } else if (c === '[') {
      stops = bracket();
      atom = { cost: 1, repeats: false };
    } else if (c === '\\') {
      const e = escape();
      stops = (ch) => escapeClass(e, ch) === false || (!/[A-Za-z0-9]/.test(e) && ch !== e);
      atom = { cost: 1, repeats: false };
    } else if (c === '^' || c === '$') {
      return { cost: 1, repeats: false };
    } else if (c === ')' || c === '*' || c === '+' || c === '?') {
      fail({ code: 'syntax', detail: `unexpected ${c}` });
      atom = { cost: 1, repeats: false };
    } else {
      if (c !== '.') stops = (ch) => ch !== c;
      atom = { cost: 1, repeats: false };
    }
    const q = quantifier();
    if (!q) return atom;
    const [min, max] = q;
    if (max === Infinity) {
      if (!single) fail({ code: 'nested_repeat' });
      return { cost: cap(n + 1), repeats: true, stopsAt: stops };
    }
    if (max > BOUNDED_REPEAT_MAX) fail({ code: 'repeat_bound' });
    if (!single && atom.repeats && max > 1) fail({ code: 'nested_repeat' });
    // Counts min..max, each count k splitting in atom.cost^k ways.
    let total = 0;
    for (let k = min; k <= max; k++) total = cap(total + cap(atom.cost ** k));
    return { cost: cap(total), repeats: true, stopsAt: single ? stops : undefined };
  }

  /** Every top-level alternative starts with `^` (set while reading the outermost level). */
  let depth = 0;
  let anchored = true;

  function sequence(): Parsed {
    if (depth === 1 && peek() !== '^') anchored = false;
    let cost = 1;
    let repeats = false;
    while (i < source.length && peek() !== '|' && peek() !== ')') {
      const p = piece();
      // `[^/]+/`: the repeat must stop where the run of its class ends; at the end of the pattern
      // the first way succeeds or none does. Either way it adds no ways (only a scan).
      const next = p.stopsAt ? follower() : null;
      const oneWay = next !== null && (next === 'end' || p.stopsAt!(next));
      cost = cap(cost * (oneWay ? 1 : p.cost));
      repeats ||= p.repeats;
    }
    return { cost, repeats };
  }

  function alternation(): Parsed {
    depth++;
    let { cost, repeats } = sequence();
    while (peek() === '|') {
      i++;
      const next = sequence();
      cost = cap(cost + next.cost);
      repeats ||= next.repeats;
    }
    depth--;
    return { cost, repeats };
  }

  const root = alternation();
  if (i < source.length) fail({ code: 'syntax', detail: `unexpected ${source[i]}` });
  return { cost: cap(root.cost * (anchored ? 1 : n + 1)), anchored };
}

/** Why a pack regex is refused, or null when it is in the safe class (see the module comment). */
export function packRegexProblem(source: string): RegexProblem | null {
  try {
    new RegExp(source);
  } catch (err) {
    return { code: 'syntax', detail: err instanceof Error ? err.message : String(err) };
  }
  try {
    if (measure(source).cost > COST_MAX) return { code: 'cost' };
  } catch (err) {
    if (err instanceof Refused) return err.problem;
    return { code: 'syntax', detail: String(err) };
  }
  return null;
}

/** A compiled pack regex: exec on inputs up to INPUT_MAX characters (longer ones never match). */
export interface PackRegex {
  readonly source: string;
  exec(input: string): RegExpExecArray | null;
  test(input: string): boolean;
}

const cache = new Map<string, PackRegex | null>();

/** The compiled regex (cached), or null when it is not in the safe class. Never throws. */
export function compilePackRegex(source: string): PackRegex | null {
  let hit = cache.get(source);
  if (hit !== undefined) return hit;
  hit = null;
  if (packRegexProblem(source) === null) {
    const re = new RegExp(source);
    hit = {
      source,
      exec: (input) => (input.length > INPUT_MAX ? null : re.exec(input)),
      test: (input) => input.length <= INPUT_MAX && re.test(input),
    };
  }
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(source, hit);
  return hit;
}
