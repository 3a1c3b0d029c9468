/**
 * WebExtension match patterns (`<scheme>://<host>/<path>`, `<all_urls>`), as used by pack
 * `sites[].match` and `when.url`. Pure; an invalid pattern matches nothing.
 */

const cache = new Map<string, RegExp | null>();

function escapeRe(s: string): string {
  return s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

/** Compile a match pattern to a RegExp over the full URL, or null when it is invalid. */
export function compileMatchPattern(pattern: string): RegExp | null {
  const hit = cache.get(pattern);
  if (hit !== undefined) return hit;
  let re: RegExp | null = null;
  if (pattern === '<all_urls>') {
    re = /^(https?|wss?|file|ftp):\/\//;
  } else {
    const m = /^(\*|https?|wss?|file|ftp):\/\/(\*|\*\.[^/*:]+|[^/*:]+)?(?::(\d+|\*))?(\/.*)$/.exec(pattern);
    if (m) {
      const [, scheme, host = '', port, path] = m;
      const schemeRe = scheme === '*' ? 'https?' : escapeRe(scheme);
      let hostRe: string;
      if (host === '*') hostRe = '[^/:]+';
      else if (host.startsWith('*.')) hostRe = '(?:[^/:]+\\.)?' + escapeRe(host.slice(2));
      else hostRe = escapeRe(host);
      const portRe = port === '*' ? '(?::\\d+)?' : port ? ':' + port : '(?::\\d+)?';
      const pathRe = path.split('*').map(escapeRe).join('.*');
      re = new RegExp('^' + schemeRe + ':\\/\\/' + hostRe + portRe + pathRe + '$', 'i');
    }
  }
  cache.set(pattern, re);
  return re;
}

/** True when the URL matches the pattern (query and hash are part of the path, as in browsers). */
export function matchesPattern(pattern: string, url: URL | string): boolean {
  const re = compileMatchPattern(pattern);
  if (!re) return false;
  const u = typeof url === 'string' ? url : url.href;
  const noHash = u.split('#')[0];
  return re.test(noHash);
}

/** True when the URL matches any of the patterns. */
export function matchesAny(patterns: readonly string[], url: URL | string): boolean {
  return patterns.some((p) => matchesPattern(p, url));
}
