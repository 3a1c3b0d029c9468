/**
 * The Markdown trees of the current coach state, by source text (CoachState.bodies, parsed in
 * the background). The content script registers them when state arrives, the way it registers
 * UI string catalogs; <Markdown source> looks its tree up here. No parser on the page.
 */
import type { MdBlock } from '@/utils/markdown-tree';

let trees = new Map<string, MdBlock[]>();

/** Replaces the known trees with a state's (a missing or malformed map clears them). */
export function setMarkdownTrees(bodies: Record<string, MdBlock[]> | undefined): void {
  const next = new Map<string, MdBlock[]>();
  if (bodies && typeof bodies === 'object') {
    for (const [text, tree] of Object.entries(bodies)) if (Array.isArray(tree)) next.set(text, tree);
  }
  trees = next;
}

/** The tree of a body text, or undefined when the state did not carry one. */
export function markdownTree(source: string): MdBlock[] | undefined {
  return trees.get(source);
}
