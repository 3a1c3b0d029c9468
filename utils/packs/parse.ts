/**
 * parsePackText: a pack file's text (JSON, or YAML for the pack tools and imports) to a validated
 * pack. Guards come first: size, then a parser with alias limits against YAML bombs.
 */
import { Lexer, parseDocument } from 'yaml';
import { formatPath, issueMessage } from './issues';
import { jsonKeyProblem } from './json-keys';
import { MAX_DEPTH, MAX_PACK_BYTES } from './limits';
import { englishText, msg, packFailure, type PackMessage } from './messages';
import { sizeIssue, validatePack, type ValidationResult } from './validate';
import { expandedSize } from './yaml-size';
import { looksLikeUtf8Text } from './encoding';

export { decodePackBytes, looksLikeUtf8Text } from './encoding';

/** A failure says what was wrong and where: `error` in English (the CLI), `problem` as data. */
export type ParsedText =
  | { ok: true; value: unknown; format: 'json' | 'yaml' }
  | { ok: false; error: string; problem: PackMessage };

function failed(problem: PackMessage): ParsedText {
  return { ok: false, error: englishText(problem), problem };
}

/** YAML aliases allowed in one document: enough for real reuse, far too few for a "billion laughs". */
export const MAX_YAML_ALIASES = 100;

export function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Reads JSON or YAML text into a value; the error says what was wrong and where. */
export function parseDataText(rawText: string, fileName?: string, options: { anyTop?: boolean } = {}): ParsedText {
  const text = rawText.replace(/^\uFEFF/, '');
  if (!looksLikeUtf8Text(text)) return failed(msg('pack_not_utf8'));
  const bytes = utf8Bytes(text);
  if (bytes > MAX_PACK_BYTES) return failed(issueMessage(sizeIssue(bytes)));
  const trimmed = text.trimStart();
  if (trimmed === '') return failed(msg('pack_file_empty'));
  if (trimmed.startsWith('<')) return failed(msg('pack_looks_like_html'));
  const ext = fileName?.toLowerCase().match(/\.([a-z]+)$/)?.[1];
  const asJson = ext === 'json' || (ext !== 'yaml' && ext !== 'yml' && /^[{[]/.test(trimmed));
  if (asJson) return parseJson(text);
  return parseYaml(text, options.anyTop === true);
}

function parseJson(text: string): ParsedText {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return failed(jsonError(text, err as Error));
  }
  const problem = jsonKeyProblem(text, MAX_DEPTH);
  if (problem?.kind === 'duplicate') {
    const [line, column] = lineAndColumn(text, problem.offset);
    return failed(msg('pack_duplicate_key', formatPath(problem.path), line, column));
  }
  if (problem?.kind === 'deep') return failed(msg('pack_at_path', formatPath(problem.path.slice(0, 6)), msg('pack_too_deep', MAX_DEPTH)));
  return { ok: true, value, format: 'json' };
}

function lineAndColumn(text: string, offset: number): [number, number] {
  const before = text.slice(0, offset);
  return [before.split('\n').length, offset - before.lastIndexOf('\n')];
}

/**
 * V8 (Chromium, Node) says "at position N", SpiderMonkey (Firefox) "at line L column C of the JSON
 * data"; people want line and column either way. The engine's own words stay as they are.
 */
export function jsonError(text: string, err: Error): PackMessage {
  const detail = err.message.replace(/^JSON\.parse: /, '');
  const spidermonkey = /\s*at line (\d+) column (\d+) of the JSON data$/.exec(detail);
  if (spidermonkey) {
    return msg('pack_invalid_json_at', detail.slice(0, spidermonkey.index), Number(spidermonkey[1]), Number(spidermonkey[2]));
  }
  const pos = /position (\d+)/.exec(detail);
  if (!pos) return msg('pack_invalid_json', detail);
  const [line, column] = lineAndColumn(text, Number(pos[1]));
  return msg('pack_invalid_json_at', detail.replace(/\s*\(line \d+ column \d+\)/, ''), line, column);
}

/**
 * True when [ ] and { } collections nest deeper than `max`. The yaml library composes them
 * recursively, so very deep ones run out of stack (slowly: over a second for 10 KB); its lexer is
 * a generator, so reading tokens stops as soon as the answer is known.
 */
function flowTooDeep(text: string, max: number): boolean {
  // Lexing costs about as much as parsing: skip it when there are too few openers to nest that deep.
  let openers = 0;
  for (let i = 0; i < text.length && openers <= max; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) openers++;
  }
  if (openers <= max) return false;
  let depth = 0;
  for (const token of new Lexer().lex(text)) {
    if (token === '[' || token === '{') {
      if (++depth > max) return true;
    } else if (token === ']' || token === '}') depth--;
  }
  return false;
}

function parseYaml(text: string, anyTop: boolean): ParsedText {
  if (flowTooDeep(text, MAX_DEPTH)) return failed(msg('pack_too_deep', MAX_DEPTH));
  let doc;
  try {
    doc = parseDocument(text, { uniqueKeys: true, merge: false, prettyErrors: true, schema: 'core' });
  } catch (err) {
    return failed(msg('pack_invalid_yaml', (err as Error).message));
  }
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    // The yaml library composes nested flow collections recursively: very deep input runs out of
    // stack. That is junk nesting, and is said so (V8 and Firefox word it differently).
    if (/call stack|too much recursion/i.test(first.message)) {
      const at = first.linePos?.[0];
      const tooDeep = msg('pack_too_deep', MAX_DEPTH);
      return failed(at ? msg('pack_at_line', at.line, at.col, tooDeep) : tooDeep);
    }
    const detail = first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    const at = first.linePos?.[0];
    return failed(at ? msg('pack_invalid_yaml_at', detail, at.line, at.col) : msg('pack_invalid_yaml', detail));
  }
  if (expandedSize(doc, MAX_PACK_BYTES) > MAX_PACK_BYTES) return failed(msg('pack_yaml_expands', 2));
  try {
    const value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    if (!anyTop && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      return failed(msg('pack_not_object_top'));
    }
    return { ok: true, value, format: 'yaml' };
  } catch (err) {
    const detail = (err as Error).message;
    if (/call stack|too much recursion/i.test(detail)) return failed(msg('pack_too_deep', MAX_DEPTH));
    if (/alias/i.test(detail)) return failed(msg('pack_yaml_bomb', MAX_YAML_ALIASES));
    return failed(msg('pack_invalid_yaml', detail));
  }
}

/** JSON or YAML text to a validated pack. */
export function parsePackText(text: string, fileName?: string): ValidationResult {
  const parsed = parseDataText(text, fileName);
  if (!parsed.ok) return packFailure([parsed.problem]);
  return validatePack(parsed.value);
}
