/**
 * The Markdown trees of the current coach state, by source text (CoachState.bodies, parsed in
 * the background). The content script registers them when state arrives, the way it registers
 * UI string catalogs; <Markdown source> looks its tree up here. No parser on the page.
 */
import type { MdBlock } from '@/utils/markdown-tree';

/**
 * On the realm's global, not in this module: the content script registers the trees and the
 * on-demand overlay script (another bundle in the same isolated world) reads them, as with the
 * string catalogs (utils/i18n.ts).
 */
const shared = globalThis as { [key: symbol]: { trees: Map<string, MdBlock[]> } | undefined };
const TREES = Symbol.for('crm-coach.markdown-trees');
const state = (shared[TREES] ??= { trees: new Map() });

/** Replaces the known trees with a state's (a missing or malformed map clears them). */
export function setMarkdownTrees(bodies: Record<string, MdBlock[]> | undefined): void {
  const next = new Map<string, MdBlock[]>();
  if (bodies && typeof bodies === 'object') {
    for (const [text, tree] of Object.entries(bodies)) if (Array.isArray(tree)) next.set(text, tree);
  }
  state.trees = next;
}

/** The tree of a body text, or undefined when the state did not carry one. */
export function markdownTree(source: string): MdBlock[] | undefined {
  return state.trees.get(source);
}
