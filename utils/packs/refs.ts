/**
 * Item references, the one implementation (docs/pack-format.md, "Top level": items are addressed
 * globally as `<packId>/<itemId>`). Pack ids cannot hold a `/`, so the first `/` splits a key.
 */
import type { Pack, Snippet } from './types';

/** The global key of an item: `<packId>/<itemId>`. Item state, events and data-coach-* use it. */
export function itemKey(packId: string, itemId: string): string {
  return `${packId}/${itemId}`;
}

/**
 * The global key a reference inside pack `fromPackId` names: `packId/itemId` as written, or a
 * bare `itemId` in the same pack (`learnMore.snippet`, milestone `done.snippet` / `done.tour`).
 */
export function refKey(fromPackId: string, ref: string): string {
  return ref.includes('/') ? ref : itemKey(fromPackId, ref);
}

/** The pack id and item id of a reference made inside pack `fromPackId`. */
export function splitRef(fromPackId: string, ref: string): { packId: string; itemId: string } {
  const slash = ref.indexOf('/');
  return slash >= 0 ? { packId: ref.slice(0, slash), itemId: ref.slice(slash + 1) } : { packId: fromPackId, itemId: ref };
}

export interface SnippetRef {
  packId: string;
  snippet: Snippet;
}

/** The installed snippet a reference made inside pack `fromPackId` names; null when there is none. */
export function resolveSnippetRef(ref: string, fromPackId: string, packs: readonly Pack[]): SnippetRef | null {
  const { packId, itemId } = splitRef(fromPackId, ref);
  const pack = packs.find((p) => p.id === packId);
  const snippet = pack?.snippets?.find((s) => s.id === itemId);
  return pack && snippet ? { packId: pack.id, snippet } : null;
}

/** Every snippet of the packs, in pack order. */
export function allSnippets(packs: readonly Pack[]): SnippetRef[] {
  return packs.flatMap((p) => (p.snippets ?? []).map((snippet) => ({ packId: p.id, snippet })));
}
