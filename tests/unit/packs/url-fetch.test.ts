import { describe, expect, it, vi } from 'vitest';
import { englishText } from '@/utils/packs/messages';
import { FETCH_FAILED_HINT, fetchPackUrl, type FetchResult } from '@/utils/packs/url-fetch';

/** A result with its error in English. */
const inEnglish = (r: FetchResult) => (r.status === 'error' ? { ...r, error: englishText(r.error) } : r);

const URL_ = 'https://packs.example.com/p.json';

/** A fetch that fails like Chromium does when CORS blocks a request that needs a preflight. */
function corsWithoutPreflight(body: string) {
  return vi.fn(async (_url: string | URL | Request, init?: RequestInit) => {
    const headers = (init?.headers ?? {}) as Record<string, string>;
    if (headers['If-None-Match'] || headers['If-Modified-Since']) throw new TypeError('Failed to fetch');
    return new Response(body, { status: 200, headers: { 'last-modified': 'Mon, 06 Jan 2025 09:00:00 GMT' } });
  });
}

describe('fetchPackUrl', () => {
  it('asks again without the conditional headers when the conditional request cannot be sent', async () => {
    const fetchImpl = corsWithoutPreflight('{"new": true}');
    const result = await fetchPackUrl(URL_, { etag: '"v1"' }, fetchImpl as unknown as typeof fetch);
    expect(result).toEqual({ status: 'ok', text: '{"new": true}', lastModified: 'Mon, 06 Jan 2025 09:00:00 GMT' });
    expect(fetchImpl).toHaveBeenCalledTimes(2);
    expect((fetchImpl.mock.calls[1][1]?.headers as Record<string, string>)['If-None-Match']).toBeUndefined();
  });

  it('does not ask twice for a first request, and says what to check', async () => {
    const fetchImpl = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    const result = await fetchPackUrl(URL_, {}, fetchImpl as unknown as typeof fetch);
    expect(inEnglish(result)).toEqual({ status: 'error', error: `could not fetch: Failed to fetch (${FETCH_FAILED_HINT})` });
    expect(fetchImpl).toHaveBeenCalledTimes(1);
  });

  it('does not ask again after an HTTP error', async () => {
    const fetchImpl = vi.fn(async () => new Response('boom', { status: 500 }));
    const result = await fetchPackUrl(URL_, { etag: '"v1"' }, fetchImpl as unknown as typeof fetch);
    expect(inEnglish(result)).toEqual({ status: 'error', error: 'HTTP 500' });
    expect(fetchImpl).toHaveBeenCalledTimes(1);
  });

  it('a 304 to the conditional request is not modified', async () => {
    const fetchImpl = vi.fn(async () => new Response(null, { status: 304 }));
    expect(await fetchPackUrl(URL_, { etag: '"v1"' }, fetchImpl as unknown as typeof fetch)).toEqual({ status: 'not-modified' });
    expect((fetchImpl.mock.calls[0] as unknown[])[1]).toMatchObject({ headers: { 'If-None-Match': '"v1"' } });
  });
});
