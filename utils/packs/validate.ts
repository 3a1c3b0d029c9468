/**
 * validatePack: the one gate every pack passes (file, URL, policy, built-in, CLI). A pack that
 * fails is refused whole; the messages name the JSON path and the rule, at most MAX_ERRORS.
 */
import { z } from 'zod';
import { crossCheckPack } from './cross-checks';
import { issueMessage, type JsonPath, type PackIssue, packIssue, valueAt } from './issues';
import { MAX_DEPTH, MAX_ERRORS, MAX_PACK_BYTES } from './limits';
import { decodeMessage, encodeMessage, msg, type PackFailure, packFailure, type PackMessage } from './messages';
import { packSchema } from './schema';
import type { Pack } from './types';

/** A refusal's `errors` (English) and `problems` (data) each name the JSON path. */
export type ValidationResult = { ok: true; pack: Pack } | PackFailure;
export type DetailedValidationResult = { ok: true; pack: Pack } | { ok: false; issues: PackIssue[] };

export function validatePack(input: unknown): ValidationResult {
  const result = validatePackDetailed(input);
  return result.ok ? result : failureOf(result.issues);
}

function failureOf(issues: PackIssue[]): PackFailure {
  return packFailure(issues.map(issueMessage));
}

/** As validatePack, with structured paths (the CLI maps them to lines). */
export function validatePackDetailed(input: unknown): DetailedValidationResult {
  const tooDeep = findTooDeep(input);
  if (tooDeep) {
    // Where the junk starts is enough; the full path would be MAX_DEPTH segments long.
    return { ok: false, issues: [packIssue(tooDeep.slice(0, 6), msg('pack_too_deep', MAX_DEPTH))] };
  }

  const bytes = jsonBytes(input);
  if (bytes > MAX_PACK_BYTES) return { ok: false, issues: [sizeIssue(bytes)] };

  const parsed = packSchema.safeParse(input, { error: (iss) => encodeMessage(defaultMessage(iss)) });
  if (!parsed.success) {
    const issues: PackIssue[] = [];
    for (const issue of parsed.error.issues) flatten(issue, input, [], issues);
    return { ok: false, issues: issues.slice(0, MAX_ERRORS) };
  }
  const pack: Pack = parsed.data;
  const cross = crossCheckPack(pack);
  if (cross.length > 0) return { ok: false, issues: cross.slice(0, MAX_ERRORS) };
  return { ok: true, pack };
}

export function sizeIssue(bytes: number): PackIssue {
  const mib = (bytes / (1024 * 1024)).toFixed(1);
  return packIssue([], msg('pack_too_large', mib));
}

function jsonBytes(input: unknown): number {
  try {
    const text = JSON.stringify(input) ?? '';
    // UTF-8 length without allocating a second copy.
    let bytes = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) bytes += 1;
      else if (c < 0x800) bytes += 2;
      else if (c >= 0xd800 && c < 0xdc00) {
        bytes += 4;
        i++;
      } else bytes += 3;
    }
    return bytes;
  } catch {
    return Infinity;
  }
}

/** Path of the first value nested more than MAX_DEPTH levels deep (iterative: junk cannot blow the stack). */
function findTooDeep(input: unknown): JsonPath | null {
  const stack: { value: unknown; path: JsonPath }[] = [{ value: input, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (path.length >= MAX_DEPTH) return path;
    if (Array.isArray(value)) value.forEach((v, i) => stack.push({ value: v, path: [...path, i] }));
    else for (const [k, v] of Object.entries(value)) stack.push({ value: v, path: [...path, k] });
  }
  return null;
}

/** Type names people read ("a string", "a list"), by zod's type name. */
const TYPE_KEYS: Record<string, string> = {
  string: 'pack_type_string',
  number: 'pack_type_number',
  int: 'pack_type_int',
  boolean: 'pack_type_boolean',
  object: 'pack_type_object',
  array: 'pack_type_list',
  tuple: 'pack_type_list',
  record: 'pack_type_object',
};

function typeName(name: string): PackMessage | string {
  return TYPE_KEYS[name] ? msg(TYPE_KEYS[name]) : name;
}

function typeOf(value: unknown): PackMessage | string {
  if (value === null) return msg('pack_type_null');
  if (Array.isArray(value)) return msg('pack_type_list');
  if (typeof value === 'number' && !Number.isInteger(value)) return msg('pack_type_fraction');
  return typeName(typeof value);
}

/** Messages for the rules that have no message of their own in the schema. */
function defaultMessage(iss: z.core.$ZodRawIssue): PackMessage {
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined) return msg('pack_required');
      return msg('pack_expected_type', typeName(iss.expected), typeOf(iss.input));
    case 'too_small': {
      const min = Number(iss.minimum);
      if (iss.origin === 'string') return min <= 1 ? msg('pack_not_empty') : msg('pack_min_chars', min);
      if (iss.origin === 'array' || iss.origin === 'set') return min === 1 ? msg('pack_min_items_one') : msg('pack_min_items', min);
      return msg(iss.inclusive === false ? 'pack_min_number_exclusive' : 'pack_min_number', min);
    }
    case 'too_big': {
      const max = Number(iss.maximum);
      if (iss.origin === 'string') return msg('pack_max_chars', max);
      if (iss.origin === 'array' || iss.origin === 'set') return msg('pack_max_items', max);
      return msg(iss.inclusive === false ? 'pack_max_number_exclusive' : 'pack_max_number', max);
    }
    case 'invalid_value':
      return iss.values.length === 1
        ? msg('pack_expected_value', JSON.stringify(iss.values[0]))
        : msg('pack_expected_one_of', iss.values.map((v) => String(v)).join(', '));
    case 'invalid_format':
      return msg('pack_invalid_format', iss.format);
    case 'unrecognized_keys':
      return msg('pack_unknown_key');
    case 'invalid_key':
      return msg('pack_invalid_key');
    case 'invalid_union':
      return msg('pack_no_form');
    default:
      return msg('pack_invalid_value');
  }
}

type AnyIssue = z.core.$ZodIssue;

/** Turns zod issues into PackIssues; for a union, reports the branch the value was clearly meant as. */
function flatten(issue: AnyIssue, root: unknown, base: JsonPath, out: PackIssue[]): void {
  const path: JsonPath = [...base, ...(issue.path as JsonPath)];
  // A missing key reads better as "required" than as the list of forms it could take.
  if ((issue.code === 'invalid_union' || issue.code === 'invalid_value') && path.length > 0 && valueAt(root, path) === undefined) {
    out.push(packIssue(path, msg('pack_required')));
    return;
  }
  switch (issue.code) {
    case 'unrecognized_keys':
      for (const key of issue.keys) out.push(packIssue([...path, key], msg('pack_unknown_key')));
      return;
    case 'invalid_key':
      out.push(packIssue(path, msg('pack_list', issue.issues.map((i) => decodeMessage(i.message)))));
      return;
    case 'invalid_union': {
      const value = valueAt(root, path);
      const branch = meantBranch(issue.errors, value);
      if (branch) for (const inner of branch) flatten(inner, root, path, out);
      else out.push(packIssue(path, decodeMessage(issue.message)));
      return;
    }
    default:
      out.push(packIssue(path, decodeMessage(issue.message)));
  }
}

/**
 * The union branch a value was meant as: the one whose problems all sit below the value's own
 * keys (no unknown or missing-in-kind keys at its top). None when the value is not an object.
 */
function meantBranch(branches: AnyIssue[][], value: unknown): AnyIssue[] | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  if (Object.keys(value).length === 0) return null;
  return branches.find((issues) => issues.every((i) => i.path.length > 0)) ?? null;
}
