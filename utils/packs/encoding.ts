/**
 * How pack files become text: one decoding for every reader, and one test of the result. Kept
 * apart from the parser so the options page can decode a file without loading it.
 */

/**
 * A pack file's bytes as text, the one way every reader decodes them (options page, URL, CLI):
 * as UTF-8, whatever byte-order mark they start with. Chromium's File.text() follows a UTF-16
 * mark, fetch and the CLI do not: decoding here makes a UTF-16 file fail alike everywhere
 * (looksLikeUtf8Text) instead of installing by file only.
 */
export function decodePackBytes(bytes: ArrayBuffer | Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}

/**
 * False for text read from a file that is not UTF-8: every reader (file, URL, CLI) decodes bytes
 * as UTF-8, so UTF-16 or UTF-32 arrive with NUL characters (ASCII text) or replacement
 * characters (a byte-order mark, or bytes UTF-8 cannot read). One rule for every way in.
 */
export function looksLikeUtf8Text(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return !/[\u0000\uFFFD]/.test(text);
}
