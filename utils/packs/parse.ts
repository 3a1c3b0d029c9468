/**
 * parsePackText: a pack file's text (JSON, or YAML for the pack tools and imports) to a validated
 * pack. Guards come first: size, then a parser with alias limits against YAML bombs.
 */
import { parseDocument } from 'yaml';
import { issueMessage } from './issues';
import { MAX_PACK_BYTES } from './limits';
import { englishText, msg, packFailure, type PackMessage } from './messages';
import { sizeIssue, validatePack, type ValidationResult } from './validate';

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
  try {
    return { ok: true, value: JSON.parse(text), format: 'json' };
  } catch (err) {
    return failed(jsonError(text, err as Error));
  }
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
  const offset = Number(pos[1]);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return msg('pack_invalid_json_at', detail.replace(/\s*\(line \d+ column \d+\)/, ''), line, column);
}

function parseYaml(text: string, anyTop: boolean): ParsedText {
  let doc;
  try {
    doc = parseDocument(text, { uniqueKeys: true, merge: false, prettyErrors: true, schema: 'core' });
  } catch (err) {
    return failed(msg('pack_invalid_yaml', (err as Error).message));
  }
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    const detail = first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    const at = first.linePos?.[0];
    return failed(at ? msg('pack_invalid_yaml_at', detail, at.line, at.col) : msg('pack_invalid_yaml', detail));
  }
  try {
    const value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    if (!anyTop && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      return failed(msg('pack_not_object_top'));
    }
    return { ok: true, value, format: 'yaml' };
  } catch (err) {
    const detail = (err as Error).message;
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
