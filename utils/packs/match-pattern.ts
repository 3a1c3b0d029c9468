/**
 * WebExtension match patterns (https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns):
 * `<all_urls>` or `<scheme>://<host><path>`, scheme `*`, http, https, file, ftp, urn;
 * host `*`, `*.<domain>` or an exact host (optionally with a port); path starting with `/`.
 */

/** Why a pattern is invalid, or null when it is a valid match pattern. */
export function matchPatternProblem(pattern: string): string | null {
  if (pattern === '<all_urls>') return null;
  const m = /^([a-z*]+):\/\/([^/]*)(\/.*)?$/.exec(pattern);
  if (!m) {
    if (/^file:\/\/\//.test(pattern)) return null;
    return 'expected <scheme>://<host>/<path>';
  }
  const [, scheme, host, path] = m;
  if (!['*', 'http', 'https', 'ftp', 'urn', 'file'].includes(scheme)) {
    return `scheme must be *, http or https (found "${scheme}")`;
  }
  if (path === undefined) return 'missing path (add "/*")';
  if (scheme === 'file') return host === '' ? null : 'file patterns have no host';
  if (host === '') return 'missing host';
  if (host === '*') return null;
  const hostOnly = host.replace(/:(\d+|\*)$/, '');
  const rest = hostOnly.startsWith('*.') ? hostOnly.slice(2) : hostOnly;
  if (rest.includes('*')) return '"*" in a host may only come first, followed by a dot';
  if (!/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*)$/.test(rest)) return `invalid host "${host}"`;
  return null;
}

export function isMatchPattern(pattern: string): boolean {
  return matchPatternProblem(pattern) === null;
}

/**
 * The origin pattern to request as a host permission for a match pattern
 * (permissions ignore the path): `https://crm.acme.example/*`.
 */
export function originOfPattern(pattern: string): string | null {
  if (pattern === '<all_urls>') return pattern;
  const m = /^([a-z*]+):\/\/([^/]*)\//.exec(pattern);
  if (!m) return null;
  return `${m[1]}://${m[2].replace(/:(\d+|\*)$/, '')}/*`;
}
