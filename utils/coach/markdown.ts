/**
 * The Markdown tree types and the link rule, where the coach has always imported them from.
 * Parsing happens in the background (utils/packs/markdown.ts); the overlay renders trees only.
 */
export { safeHref, type MdBlock, type MdInline } from '../markdown-tree';
