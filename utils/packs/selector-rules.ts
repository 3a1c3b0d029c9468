/**
 * The CSS selectors a pack may use, checked at validation (the CLI has no DOM, so this is a small
 * parser of the allowed subset, not the browser's). A pack's selectors run on every CRM page of
 * everyone who installs it, again as the page changes; the rules keep each one's cost bounded and
 * predictable. The rules and their reasons are in docs/packs.md ("Selectors").
 */
import { msg, type PackMessage } from './messages';

/** Longest selector (characters): real targets are under 100. */
export const MAX_SELECTOR_CHARS = 300;
/** Selectors in one comma-separated list. */
export const MAX_SELECTOR_LIST = 6;
/** Compound selectors (the parts between combinators) in one selector. */
export const MAX_COMPOUNDS = 6;
/** Descendant (space) and general-sibling (~) combinators in one selector: each may try every ancestor or sibling. */
export const MAX_SEARCHING_COMBINATORS = 3;

/** Pseudo-classes that test only the element itself or its position among siblings. */
const SIMPLE_PSEUDO = new Set([
  'checked',
  'disabled',
  'empty',
  'enabled',
  'first-child',
  'first-of-type',
  'last-child',
  'last-of-type',
  'only-child',
  'only-of-type',
  'optional',
  'placeholder-shown',
  'read-only',
  'read-write',
  'required',
  'root',
]);
const NTH_PSEUDO = new Set(['nth-child', 'nth-last-child', 'nth-of-type', 'nth-last-of-type']);
/** Take compound selectors only (no combinators inside). */
const LIST_PSEUDO = new Set(['not', 'is', 'where']);
const NTH_ARG = /^\s*(?:odd|even|[+-]?\d*n(?:\s*[+-]\s*\d+)?|[+-]?\d+)\s*$/i;

const IDENT_START = /[A-Za-z_\u00a0-\uffff]/;
const IDENT_CHAR = /[A-Za-z0-9_\u00a0-\uffff-]/;

class SelectorError extends Error {
  constructor(readonly problem: PackMessage) {
    super(problem.key);
  }
}

const invalid = (): never => {
  throw new SelectorError(msg('pack_selector_invalid'));
};

/** Why a pack selector is refused, or null when it is allowed (its length is the schema's rule). */
export function selectorMessage(selector: string): PackMessage | null {
  if (selector.length > MAX_SELECTOR_CHARS) return null;
  try {
    new SelectorReader(selector).selectorList();
    return null;
  } catch (err) {
    if (err instanceof SelectorError) return err.problem;
    throw err;
  }
}

type Combinator = ' ' | '>' | '+' | '~';

class SelectorReader {
  private i = 0;
  constructor(private readonly s: string) {}

  selectorList(): void {
    let count = 0;
    for (;;) {
      this.space();
      this.complex();
      count++;
      if (count > MAX_SELECTOR_LIST) throw new SelectorError(msg('pack_selector_list', MAX_SELECTOR_LIST));
      this.space();
      if (this.i >= this.s.length) return;
      if (this.s[this.i] !== ',') invalid();
      this.i++;
    }
  }

  private complex(): void {
    let compounds = 0;
    let searching = 0;
    let before: Combinator | null = null;
    for (;;) {
      const bareStar = this.compound(false);
      compounds++;
      if (compounds > MAX_COMPOUNDS) throw new SelectorError(msg('pack_selector_compounds', MAX_COMPOUNDS));
      const after = this.combinator();
      // A bare * is "any element": after a space or ~ (or leading a chain) it makes the engine
      // try every ancestor or sibling; alone it matches the whole page.
      if (bareStar && (before === null || before === ' ' || before === '~') && (after !== null || before === null)) {
        throw new SelectorError(msg('pack_selector_universal'));
      }
      if (after === null) return;
      if (after === ' ' || after === '~') {
        searching++;
        if (searching > MAX_SEARCHING_COMBINATORS) {
          throw new SelectorError(msg('pack_selector_descendants', MAX_SEARCHING_COMBINATORS));
        }
      }
      before = after;
    }
  }

  /** The combinator after a compound, or null at the end of this selector (`,`, `)` or the end). */
  private combinator(): Combinator | null {
    const hadSpace = this.space();
    const c = this.s[this.i];
    if (c === undefined || c === ',' || c === ')') return null;
    if (c === '>' || c === '+' || c === '~') {
      this.i++;
      this.space();
      return c;
    }
    return hadSpace ? ' ' : invalid();
  }

  /** Reads one compound selector; true when it is a bare `*`. */
  private compound(inner: boolean): boolean {
    const start = this.i;
    let bareStar = false;
    if (this.s[this.i] === '*') {
      this.i++;
      bareStar = true;
    } else if (this.s[this.i] !== undefined && IDENT_START.test(this.s[this.i])) {
      this.ident();
    }
    for (;;) {
      const c = this.s[this.i];
      if (c === '#' || c === '.') {
        this.i++;
        this.ident();
      } else if (c === '[') {
        this.attribute();
      } else if (c === ':') {
        this.pseudo(inner);
      } else break;
      bareStar = false;
    }
    if (this.i === start) invalid();
    return bareStar;
  }

  private ident(): void {
    const start = this.i;
    if (this.s[this.i] === '-') this.i++;
    if (this.s[this.i] === '-') this.i++;
    while (this.i < this.s.length) {
      const c = this.s[this.i];
      if (c === '\\') {
        const next = this.s[this.i + 1];
        if (next === undefined || next === '\n') invalid();
        this.i += 2;
      } else if (IDENT_CHAR.test(c)) this.i++;
      else break;
    }
    const word = this.s.slice(start, this.i);
    if (word === '' || word === '-' || /^-?\d/.test(word)) invalid();
  }

  private attribute(): void {
    this.i++; // [
    this.space();
    this.ident();
    this.space();
    if (this.s[this.i] === ']') {
      this.i++;
      return;
    }
    const op = /^[~|^$*]?=/.exec(this.s.slice(this.i, this.i + 2));
    if (!op) invalid();
    this.i += op![0].length;
    this.space();
    const q = this.s[this.i];
    if (q === '"' || q === "'") this.quoted(q);
    else this.ident();
    this.space();
    if (/[iIsS]/.test(this.s[this.i] ?? '') && /[\s\]]/.test(this.s[this.i + 1] ?? '')) {
      this.i++;
      this.space();
    }
    if (this.s[this.i] !== ']') invalid();
    this.i++;
  }

  private quoted(q: string): void {
    this.i++;
    while (this.i < this.s.length && this.s[this.i] !== q) {
      if (this.s[this.i] === '\n') invalid();
      this.i += this.s[this.i] === '\\' ? 2 : 1;
    }
    if (this.s[this.i] !== q) invalid();
    this.i++;
  }

  private pseudo(inner: boolean): void {
    this.i++; // :
    if (this.s[this.i] === ':') throw new SelectorError(msg('pack_selector_pseudo_element'));
    const start = this.i;
    this.ident();
    const name = this.s.slice(start, this.i).toLowerCase();
    if (name === 'has') throw new SelectorError(msg('pack_selector_has'));
    const open = this.s[this.i] === '(';
    if (!open) {
      if (SIMPLE_PSEUDO.has(name)) return;
      throw new SelectorError(msg('pack_selector_pseudo', `:${name}`));
    }
    this.i++;
    if (NTH_PSEUDO.has(name)) {
      const close = this.s.indexOf(')', this.i);
      if (close < 0 || !NTH_ARG.test(this.s.slice(this.i, close))) invalid();
      this.i = close + 1;
      return;
    }
    if (!LIST_PSEUDO.has(name) || inner) throw new SelectorError(msg('pack_selector_pseudo', `:${name}()`));
    for (;;) {
      this.space();
      this.compound(true);
      this.space();
      const c = this.s[this.i];
      this.i++;
      if (c === ')') return;
      if (c !== ',') throw new SelectorError(msg('pack_selector_inner'));
    }
  }

  /** Skips whitespace; true when there was some. */
  private space(): boolean {
    const start = this.i;
    while (this.i < this.s.length && /[ \t\n\r\f]/.test(this.s[this.i])) this.i++;
    return this.i > start;
  }
}
