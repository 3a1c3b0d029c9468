/**
 * The best target for an element a trainer picked in the page, explained (docs/authoring.md).
 * In order: a field target (by the API name the CRM exposes, else by label), then selectors
 * built from stable attributes only (never generated ids such as `input-9377`, GUIDs or hashed
 * class names), with `text` where it tells matches apart. Each candidate carries the number of
 * visible elements it matches on this page (exactly one is the goal), a strength and its reasons.
 * Pure reads of the page: nothing here changes the CRM's DOM, and no field value ever ends up in
 * a target (attribute values and texts that hold one of the page's field values are refused).
 */
import type { Target } from '../packs/types';
import type { FieldModel, PageModel } from '../crm/types';
import { clean, containsDeep, flatAncestors, isVisible, newVisibilityMemo, textOf, type ShadowRootOf, type VisibilityMemo } from '../crm/dom';
import { nameKey, selectorTargetElements } from '../crm/targets';

export type Strength = 'strong' | 'medium' | 'weak';

export type AuthorReasonCode =
  /** Field target by the API name the CRM exposes (detail: the attribute it was read from). */
  | 'api-name'
  /** Field target by its visible label (changes with the UI language or a relabel). */
  | 'label'
  | 'unique'
  | 'none'
  | 'many'
  /** Selector on an id-like attribute the CRM sets for automation (detail: the attribute). */
  | 'stable-attr'
  /** Selector on aria-label or title (changes with the UI language). */
  | 'words'
  /** `text` added to tell matches apart (changes with the UI language). */
  | 'text'
  /** Scoped under a stable ancestor. */
  | 'scoped'
  /** Selector on class names (change when the CRM restyles). */
  | 'class'
  /** Nothing stable on the element: tag and role only. */
  | 'tag-only'
  /** Copies hidden on the page (stale SPA pages) are not counted (detail: how many). */
  | 'hidden-copies'
  /** Ids and classes left out because they look generated (detail: an example). */
  | 'generated';

export interface AuthorReason {
  code: AuthorReasonCode;
  detail?: string;
}

export interface TargetCandidate {
  target: Target;
  /** Visible elements (or fields) it matches on this page. */
  matches: number;
  strength: Strength;
  reasons: AuthorReason[];
}

export interface PageContext {
  doc: Document;
  model: PageModel;
  shadowRootOf?: ShadowRootOf;
}

/** Attributes CRMs set for their own automation and tests: stable across releases and languages. */
export const ID_ATTRIBUTES = [
  'data-target-selection-name', // Salesforce Lightning
  'data-id', // Dynamics 365
  'data-selenium-test', // HubSpot
  'data-test-id',
  'data-testid',
  'data-test',
  'data-qa',
  'data-zcqa', // Zoho
  'name',
  'id',
] as const;

/** Words on the element: stable across releases, not across languages. */
const WORD_ATTRIBUTES = ['aria-label', 'title'] as const;

/** Elements a trainer means when the pointer is on something inside them. */
const ACTIONABLE = 'button, a[href], input, select, textarea, summary, label, [role=button], [role=link], [role=tab], [role=menuitem], [role=checkbox], [role=option], [role=combobox]';

/** Tags that give `text` a meaning (a short visible caption). */
const CAPTIONED = new Set(['button', 'a', 'summary', 'label', 'h1', 'h2', 'h3', 'h4', 'li', 'span', 'th']);

const MAX_TEXT = 40;
const MAX_VALUE = 120;

/**
 * True for a value that looks made up by a framework or a database: a run of 3+ digits
 * (`input-9377`, `ember1234`, record ids), a purely numeric part (`field-12`), a GUID, React's
 * `:r1:` ids, or a token mixing letters and 2+ digits (`sc-k8Yq1`, `a1b2c3`).
 */
export function isGeneratedValue(value: string): boolean {
  const v = value.trim();
  if (!v || v.length > MAX_VALUE || /[\n\r]/.test(v)) return true;
  if (/\d{3,}/.test(v)) return true;
  if (/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}/i.test(v)) return true;
  if (/^:r[0-9a-z]*:$/i.test(v) || /^[:«]/.test(v)) return true;
  for (const token of v.split(/[-_:.|/\s]+/)) {
    if (!token) continue;
    if (/^\d+$/.test(token)) return true;
    if (token.length >= 4 && /[a-z]/i.test(token) && (token.match(/\d/g)?.length ?? 0) >= 2) return true;
  }
  return false;
}

/** State classes (they come and go with hover, focus, selection). */
const STATE_CLASS = /(^|[-_])(is|has)[-_]|(^|[-_])(active|selected|hover|focus|focused|open|opened|closed|hidden|hide|show|disabled|checked|expanded|collapsed|current)$/i;

/** A class name worth a selector: readable words, not a CSS-in-JS hash or a state class. */
export function isStableClass(name: string): boolean {
  if (name.length < 3 || name.length > 60) return false;
  if (/\d/.test(name)) return false;
  if (/^(css|sc|jsx|emotion|svelte|astro|ng|ember|_)[-_]?/i.test(name) && !/^(ng|sc)[a-z]/.test(name)) return false;
  if (/^[a-z]{1,3}[A-Z][a-zA-Z]{3,}$/.test(name) && /[A-Z].*[A-Z]/.test(name)) return false; // hashed camel mixes (aBcDeF)
  return !STATE_CLASS.test(name);
}

/** Values of this page's fields (in memory only): a target must never hold one. */
function fieldValues(model: PageModel): string[] {
  const out: string[] = [];
  for (const f of model.fields) {
    const v = clean(f.value).toLowerCase();
    if (v.length >= 2) out.push(v);
  }
  return out;
}

/** True when text could be customer data: an email, a long number, or one of the page's field values. */
export function looksLikeData(text: string, values: readonly string[]): boolean {
  const t = clean(text).toLowerCase();
  if (!t) return false;
  if (/@/.test(t) || /\d{3,}/.test(t)) return true;
  return values.some((v) => t.includes(v) || (t.length >= 3 && v.includes(t) && t.length * 2 >= v.length));
}

/** `value` in a double-quoted CSS attribute selector. */
function quoteAttr(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/**
 * Fields a field target can stand for, the way findField (utils/crm/targets.ts) chooses: visible
 * fields whose API name matches when there are any (they win), else visible label matches.
 */
function fieldKeyCount(model: PageModel, name: string): { visible: number; hidden: number } {
  const key = nameKey(name);
  let byApi = 0;
  let byLabel = 0;
  let hidden = 0;
  for (const f of model.fields) {
    const api = nameKey(f.apiName) === key;
    if (!api && nameKey(f.label) !== key) continue;
    if (!f.visible) hidden++;
    else if (api) byApi++;
    else byLabel++;
  }
  return { visible: byApi || byLabel, hidden };
}

/** Matches of a selector target: visible ones, and hidden copies (stale pages) apart. */
function selectorCount(target: { selector: string; text?: string }, ctx: PageContext, memo: VisibilityMemo): { visible: number; hidden: number; first: Element | null } {
  let visible = 0;
  let hidden = 0;
  let first: Element | null = null;
  // Exactly what the coach will find for it (a text filter reads a bounded number of matches).
  for (const el of selectorTargetElements(target, ctx.doc, ctx.shadowRootOf)) {
    if (isVisible(el, memo)) {
      visible++;
      first ??= el;
    } else hidden++;
  }
  return { visible, hidden, first };
}

/**
 * How many visible elements (or fields) a target matches on this page: the live count of the
 * author card and of "Test this pack on this page". Page targets count as one.
 */
export function countMatches(target: Target, ctx: PageContext): number {
  if ('field' in target) return fieldKeyCount(ctx.model, target.field).visible;
  if ('selector' in target) return selectorCount(target, ctx, newVisibilityMemo()).visible;
  return 1;
}

/** The visible elements a target matches (outlined by the author card), at most `max`. */
export function matchElements(target: Target, ctx: PageContext, max = 50): Element[] {
  if ('page' in target) return [];
  if ('field' in target) {
    const key = nameKey(target.field);
    const visible = ctx.model.fields.filter((f) => f.visible && (nameKey(f.apiName) === key || nameKey(f.label) === key));
    const byApi = visible.filter((f) => nameKey(f.apiName) === key);
    return (byApi.length ? byApi : visible).slice(0, max).map((f) => f.element);
  }
  const memo = newVisibilityMemo();
  const out: Element[] = [];
  for (const el of selectorTargetElements(target, ctx.doc, ctx.shadowRootOf)) {
    if (out.length >= max) break;
    if (isVisible(el, memo)) out.push(el);
  }
  return out;
}

/** The field of the page model the element belongs to (its container, label or control), innermost first. */
export function fieldOf(el: Element, model: PageModel): FieldModel | undefined {
  let best: FieldModel | undefined;
  let depth = -1;
  for (const f of model.fields) {
    if (!containsDeep(f.element, el) && !(f.control && containsDeep(f.control, el))) continue;
    let d = 0;
    for (const _ of flatAncestors(f.element)) d++;
    if (d > depth) {
      best = f;
      depth = d;
    }
  }
  return best;
}

/** Attribute of the field's markup its API name was read from (the CRM exposes one), or null. */
export function apiNameSource(field: FieldModel): string | null {
  const api = field.apiName;
  if (!api) return null;
  const token = new RegExp(`(^|[^A-Za-z0-9_])${api.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z0-9_])`);
  for (const el of [field.element, field.control]) {
    if (!el) continue;
    for (const attr of ID_ATTRIBUTES) {
      if (attr === 'id') continue;
      const v = el.getAttribute(attr);
      if (v && token.test(v)) return attr;
    }
    for (const attr of ['data-field', 'data-field-name', 'field-name', 'data-property', 'data-name']) {
      const v = el.getAttribute(attr);
      if (v && token.test(v)) return attr;
    }
  }
  return api !== field.label ? 'adapter' : null;
}

/** The field target for a field of the page model: API name where the CRM has one, else the label. */
export function fieldCandidate(field: FieldModel, model: PageModel): TargetCandidate {
  const source = apiNameSource(field);
  const name = source ? field.apiName : field.label;
  const { visible, hidden } = fieldKeyCount(model, name);
  const reasons: AuthorReason[] = [source ? { code: 'api-name', detail: source } : { code: 'label' }];
  reasons.push(visible === 1 ? { code: 'unique' } : visible === 0 ? { code: 'none' } : { code: 'many', detail: String(visible) });
  if (hidden > 0) reasons.push({ code: 'hidden-copies', detail: String(hidden) });
  const strength: Strength = visible !== 1 ? 'weak' : source ? 'strong' : 'medium';
  return { target: { field: name }, matches: visible, strength, reasons };
}

interface Part {
  selector: string;
  kind: 'stable-attr' | 'words' | 'class' | 'tag-only';
  attr?: string;
}

/** Selector parts for one element from its stable attributes, best first. */
function partsOf(el: Element, values: readonly string[], generated: string[]): Part[] {
  const tag = el.localName;
  const out: Part[] = [];
  for (const attr of ID_ATTRIBUTES) {
    const v = el.getAttribute(attr);
    if (!v) continue;
    if (isGeneratedValue(v) || looksLikeData(v, values)) {
      if (attr === 'id' || attr === 'name') generated.push(`${attr}="${v.slice(0, 40)}"`);
      continue;
    }
    out.push({ selector: `${tag}[${attr}=${quoteAttr(v)}]`, kind: 'stable-attr', attr });
  }
  for (const attr of WORD_ATTRIBUTES) {
    const v = clean(el.getAttribute(attr));
    if (!v || v.length > MAX_TEXT || isGeneratedValue(v) || looksLikeData(v, values)) continue;
    out.push({ selector: `${tag}[${attr}=${quoteAttr(v)}]`, kind: 'words', attr });
  }
  const role = el.getAttribute('role');
  const rolepart = role && /^[a-z]+$/.test(role) ? `[role=${quoteAttr(role)}]` : '';
  const classes = [...el.classList].filter((c) => {
    const ok = isStableClass(c);
    if (!ok && /\d/.test(c)) generated.push(`class="${c.slice(0, 40)}"`);
    return ok;
  });
  if (classes.length) out.push({ selector: `${tag}${rolepart}${classes.slice(0, 2).map((c) => `.${c.replace(/[^A-Za-z0-9_-]/g, '\\$&')}`).join('')}`, kind: 'class' });
  out.push({ selector: `${tag}${rolepart}`, kind: 'tag-only' });
  return out;
}

/** A short visible caption of the element that is not customer data, or ''. */
function captionOf(el: Element, ctx: PageContext, values: readonly string[]): string {
  if (!CAPTIONED.has(el.localName) && !el.hasAttribute('role')) return '';
  const text = textOf(el, { shadowRootOf: ctx.shadowRootOf });
  if (!text || text.length > MAX_TEXT || looksLikeData(text, values)) return '';
  return text;
}

/** Nearest ancestor in the same tree with a stable id-like attribute: a scope for a selector. */
function scopeOf(el: Element, values: readonly string[]): string | null {
  const root = el.getRootNode();
  for (let n = el.parentElement; n && n.getRootNode() === root; n = n.parentElement) {
    for (const attr of ID_ATTRIBUTES) {
      const v = n.getAttribute(attr);
      if (v && !isGeneratedValue(v) && !looksLikeData(v, values)) return `${n.localName}[${attr}=${quoteAttr(v)}]`;
    }
    const label = clean(n.getAttribute('aria-label'));
    if (label && label.length <= MAX_TEXT && !isGeneratedValue(label) && !looksLikeData(label, values)) return `${n.localName}[aria-label=${quoteAttr(label)}]`;
  }
  return null;
}

function selectorStrength(kind: Part['kind'], withText: boolean, scoped: boolean, matches: number): Strength {
  if (matches !== 1) return 'weak';
  if (kind === 'stable-attr') return withText ? 'medium' : 'strong';
  if (kind === 'words') return 'medium';
  return withText || scoped ? 'medium' : 'weak';
}

/** Selector candidates for an element: each stable part, with `text` and then a scope when it matches more than one. */
export function selectorCandidates(picked: Element, ctx: PageContext): TargetCandidate[] {
  const el = picked.closest?.(ACTIONABLE) ?? picked;
  const values = fieldValues(ctx.model);
  const generated: string[] = [];
  const memo = newVisibilityMemo();
  const parts = partsOf(el, values, generated);
  const caption = captionOf(el, ctx, values);
  const scope = scopeOf(el, values);
  const out: TargetCandidate[] = [];
  for (const part of parts) {
    const tries: { target: { selector: string; text?: string }; text: boolean; scoped: boolean }[] = [{ target: { selector: part.selector }, text: false, scoped: false }];
    if (caption) tries.push({ target: { selector: part.selector, text: caption }, text: true, scoped: false });
    if (scope) {
      tries.push({ target: { selector: `${scope} ${part.selector}` }, text: false, scoped: true });
      if (caption) tries.push({ target: { selector: `${scope} ${part.selector}`, text: caption }, text: true, scoped: true });
    }
    for (const attempt of tries) {
      const { visible, hidden, first } = selectorCount(attempt.target, ctx, memo);
      // A candidate must find the picked element itself.
      if (visible === 1 && first && !containsDeep(first, picked) && !containsDeep(el, first)) continue;
      const reasons: AuthorReason[] = [];
      if (part.kind === 'stable-attr') reasons.push({ code: 'stable-attr', detail: part.attr });
      else if (part.kind === 'words') reasons.push({ code: 'words', detail: part.attr });
      else reasons.push({ code: part.kind });
      if (attempt.text) reasons.push({ code: 'text' });
      if (attempt.scoped) reasons.push({ code: 'scoped' });
      reasons.push(visible === 1 ? { code: 'unique' } : visible === 0 ? { code: 'none' } : { code: 'many', detail: String(visible) });
      if (hidden > 0) reasons.push({ code: 'hidden-copies', detail: String(hidden) });
      if (generated.length) reasons.push({ code: 'generated', detail: generated[0] });
      out.push({ target: attempt.target, matches: visible, strength: selectorStrength(part.kind, attempt.text, attempt.scoped, visible), reasons });
      if (visible === 1) break; // the simplest unique form of this part is enough
    }
  }
  return out;
}

const RANK: Record<Strength, number> = { strong: 0, medium: 1, weak: 2 };

/** Candidates best first: strength, then exactly one match, then the shortest target. */
export function rankCandidates(list: TargetCandidate[]): TargetCandidate[] {
  const size = (c: TargetCandidate) => JSON.stringify(c.target).length;
  return [...list].sort((a, b) => RANK[a.strength] - RANK[b.strength] || Number(b.matches === 1) - Number(a.matches === 1) || size(a) - size(b));
}

/**
 * Every target proposed for a picked element, best first: the field target when the element
 * belongs to a field the adapter reads, then selector targets; duplicates removed.
 */
export function proposeTargets(picked: Element, ctx: PageContext): TargetCandidate[] {
  const field = fieldOf(picked, ctx.model);
  const fieldFirst = field ? [fieldCandidate(field, ctx.model)] : [];
  const seen = new Set<string>();
  const selectors = rankCandidates(selectorCandidates(picked, ctx)).filter((c) => {
    const key = JSON.stringify(c.target);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  // A field target comes first whenever there is one (it survives layout and language changes);
  // weak selectors are offered only when nothing better was found.
  const all = [...fieldFirst, ...selectors];
  const better = all.filter((c) => c.strength !== 'weak');
  return (better.length ? better : all).slice(0, 6);
}

/** The candidate of a field picked from the list of fields (the keyboard path). */
export function proposeForField(field: FieldModel, model: PageModel): TargetCandidate[] {
  return [fieldCandidate(field, model)];
}
