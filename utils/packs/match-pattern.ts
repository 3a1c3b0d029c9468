/**
 * WebExtension match patterns (https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns):
 * `<all_urls>` or `<scheme>://<host><path>`, scheme `*`, http, https, file, ftp, urn;
 * host `*`, `*.<domain>` or an exact host (optionally with a port); path starting with `/`.
 */
import { englishText, msg, type PackMessage } from './messages';

/** Why a pattern is invalid, in English, or null when it is a valid match pattern. */
export function matchPatternProblem(pattern: string): string | null {
  const problem = matchPatternMessage(pattern);
  return problem ? englishText(problem) : null;
}

/** Why a pattern is invalid, as data, or null when it is a valid match pattern. */
export function matchPatternMessage(pattern: string): PackMessage | null {
  if (pattern === '<all_urls>') return null;
  const m = /^([a-z*]+):\/\/([^/]*)(\/.*)?$/.exec(pattern);
  if (!m) {
    if (/^file:\/\/\//.test(pattern)) return null;
    return msg('pack_pattern_shape');
  }
  const [, scheme, host, path] = m;
  if (!['*', 'http', 'https', 'ftp', 'urn', 'file'].includes(scheme)) {
    return msg('pack_pattern_scheme', scheme);
  }
  if (path === undefined) return msg('pack_pattern_no_path');
  if (scheme === 'file') return host === '' ? null : msg('pack_pattern_file_host');
  if (host === '') return msg('pack_pattern_no_host');
  if (host === '*') return null;
  const hostOnly = host.replace(/:(\d+|\*)$/, '');
  const rest = hostOnly.startsWith('*.') ? hostOnly.slice(2) : hostOnly;
  if (rest.includes('*')) return msg('pack_pattern_star');
  if (!/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*)$/.test(rest)) return msg('pack_pattern_host', host);
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
