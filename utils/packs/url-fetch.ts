/**
 * Fetching a pack URL with a conditional request (If-None-Match / If-Modified-Since), a size cap
 * and a timeout. Credentials are never sent; only the URL the user or the policy added is fetched.
 */
import { MAX_PACK_BYTES } from './limits';
import { englishText, msg, type PackMessage } from './messages';
import { decodePackBytes } from './encoding';
import { displayUrl, packUrlMessage, redirectMessage } from './store-logic';

export type FetchResult =
  | { status: 'not-modified' }
  | { status: 'ok'; text: string; etag?: string; lastModified?: string }
  | { status: 'error'; error: PackMessage };

export interface Validators {
  etag?: string;
  lastModified?: string;
}

const TIMEOUT_MS = 30_000;
/** Redirects followed at most, each checked before it is requested. */
export const MAX_REDIRECTS = 5;
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);

/** Why a fetch that threw may have failed: the extension reads pack servers with CORS. */
export const FETCH_FAILED_HINT = englishText(msg('pack_fetch_hint'));

export async function fetchPackUrl(
  url: string,
  prev: Validators = {},
  fetchImpl: typeof fetch = (...args) => fetch(...args),
): Promise<FetchResult> {
  const result = await fetchOnce(url, prev, fetchImpl);
  // The conditional headers make the request need a CORS preflight, which many servers that send
  // Access-Control-Allow-Origin do not answer: then ask again without them (a full download).
  if ('networkError' in result && (prev.etag || prev.lastModified)) {
    return strip(await fetchOnce(url, {}, fetchImpl));
  }
  return strip(result);
}

type Attempt = FetchResult | { status: 'error'; error: PackMessage; networkError: true };

function strip(result: Attempt): FetchResult {
  return result.status === 'error' ? { status: 'error', error: result.error } : result;
}

async function fetchOnce(url: string, prev: Validators, fetchImpl: typeof fetch): Promise<Attempt> {
  const problem = packUrlMessage(url);
  if (problem) return { status: 'error', error: problem };
  const headers: Record<string, string> = { Accept: 'application/json, application/yaml;q=0.9, */*;q=0.5' };
  if (prev.etag) headers['If-None-Match'] = prev.etag;
  if (prev.lastModified) headers['If-Modified-Since'] = prev.lastModified;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    // no-store: the browser cache must not answer for the server, so a 304 reaches us as a 304.
    // Redirects are never followed by the browser ('manual'): a pack asked for over https: must
    // never cause a request to plain http:, so each hop is checked before it is requested
    // (docs/packs.md, 4.2). Where the browser hides a redirect's target (Chromium answers an
    // opaque redirect to an extension), the URL is refused with the final-address workaround.
    let current = url;
    let res: Response;
    for (let hop = 0; ; hop++) {
      res = await fetchImpl(current, { headers, cache: 'no-store', credentials: 'omit', redirect: 'manual', signal: controller.signal });
      const hidden = res.type === 'opaqueredirect';
      if (!hidden && !REDIRECT_STATUS.has(res.status)) break;
      await res.body?.cancel().catch(() => undefined);
      const location = hidden ? null : res.headers.get('location');
      if (!location) return { status: 'error', error: msg('pack_url_redirect_hidden', displayUrl(current)) };
      let next: string;
      try {
        next = new URL(location, current).href;
      } catch {
        return { status: 'error', error: msg('pack_url_redirect', displayUrl(location)) };
      }
      const refused = redirectMessage(current, next);
      if (refused) return { status: 'error', error: refused };
      if (hop + 1 > MAX_REDIRECTS) return { status: 'error', error: msg('pack_url_redirect_loop', MAX_REDIRECTS) };
      current = next;
    }
    // Defence in depth: a fetch that followed a redirect anyway is checked on its final URL.
    const redirected = redirectMessage(current, res.url || current);
    if (redirected) {
      await res.body?.cancel().catch(() => undefined);
      return { status: 'error', error: redirected };
    }
    if (res.status === 304) return { status: 'not-modified' };
    if (!res.ok) return { status: 'error', error: msg('pack_http_status', `${res.status}${res.statusText ? ` ${res.statusText}` : ''}`) };
    const declared = Number(res.headers.get('content-length') ?? '0');
    if (declared > MAX_PACK_BYTES) return { status: 'error', error: msg('pack_download_too_large') };
    const text = await readCapped(res);
    if (text === null) return { status: 'error', error: msg('pack_download_too_large') };
    const result: FetchResult = { status: 'ok', text };
    const etag = res.headers.get('etag');
    const lastModified = res.headers.get('last-modified');
    if (etag) result.etag = etag;
    if (lastModified) result.lastModified = lastModified;
    return result;
  } catch (err) {
    const e = err as Error;
    if (e.name === 'AbortError') return { status: 'error', error: msg('pack_timed_out') };
    return { status: 'error', error: msg('pack_fetch_failed', e.message, msg('pack_fetch_hint')), networkError: true };
  } finally {
    clearTimeout(timer);
  }
}

/** The body as text, or null once it passes the size cap (stops reading there). */
async function readCapped(res: Response): Promise<string | null> {
  if (!res.body) {
    const bytes = await res.arrayBuffer();
    return bytes.byteLength > MAX_PACK_BYTES ? null : decodePackBytes(bytes);
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_PACK_BYTES) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return decodePackBytes(all);
}
