/**
 * parsePackText: a pack file's text (JSON, or YAML for the pack tools and imports) to a validated
 * pack. Guards come first: size, then a parser with alias limits against YAML bombs.
 */
import { parseDocument } from 'yaml';
import { formatIssue } from './issues';
import { MAX_PACK_BYTES } from './limits';
import { sizeIssue, validatePack, type ValidationResult } from './validate';

export type ParsedText = { ok: true; value: unknown; format: 'json' | 'yaml' } | { ok: false; error: string };

/** YAML aliases allowed in one document: enough for real reuse, far too few for a "billion laughs". */
export const MAX_YAML_ALIASES = 100;

export function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Reads JSON or YAML text into a value; the error says what was wrong and where. */
export function parseDataText(rawText: string, fileName?: string, options: { anyTop?: boolean } = {}): ParsedText {
  const text = rawText.replace(/^\uFEFF/, '');
  const bytes = utf8Bytes(text);
  if (bytes > MAX_PACK_BYTES) return { ok: false, error: formatIssue(sizeIssue(bytes)) };
  const trimmed = text.trimStart();
  if (trimmed === '') return { ok: false, error: 'the file is empty: expected a pack in JSON (or YAML)' };
  if (trimmed.startsWith('<')) {
    return { ok: false, error: 'not a pack: this looks like HTML or XML; expected a pack in JSON (or YAML)' };
  }
  const ext = fileName?.toLowerCase().match(/\.([a-z]+)$/)?.[1];
  const asJson = ext === 'json' || (ext !== 'yaml' && ext !== 'yml' && /^[{[]/.test(trimmed));
  if (asJson) return parseJson(text);
  return parseYaml(text, options.anyTop === true);
}

function parseJson(text: string): ParsedText {
  try {
    return { ok: true, value: JSON.parse(text), format: 'json' };
  } catch (err) {
    return { ok: false, error: `not valid JSON: ${jsonErrorWhere(text, err as Error)}` };
  }
}

/** Node/V8 say "at position N"; people want line and column. */
function jsonErrorWhere(text: string, err: Error): string {
  const msg = err.message.replace(/^JSON\.parse: /, '');
  const pos = /position (\d+)/.exec(msg);
  if (!pos) return msg;
  const offset = Number(pos[1]);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `${msg.replace(/\s*\(line \d+ column \d+\)/, '')} (line ${line}, column ${column})`;
}

function parseYaml(text: string, anyTop: boolean): ParsedText {
  let doc;
  try {
    doc = parseDocument(text, { uniqueKeys: true, merge: false, prettyErrors: true, schema: 'core' });
  } catch (err) {
    return { ok: false, error: `not valid YAML: ${(err as Error).message}` };
  }
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    const where = first.linePos?.[0] ? ` (line ${first.linePos[0].line}, column ${first.linePos[0].col})` : '';
    return { ok: false, error: `not valid YAML: ${first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}${where}` };
  }
  try {
    const value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    if (!anyTop && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      return { ok: false, error: 'not a pack: expected a JSON object or a YAML mapping at the top' };
    }
    return { ok: true, value, format: 'yaml' };
  } catch (err) {
    const msg = (err as Error).message;
    if (/alias/i.test(msg)) {
      return { ok: false, error: `refused: too many YAML aliases (at most ${MAX_YAML_ALIASES}); the file looks like a YAML bomb` };
    }
    return { ok: false, error: `not valid YAML: ${msg}` };
  }
}

/** JSON or YAML text to a validated pack. */
export function parsePackText(text: string, fileName?: string): ValidationResult {
  const parsed = parseDataText(text, fileName);
  if (!parsed.ok) return { ok: false, errors: [parsed.error] };
  return validatePack(parsed.value);
}
