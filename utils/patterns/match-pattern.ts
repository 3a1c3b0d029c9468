/**
 * WebExtension match patterns, the one implementation for the content script, the background,
 * the popup and the CLI (pack `when.url` and `sites[].match`, the built-in CRM hosts). Grammar
 * (https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns):
 *
 *   <all_urls> | <scheme>://<host>[:<port>]<path>
 *   scheme: * (http or https) | http | https | ws | wss | ftp | urn | file
 *   host:   * | *.<host> (the host and its subdomains) | <host>; empty for file
 *   port:   digits | * (no port: any port)
 *   path:   / followed by anything; * in the path is any run of characters
 *
 * Case (docs/packs.md "Patterns"): scheme and host compare case-insensitively (URLs lowercase
 * them); the path is case-sensitive, as browsers match it, against the URL's path and query
 * (never the #fragment). The path glob matches in linear time (utils/patterns/glob.ts).
 * Pure and free of message catalogs so the content script can carry it; validation words the
 * problems (utils/packs/match-pattern.ts).
 */
import { compileGlob, globMatches, type Glob } from './glob';

const SCHEMES = ['*', 'http', 'https', 'ws', 'wss', 'ftp', 'urn', 'file'] as const;
const ALL_URL_SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:', 'file:']);

export interface ParsedPattern {
  /** `*` or a scheme without the colon; null for <all_urls>. */
  scheme: string | null;
  /** Lowercase; `*` any host; a leading `*.` the host and its subdomains. */
  host: string;
  /** Digits, `*`, or null (any port). */
  port: string | null;
  path: Glob;
}

/** Why a pattern is not a match pattern (worded by utils/packs/match-pattern.ts). */
export type PatternProblem =
  | { code: 'shape' }
  | { code: 'scheme'; scheme: string }
  | { code: 'no_path' }
  | { code: 'file_host' }
  | { code: 'no_host' }
  | { code: 'star' }
  | { code: 'host'; host: string };

export type PatternParse = { ok: true; pattern: ParsedPattern } | { ok: false; problem: PatternProblem };

const HOST_RE = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*)$/;

export function parseMatchPattern(pattern: string): PatternParse {
  if (pattern === '<all_urls>') return { ok: true, pattern: { scheme: null, host: '*', port: null, path: ['', ''] } };
  const sep = pattern.indexOf('://');
  if (sep <= 0) return { ok: false, problem: { code: 'shape' } };
  const scheme = pattern.slice(0, sep).toLowerCase();
  if (!/^[a-z*]+$/.test(scheme)) return { ok: false, problem: { code: 'shape' } };
  if (!(SCHEMES as readonly string[]).includes(scheme)) return { ok: false, problem: { code: 'scheme', scheme } };
  const rest = pattern.slice(sep + 3);
  const slash = rest.indexOf('/');
  if (slash < 0) return { ok: false, problem: { code: 'no_path' } };
  const hostPort = rest.slice(0, slash);
  const path = compileGlob(rest.slice(slash));
  if (scheme === 'file') {
    if (hostPort !== '') return { ok: false, problem: { code: 'file_host' } };
    return { ok: true, pattern: { scheme, host: '', port: null, path } };
  }
  if (hostPort === '') return { ok: false, problem: { code: 'no_host' } };
  const portMatch = /:(\d{1,5}|\*)$/.exec(hostPort);
  const port = portMatch ? portMatch[1] : null;
  const host = (portMatch ? hostPort.slice(0, portMatch.index) : hostPort).toLowerCase();
  if (host === '*') return { ok: true, pattern: { scheme, host, port, path } };
  const bare = host.startsWith('*.') ? host.slice(2) : host;
  if (bare.includes('*')) return { ok: false, problem: { code: 'star' } };
  if (!HOST_RE.test(bare)) return { ok: false, problem: { code: 'host', host: hostPort } };
  return { ok: true, pattern: { scheme, host, port, path } };
}

const cache = new Map<string, ParsedPattern | null>();
const CACHE_MAX = 500;

/** The parsed pattern (cached), or null when it is not a match pattern. */
export function compileMatchPattern(pattern: string): ParsedPattern | null {
  let hit = cache.get(pattern);
  if (hit === undefined) {
    const parsed = parseMatchPattern(pattern);
    hit = parsed.ok ? parsed.pattern : null;
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(pattern, hit);
  }
  return hit;
}

function effectivePort(u: URL): string {
  if (u.port) return u.port;
  if (u.protocol === 'https:' || u.protocol === 'wss:') return '443';
  if (u.protocol === 'http:' || u.protocol === 'ws:') return '80';
  if (u.protocol === 'ftp:') return '21';
  return '';
}

function hostMatches(host: string, hostname: string): boolean {
  if (host === '*') return true;
  if (host.startsWith('*.')) {
    const base = host.slice(2);
    return hostname === base || hostname.endsWith('.' + base);
  }
  return hostname === host;
}

/** True when a parsed pattern matches a parsed URL. */
export function patternMatchesUrl(p: ParsedPattern, u: URL): boolean {
  const protocol = u.protocol.toLowerCase();
  if (p.scheme === null) return ALL_URL_SCHEMES.has(protocol);
  if (p.scheme === '*' ? protocol !== 'http:' && protocol !== 'https:' : protocol !== `${p.scheme}:`) return false;
  if (p.scheme !== 'file') {
    if (!hostMatches(p.host, u.hostname.toLowerCase())) return false;
    if (p.port !== null && p.port !== '*' && effectivePort(u) !== p.port) return false;
  }
  return globMatches(p.path, u.pathname + u.search);
}

function toUrl(url: URL | string): URL | null {
  if (typeof url !== 'string') return url;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True when the URL matches the pattern. An invalid pattern or URL matches nothing. */
export function matchesPattern(pattern: string, url: URL | string): boolean {
  const p = compileMatchPattern(pattern);
  const u = p && toUrl(url);
  return !!p && !!u && patternMatchesUrl(p, u);
}

/** True when the URL matches any of the patterns. */
export function matchesAny(patterns: readonly string[], url: URL | string): boolean {
  const u = toUrl(url);
  return !!u && patterns.some((p) => matchesPattern(p, u));
}

/**
 * The origin pattern to request as a host permission for a match pattern (permissions ignore
 * the path): `https://crm.acme.example/*`. Null for an invalid pattern.
 */
export function originOfPattern(pattern: string): string | null {
  if (pattern === '<all_urls>') return pattern;
  const p = compileMatchPattern(pattern);
  if (!p || p.scheme === null) return null;
  return `${p.scheme}://${p.host}/*`;
}
