/**
 * validatePack: the one gate every pack passes (file, URL, policy, built-in, CLI). A pack that
 * fails is refused whole; the messages name the JSON path and the rule, at most MAX_ERRORS.
 */
import { z } from 'zod';
import { crossCheckPack } from './cross-checks';
import { formatIssue, type JsonPath, type PackIssue, valueAt } from './issues';
import { MAX_DEPTH, MAX_ERRORS, MAX_PACK_BYTES } from './limits';
import { packSchema } from './schema';
import type { Pack } from './types';

export type ValidationResult = { ok: true; pack: Pack } | { ok: false; errors: string[] };
export type DetailedValidationResult = { ok: true; pack: Pack } | { ok: false; issues: PackIssue[] };

export function validatePack(input: unknown): ValidationResult {
  const result = validatePackDetailed(input);
  return result.ok ? result : { ok: false, errors: result.issues.map(formatIssue) };
}

/** As validatePack, with structured paths (the CLI maps them to lines). */
export function validatePackDetailed(input: unknown): DetailedValidationResult {
  const tooDeep = findTooDeep(input);
  if (tooDeep) {
    // Where the junk starts is enough; the full path would be MAX_DEPTH segments long.
    return { ok: false, issues: [{ path: tooDeep.slice(0, 6), message: `nested deeper than ${MAX_DEPTH} levels` }] };
  }

  const bytes = jsonBytes(input);
  if (bytes > MAX_PACK_BYTES) return { ok: false, issues: [sizeIssue(bytes)] };

  const parsed = packSchema.safeParse(input, { error: defaultMessage });
  if (!parsed.success) {
    const issues: PackIssue[] = [];
    for (const issue of parsed.error.issues) flatten(issue, input, [], issues);
    return { ok: false, issues: issues.slice(0, MAX_ERRORS) };
  }
  const pack = parsed.data as Pack;
  const cross = crossCheckPack(pack);
  if (cross.length > 0) return { ok: false, issues: cross.slice(0, MAX_ERRORS) };
  return { ok: true, pack };
}

export function sizeIssue(bytes: number): PackIssue {
  const mib = (bytes / (1024 * 1024)).toFixed(1);
  return { path: [], message: `pack is too large: ${mib} MiB (at most 2 MiB)` };
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

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  tuple: 'a list',
  record: 'an object',
};

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number' && !Number.isInteger(value)) return 'a fraction';
  return TYPE_NAMES[typeof value] ?? typeof value;
}

/** Messages for the rules that have no message of their own in the schema. */
function defaultMessage(iss: z.core.$ZodRawIssue): string {
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined) return 'required';
      return `expected ${TYPE_NAMES[iss.expected] ?? iss.expected}, found ${typeOf(iss.input)}`;
    case 'too_small': {
      const min = Number(iss.minimum);
      if (iss.origin === 'string') return min <= 1 ? 'must not be empty' : `at least ${min} characters`;
      if (iss.origin === 'array' || iss.origin === 'set') return `at least ${min} item${min === 1 ? '' : 's'}`;
      return iss.inclusive === false ? `must be greater than ${min}` : `must be at least ${min}`;
    }
    case 'too_big': {
      const max = Number(iss.maximum);
      if (iss.origin === 'string') return `at most ${max} characters`;
      if (iss.origin === 'array' || iss.origin === 'set') return `at most ${max} items`;
      return iss.inclusive === false ? `must be less than ${max}` : `must be at most ${max}`;
    }
    case 'invalid_value':
      return iss.values.length === 1
        ? `expected ${JSON.stringify(iss.values[0])}`
        : `expected one of ${iss.values.map((v) => String(v)).join(', ')}`;
    case 'invalid_format':
      return `invalid ${iss.format}`;
    case 'unrecognized_keys':
      return 'unknown key';
    case 'invalid_key':
      return 'invalid key';
    case 'invalid_union':
      return 'does not match any allowed form';
    default:
      return 'invalid value';
  }
}

type AnyIssue = z.core.$ZodIssue;

/** Turns zod issues into PackIssues; for a union, reports the branch the value was clearly meant as. */
function flatten(issue: AnyIssue, root: unknown, base: JsonPath, out: PackIssue[]): void {
  const path: JsonPath = [...base, ...(issue.path as JsonPath)];
  // A missing key reads better as "required" than as the list of forms it could take.
  if ((issue.code === 'invalid_union' || issue.code === 'invalid_value') && path.length > 0 && valueAt(root, path) === undefined) {
    out.push({ path, message: 'required' });
    return;
  }
  switch (issue.code) {
    case 'unrecognized_keys':
      for (const key of issue.keys) out.push({ path: [...path, key], message: 'unknown key' });
      return;
    case 'invalid_key':
      out.push({ path, message: issue.issues.map((i) => i.message).join('; ') });
      return;
    case 'invalid_union': {
      const value = valueAt(root, path);
      const branch = meantBranch(issue.errors, value);
      if (branch) for (const inner of branch) flatten(inner, root, path, out);
      else out.push({ path, message: issue.message });
      return;
    }
    default:
      out.push({ path, message: issue.message });
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
