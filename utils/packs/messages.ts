/**
 * Pack problems as data: a message key (a `pack_` string of public/_locales) and its arguments,
 * so the background, the store and the CLI can say what went wrong while each reader words it in
 * its own language. renderMessage turns one into text with any lookup: the options page passes
 * t() (the user's language), the CLI and logs use `english` (the en catalog).
 */
import enMessages from '../../public/_locales/en/messages.json';

/** An argument: plain text or a number (shown as is), a nested message, or several joined with "; ". */
export type MessageArg = string | number | PackMessage | PackMessage[];

export interface PackMessage {
  /** A `pack_` key of public/_locales/<lang>/messages.json. */
  key: string;
  args?: MessageArg[];
}

/** The template of a key (with $1, $2 ... unreplaced). */
export type Lookup = (key: string) => string;

export function msg(key: string, ...args: MessageArg[]): PackMessage {
  return args.length > 0 ? { key, args } : { key };
}

/** Text that has no message of its own (an engine's error text): shown as is in every language. */
export function rawMessage(text: string): PackMessage {
  return msg('pack_raw', text);
}

/** `tips[2].body: <problem>`; the path is written the same in every language. */
export function atPath(path: string, problem: PackMessage): PackMessage {
  return msg('pack_at_path', path, problem);
}

/** The text of a message. Substitution is one pass, so `$2` inside an argument stays as written. */
export function renderMessage(message: PackMessage, lookup: Lookup): string {
  const args = (message.args ?? []).map((arg) => renderArg(arg, lookup));
  return lookup(message.key).replace(/\$(\d)/g, (whole, n: string) => args[Number(n) - 1] ?? whole);
}

function renderArg(arg: MessageArg, lookup: Lookup): string {
  if (typeof arg === 'string') return arg;
  if (typeof arg === 'number') return String(arg);
  if (Array.isArray(arg)) return arg.map((m) => renderMessage(m, lookup)).join('; ');
  return renderMessage(arg, lookup);
}

const englishCatalog = enMessages as Record<string, { message: string } | undefined>;

/** The en catalog's templates: the CLI's words, stored `lastError` text and logs. */
export const english: Lookup = (key) => englishCatalog[key]?.message ?? key;

export function englishText(message: PackMessage): string {
  return renderMessage(message, english);
}

/** A refusal: `errors` in English (CLI, logs, policy error notes), `problems` the same as data. */
export interface PackFailure {
  ok: false;
  errors: string[];
  problems: PackMessage[];
}

export function packFailure(problems: PackMessage[]): PackFailure {
  return { ok: false, errors: problems.map(englishText), problems };
}

/** A message read from storage or a message reply: null unless it has the shape above. */
export function asPackMessage(value: unknown): PackMessage | null {
  return isMessage(value, 0) ? value : null;
}

function isMessage(value: unknown, depth: number): value is PackMessage {
  if (depth > 8 || value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const { key, args } = value as { key?: unknown; args?: unknown };
  if (typeof key !== 'string' || !key.startsWith('pack_')) return false;
  if (args === undefined) return true;
  return Array.isArray(args) && args.every((a) => isArg(a, depth + 1));
}

function isArg(value: unknown, depth: number): boolean {
  if (typeof value === 'string' || typeof value === 'number') return true;
  if (Array.isArray(value)) return value.every((m) => isMessage(m, depth));
  return isMessage(value, depth);
}

// zod carries its issue messages as strings: a PackMessage rides in one, marked, and comes back out.
const ENCODED = '\u0000pack-message:';

/** A message as a zod error string (schema refinements and the error map). */
export function encodeMessage(message: PackMessage): string {
  return ENCODED + JSON.stringify(message);
}

/** The message a zod issue carries; text zod wrote itself becomes a raw message. */
export function decodeMessage(text: string): PackMessage {
  if (text.startsWith(ENCODED)) {
    try {
      const decoded = asPackMessage(JSON.parse(text.slice(ENCODED.length)));
      if (decoded) return decoded;
    } catch {
      // fall through: shown as raw text
    }
  }
  return rawMessage(text);
}
