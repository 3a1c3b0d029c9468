/**
 * Tests a URL against a WebExtension match pattern (`<all_urls>` or `<scheme>://<host><path>`).
 * Scheme `*` means http or https; host `*` any host, `*.example.com` the domain and its
 * subdomains; an optional `:port` (or `:*`); with no port any port matches. The path glob is
 * matched against the URL's path and query, as browsers do. An invalid pattern matches nothing.
 */
const ALL_URL_SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:', 'file:']);
const cache = new Map<string, ((url: URL) => boolean) | null>();

export function matchesUrlPattern(pattern: string, url: string | URL): boolean {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return false;
  }
  let test = cache.get(pattern);
  if (test === undefined) {
    test = compile(pattern);
    if (cache.size > 200) cache.clear();
    cache.set(pattern, test);
  }
  return test ? test(parsed) : false;
}

function compile(pattern: string): ((url: URL) => boolean) | null {
  if (pattern === '<all_urls>') return (u) => ALL_URL_SCHEMES.has(u.protocol);
  const m = /^(\*|[a-z][a-z0-9+.-]*):\/\/([^/]*)(\/.*)$/.exec(pattern);
  if (!m) return null;
  const [, scheme, hostPart, path] = m;
  const schemeOk =
    scheme === '*' ? (p: string) => p === 'http:' || p === 'https:' : (p: string) => p === `${scheme}:`;
  if (scheme === 'file') {
    if (hostPart !== '') return null;
    const pathRe = glob(path);
    return (u) => u.protocol === 'file:' && pathRe.test(u.pathname + u.search);
  }
  if (hostPart === '') return null;
  const hp = /^(.*?)(?::(\d+|\*))?$/.exec(hostPart);
  if (!hp) return null;
  const host = hp[1].toLowerCase();
  const port = hp[2];
  if (host !== '*' && host.slice(host.startsWith('*.') ? 2 : 0).includes('*')) return null;
  const hostOk =
    host === '*'
      ? () => true
      : host.startsWith('*.')
        ? (h: string) => h === host.slice(2) || h.endsWith(host.slice(1))
        : (h: string) => h === host;
  const portOk =
    port === undefined || port === '*' ? () => true : (u: URL) => effectivePort(u) === port;
  const pathRe = glob(path);
  return (u) => schemeOk(u.protocol) && hostOk(u.hostname.toLowerCase()) && portOk(u) && pathRe.test(u.pathname + u.search);
}

function effectivePort(u: URL): string {
  if (u.port) return u.port;
  return u.protocol === 'https:' || u.protocol === 'wss:' ? '443' : u.protocol === 'http:' || u.protocol === 'ws:' ? '80' : '';
}

function glob(path: string): RegExp {
  const body = path
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`);
}
