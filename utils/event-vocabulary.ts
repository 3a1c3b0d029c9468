/**
 * Privacy by construction for pack sites (docs/packs.md "Sites and privacy"): an event from a
 * CRM that only a pack describes keeps its object only when it is in that site's vocabulary
 * (utils/crm/object-names.ts) and its field label only when an installed pack names that field;
 * any other field label is replaced by a salted hash (still one key per field, never the text).
 * Built-in CRMs report schema names read from known markup, so their events pass unchanged.
 * Runs in the background on every event a content script sends: a content script is not trusted
 * to have filtered.
 */
import { BUILTIN_CRMS } from './packs/limits';
import type { Pack, SiteDefinition } from './packs/types';
import { fieldNamesUsed } from './coach/signature';
import { siteObjectName } from './crm/object-names';
import { hash53 } from './crm/hash';
import type { UsageEvent } from './usage/types';

export interface Vocabulary {
  sites: Map<string, SiteDefinition>;
  /** Field names packs use, lower-cased. */
  fields: Set<string>;
}

export function packVocabulary(packs: readonly Pack[]): Vocabulary {
  const sites = new Map<string, SiteDefinition>();
  for (const p of packs) for (const s of p.sites ?? []) if (!sites.has(s.id)) sites.set(s.id, s);
  return { sites, fields: new Set(fieldNamesUsed(packs).map((f) => f.trim().toLowerCase())) };
}

/** A hashed stand-in for a label no pack names: `#` and a salted 53-bit hash. */
export function hashedLabel(label: string, salt: string): string {
  return '#' + hash53(`${salt}\u0000field\u0000${label}`).toString(36);
}

/** A pack-site event with a field label (the only kind that may need the salt). */
export function mayNeedHash(e: UsageEvent): boolean {
  return !!e.crm && e.field !== undefined && !(BUILTIN_CRMS as readonly string[]).includes(e.crm);
}

export function withKnownVocabulary(e: UsageEvent, vocab: Vocabulary, salt: string): UsageEvent {
  if (!e.crm || (BUILTIN_CRMS as readonly string[]).includes(e.crm)) return e;
  const out: UsageEvent = { ...e };
  const site = vocab.sites.get(e.crm);
  if (out.object !== undefined) {
    const name = site ? siteObjectName(site, out.object) : null;
    if (name) out.object = name;
    else delete out.object;
  }
  if (out.field !== undefined && !vocab.fields.has(out.field.trim().toLowerCase())) out.field = hashedLabel(out.field, salt);
  return out;
}
