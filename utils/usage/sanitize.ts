/**
 * Validation of events arriving from content scripts and pages. Only the known keys survive,
 * each checked against a narrow shape and a length cap, so a buggy or hostile sender cannot
 * store arbitrary text (and so cannot store customer data).
 */
import { PAGE_KINDS, type PageKind } from '../crm/types';
import { EVENT_KINDS, type EventKind, type UsageEvent } from './types';

export const LIMITS = {
  id: 100,
  label: 100,
  maxPoints: 1000,
  /** Events dated further than this in the future are clamped to now. */
  futureSkewMs: 24 * 60 * 60 * 1000,
} as const;

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9:._/-]{0,99}$/;
const PACK_ID_RE = /^[a-z0-9-]{1,64}$/;
const ITEM_ID_RE = /^[a-z0-9._-]{1,64}$/;
const CRM_RE = /^[A-Za-z0-9._-]{1,64}$/;
const RECORD_KEY_RE = /^[A-Za-z0-9_+/=-]{4,128}$/;
// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

const KINDS = new Set<string>(EVENT_KINDS);
const PAGES = new Set<string>(PAGE_KINDS);

export interface SanitizeOptions {
  /** Accept milestone.done (only the background makes these; senders may not). */
  trusted?: boolean;
  /** Clock for clamping future timestamps. */
  now?: number;
}

/** An e-mail address anywhere in a label: customer data, never an object or field name. */
const EMAIL_RE = /[^\s@]+@[^\s@]+\.[^\s@]+/;

/**
 * A label (object or field name): trimmed, control characters removed, capped. Undefined for one
 * holding an e-mail address, and for a name every JavaScript object already has (`constructor`,
 * `__proto__`, `toString`): counted by label, it would corrupt the count maps.
 */
export function cleanLabel(value: unknown, max: number = LIMITS.label): string | undefined {
  if (typeof value !== 'string') return undefined;
  const s = value.replace(CONTROL_RE, ' ').replace(/\s+/g, ' ').trim().slice(0, max);
  if (s.length === 0 || EMAIL_RE.test(s) || s in Object.prototype) return undefined;
  return s;
}

function match(value: unknown, re: RegExp): string | undefined {
  return typeof value === 'string' && re.test(value) ? value : undefined;
}

/** Integer points in [0, LIMITS.maxPoints]; undefined when not a number. */
export function cleanPoints(value: unknown): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  return Math.min(LIMITS.maxPoints, Math.max(0, Math.round(value)));
}

/**
 * Returns a clean copy of one event, or null when it cannot be stored (not an object,
 * unknown kind, missing or malformed id or time). Optional keys that fail their check are
 * dropped rather than failing the event.
 */
export function sanitizeEvent(input: unknown, opts: SanitizeOptions = {}): UsageEvent | null {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return null;
  const r = input as Record<string, unknown>;
  if (typeof r.kind !== 'string' || !KINDS.has(r.kind)) return null;
  const kind = r.kind as EventKind;
  if (kind === 'milestone.done' && !opts.trusted) return null;
  const id = match(r.id, ID_RE);
  if (!id) return null;
  if (typeof r.at !== 'number' || !Number.isFinite(r.at) || r.at <= 0) return null;
  const now = opts.now ?? Date.now();
  const at = r.at > now + LIMITS.futureSkewMs ? now : Math.round(r.at);

  const e: UsageEvent = { id, at, kind };
  const packId = match(r.packId, PACK_ID_RE);
  if (packId) e.packId = packId;
  const itemId = match(r.itemId, ITEM_ID_RE);
  if (itemId) e.itemId = itemId;
  const crm = match(r.crm, CRM_RE);
  if (crm) e.crm = crm;
  const object = cleanLabel(r.object);
  if (object) e.object = object;
  if (typeof r.page === 'string' && PAGES.has(r.page)) e.page = r.page as PageKind;
  const points = cleanPoints(r.points);
  if (points !== undefined) e.points = points;
  const recordKey = match(r.recordKey, RECORD_KEY_RE);
  if (recordKey) e.recordKey = recordKey;
  const field = cleanLabel(r.field);
  if (field) e.field = field;
  if (typeof r.helpful === 'boolean') e.helpful = r.helpful;
  if (typeof r.snooze === 'boolean') e.snooze = r.snooze;
  return e;
}

/** Splits a batch into clean events and the ids (when readable) of rejected ones. */
export function sanitizeBatch(
  input: unknown,
  opts: SanitizeOptions = {},
): { events: UsageEvent[]; rejected: string[] } {
  const events: UsageEvent[] = [];
  const rejected: string[] = [];
  if (!Array.isArray(input)) return { events, rejected };
  for (const raw of input) {
    const e = sanitizeEvent(raw, opts);
    if (e) events.push(e);
    else {
      const id = (raw as { id?: unknown } | null)?.id;
      if (typeof id === 'string' && id.length <= LIMITS.id) rejected.push(id);
    }
  }
  return { events, rejected };
}
