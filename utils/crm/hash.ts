/**
 * Salted local record keys: "once per record" bookkeeping without ever keeping a record id.
 * A fast synchronous 53-bit hash (two 32-bit multiply-xorshift lanes); not cryptographic, but
 * salted per install so the key cannot be looked up across installs, and the raw id never leaves
 * the content script.
 */

/** 53-bit hash of a string as a non-negative safe integer. */
export function hash53(input: string, seed = 0): number {
  let a = 0xdeadbeef ^ seed;
  let b = 0x41c6ce57 ^ seed;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    a = Math.imul(a ^ c, 0x9e3779b1);
    b = Math.imul(b ^ c, 0x5f356495);
    a = (a << 7) | (a >>> 25);
  }
  a = Math.imul(a ^ (a >>> 16), 0x85ebca6b) ^ Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
  b = Math.imul(b ^ (b >>> 16), 0x85ebca6b) ^ Math.imul(a ^ (a >>> 13), 0xc2b2ae35);
  return 0x200000 * (b >>> 11) + (a >>> 0);
}

/** The last key worked out: a page is read again and again for the same record. */
let last = { rawId: '', salt: '', key: '' };

/** The key a record is known by locally: never the raw id. */
export function recordKeyOf(rawId: string, salt: string): string {
  if (rawId !== last.rawId || salt !== last.salt || !last.key) last = { rawId, salt, key: 'rk_' + hash53(salt + '\u0000' + rawId).toString(36) };
  return last.key;
}
