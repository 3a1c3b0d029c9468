// @vitest-environment node
// Pack URL redirects against a real local HTTP server (node's fetch gives 'manual' redirects with
// their Location, as an engine that exposes it does; Chromium's opaque redirect is the last case).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { englishText } from '@/utils/packs/messages';
import { fetchPackUrl, MAX_REDIRECTS, type FetchResult } from '@/utils/packs/url-fetch';

let server: Server;
let base = '';
/** Paths the server was asked for, in order. */
const hits: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    hits.push(url.pathname);
    const to = url.searchParams.get('to');
    if (url.pathname === '/pack.json') {
      res.writeHead(200, { 'content-type': 'application/json', etag: '"v1"' });
      res.end('{"id": "p"}');
    } else if (url.pathname === '/hop' && to) {
      res.writeHead(302, { location: to });
      res.end();
    } else if (url.pathname.startsWith('/loop/')) {
      const n = Number(url.pathname.split('/')[2]);
      res.writeHead(307, { location: `/loop/${n + 1}` });
      res.end();
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const english = (r: FetchResult) => (r.status === 'error' ? englishText(r.error) : r.status);

/**
 * The server behind an https: name, as a TLS-terminating proxy would put it: requests to
 * https://packs.test/ reach the local server, any other URL is fetched as it is.
 */
const behindHttps: typeof fetch = async (input, init) => {
  const url = String(input);
  if (!url.startsWith('https://packs.test/')) return fetch(url, init);
  const res = await fetch(url.replace('https://packs.test', base), init);
  Object.defineProperty(res, 'url', { value: url });
  return res;
};

describe('pack URL redirects', () => {
  it('follows redirects itself, checking each hop, and reads the final pack', async () => {
    hits.length = 0;
    const result = await fetchPackUrl(`${base}/hop?to=${encodeURIComponent('/hop?to=/pack.json')}`);
    expect(result).toEqual({ status: 'ok', text: '{"id": "p"}', etag: '"v1"' });
    expect(hits).toEqual(['/hop', '/hop', '/pack.json']);
  });

  it('never requests a plain http: URL an https: pack URL redirects to', async () => {
    hits.length = 0;
    const plain = `${base}/pack.json`;
    const result = await fetchPackUrl(`https://packs.test/hop?to=${encodeURIComponent(plain)}`, {}, behindHttps);
    expect(english(result)).toBe(`refused: the https: URL redirected to plain http (${plain}); ask the server to redirect to https:`);
    expect(hits).toEqual(['/hop']);
  });

  it('follows https: to https:', async () => {
    hits.length = 0;
    const result = await fetchPackUrl(`https://packs.test/hop?to=${encodeURIComponent('https://packs.test/pack.json')}`, {}, behindHttps);
    expect(result.status).toBe('ok');
    expect(hits).toEqual(['/hop', '/pack.json']);
  });

  it('refuses a redirect to a URL holding credentials, without repeating them or requesting it', async () => {
    hits.length = 0;
    const result = await fetchPackUrl(`https://packs.test/hop?to=${encodeURIComponent('https://bob:s3cret@packs.test/pack.json')}`, {}, behindHttps);
    expect(english(result)).toContain('redirected to a URL that is not allowed');
    expect(english(result)).not.toContain('s3cret');
    expect(hits).toEqual(['/hop']);
  });

  it(`stops after ${MAX_REDIRECTS} redirects, saying to add the final address`, async () => {
    hits.length = 0;
    const result = await fetchPackUrl(`${base}/loop/0`);
    expect(english(result)).toBe(`more than ${MAX_REDIRECTS} redirects: add the address the pack is finally served from instead`);
    expect(hits).toHaveLength(MAX_REDIRECTS + 1);
  });

  it('refuses a redirect whose target the browser hides (an opaque redirect), naming the final-address workaround', async () => {
    const opaque: typeof fetch = async () => {
      const res = new Response(null, { status: 200 });
      Object.defineProperty(res, 'type', { value: 'opaqueredirect' });
      Object.defineProperty(res, 'status', { value: 0 });
      return res;
    };
    const result = await fetchPackUrl('https://packs.example.com/latest', {}, opaque);
    expect(english(result)).toBe(
      'https://packs.example.com/latest redirects, and the browser does not say where to, so it cannot be checked before it is followed: add the address it finally serves the pack from instead',
    );
  });
});
