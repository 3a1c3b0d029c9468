/**
 * What the built-in readers with a thin-evidence placeholder list (Zoho, Pipedrive) count as "no
 * value", as the packs say it (`crms.<id>.emptyText`; docs/adapters.md "Empty placeholders").
 * Pure.
 */
import type { Pack } from '../packs/types';
import type { AdapterContext } from './types';

/**
 * The packs' `crms.<id>.emptyText` lists, per CRM id: a pack's list replaces the reader's default,
 * and when several packs set one for the same CRM, a text any of them lists counts as empty.
 * Undefined when no pack sets one (every reader keeps its default).
 */
export function packEmptyTexts(packs: readonly Pack[]): AdapterContext['emptyTexts'] {
  let out: Record<string, string[]> | undefined;
  for (const pack of packs) {
    for (const [crm, reading] of Object.entries(pack.crms ?? {})) {
      if (!reading) continue;
      out ??= {};
      const list = (out[crm] ??= []);
      for (const text of reading.emptyText) if (!list.includes(text)) list.push(text);
    }
  }
  return out;
}
