/** Addressing items across packs. */
import type { Pack, Snippet } from '../packs/types';

export function itemKey(packId: string, itemId: string): string {
  return `${packId}/${itemId}`;
}

export interface SnippetRef {
  packId: string;
  snippet: Snippet;
}

/**
 * A `learnMore.snippet` reference: `packId/snippetId` in any installed pack, or a bare id in the
 * pack that holds the reference. Null when no such snippet is installed.
 */
export function resolveSnippetRef(ref: string, fromPackId: string, packs: readonly Pack[]): SnippetRef | null {
  const slash = ref.indexOf('/');
  const packId = slash >= 0 ? ref.slice(0, slash) : fromPackId;
  const id = slash >= 0 ? ref.slice(slash + 1) : ref;
  const pack = packs.find((p) => p.id === packId);
  const snippet = pack?.snippets?.find((s) => s.id === id);
  return pack && snippet ? { packId: pack.id, snippet } : null;
}

/** Every snippet of the packs, in pack order. */
export function allSnippets(packs: readonly Pack[]): SnippetRef[] {
  return packs.flatMap((p) => (p.snippets ?? []).map((snippet) => ({ packId: p.id, snippet })));
}
