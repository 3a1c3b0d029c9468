import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { describe, expect, it, vi } from 'vitest';
import {
  addPackUrl,
  getEnabledPacks,
  installPackText,
  listInstalled,
  refreshPacks,
  removePack,
  setPackEnabled,
  syncBuiltinPacks,
  syncPolicyPacks,
} from '@/utils/packs/store';
import { packsItem } from '@/utils/storage/items';
import { FETCH_FAILED_HINT } from '@/utils/packs/url-fetch';

const packJson = (id: string, version = '1.0.0', extra: object = {}) =>
  JSON.stringify({ format: 'crm-coach/pack@1', id, version, title: id, tips: [{ id: 't', target: { page: true }, title: 'T' }], ...extra });

type Reply = { status?: number; body?: string; headers?: Record<string, string> } | Error;

/** A fake network: URL -> queue of replies (the last one repeats); records request headers. */
function fakeNetwork() {
  const routes = new Map<string, Reply[]>();
  const requests: { url: string; headers: Record<string, string> }[] = [];
  const fetchMock = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    requests.push({ url, headers: { ...(init?.headers as Record<string, string>) } });
    const queue = routes.get(url);
    if (!queue) return new Response('not found', { status: 404 });
    const reply = queue.length > 1 ? queue.shift()! : queue[0];
    if (reply instanceof Error) throw reply;
    return new Response(reply.status === 304 ? null : (reply.body ?? ''), { status: reply.status ?? 200, headers: reply.headers });
  });
  vi.spyOn(globalThis, 'fetch').mockImplementation(fetchMock as typeof fetch);
  return { serve: (url: string, ...replies: Reply[]) => routes.set(url, replies), requests };
}

async function stored() {
  return (await fakeBrowser.storage.local.get(packsItem.key))[packsItem.key];
}


describe('pack store', () => {
  it('imports a JSON or YAML file and lists it', async () => {
    const r = await installPackText(packJson('first-pack'), 'first.json');
    expect(r).toMatchObject({ ok: true, pack: { source: 'user-file', enabled: true, pack: { id: 'first-pack' } } });
    const yaml = 'format: crm-coach/pack@1\nid: yaml-pack\nversion: 0.1.0\ntitle: { en: YAML pack, zh-CN: YAML 包 }\n';
    expect(await installPackText(yaml, 'pack.yaml')).toMatchObject({ ok: true });
    expect((await listInstalled()).map((p) => p.pack.id)).toEqual(['first-pack', 'yaml-pack']);
  });

  it('a bad import changes nothing and says why', async () => {
    await installPackText(packJson('first-pack', '1.2.0'), 'a.json');
    const before = await stored();
    const bad = await installPackText(packJson('first-pack', '1.3.0', { tips: [{ id: 't', target: { xpath: '/' }, title: 'T' }] }));
    expect(bad).toMatchObject({ ok: false, errors: ['tips[0].target: expected one of field, selector, page'] });
    const older = await installPackText(packJson('first-pack', '1.0.0'));
    expect(older).toMatchObject({
      ok: false,
      errors: ['version: 1.0.0 is older than the installed version 1.2.0 of "first-pack"; install 1.2.0 or newer'],
    });
    expect(await stored()).toEqual(before);
  });

  it('enable, disable and remove; the merged view holds only enabled packs', async () => {
    await installPackText(packJson('pack-a'));
    await installPackText(packJson('pack-b'));
    await setPackEnabled('pack-a', false);
    expect((await getEnabledPacks()).map((p) => p.id)).toEqual(['pack-b']);
    const after = await removePack('pack-b');
    expect(after.map((p) => p.pack.id)).toEqual(['pack-a']);
    await expect(removePack('pack-b')).rejects.toThrow('no installed pack "pack-b"');
  });

  it('refuses user packs when the policy says allowUserPacks: false', async () => {
    await fakeBrowser.storage.managed.set({ allowUserPacks: false });
    const r = await installPackText(packJson('pack-a'));
    expect(r).toMatchObject({ ok: false, errors: ['Your organisation does not allow adding packs yourself (policy allowUserPacks is false).'] });
    expect(await addPackUrl('https://packs.example.com/a.json')).toMatchObject({ ok: false });
    expect(await stored()).toBeUndefined();
  });

  it('says which host permissions a pack with sites needs', async () => {
    const site = { id: 'acme-crm', name: 'Acme', match: ['https://crm.acme.example/*'], field: { container: '.r', label: 'label', input: 'input' } };
    const r = await installPackText(packJson('site-pack', '1.0.0', { sites: [site] }));
    expect(r).toMatchObject({ ok: true, needsHosts: ['https://crm.acme.example/*'] });
  });
});

describe('URL packs', () => {
  const url = 'https://packs.example.com/team.json';

  it('refuses plain http except on this machine', async () => {
    fakeNetwork();
    expect(await addPackUrl('http://packs.example.com/team.json')).toMatchObject({
      ok: false,
      errors: ['http://packs.example.com/team.json: pack URLs must use https: (found http:)'],
    });
  });

  it('installs, then refreshes with conditional requests: 304, failure, bad pack, new version', async () => {
    const net = fakeNetwork();
    net.serve(
      url,
      { body: packJson('team-pack', '1.0.0'), headers: { etag: '"v1"', 'last-modified': 'Mon, 01 Jan 2024 00:00:00 GMT' } },
      { status: 304 },
      { status: 500 },
      { body: '<html>login</html>' },
      { body: packJson('team-pack', '1.1.0'), headers: { etag: '"v2"' } },
    );
    const added = await addPackUrl(url);
    expect(added).toMatchObject({ ok: true, pack: { source: 'user-url', url, etag: '"v1"' } });

    const [afterNotModified] = await refreshPacks();
    expect(net.requests[1].headers).toMatchObject({ 'If-None-Match': '"v1"', 'If-Modified-Since': 'Mon, 01 Jan 2024 00:00:00 GMT' });
    expect(afterNotModified).toMatchObject({ pack: { version: '1.0.0' }, etag: '"v1"' });
    expect(afterNotModified.lastError).toBeUndefined();

    const [afterFailure] = await refreshPacks();
    expect(afterFailure).toMatchObject({ pack: { version: '1.0.0' }, lastError: 'HTTP 500' });

    const [afterBad] = await refreshPacks();
    expect(afterBad.pack.version).toBe('1.0.0');
    expect(afterBad.lastError).toMatch(/^refresh refused: not a pack: this looks like HTML/);

    const [afterNew] = await refreshPacks();
    expect(afterNew).toMatchObject({ pack: { version: '1.1.0' }, etag: '"v2"' });
    expect(afterNew.lastError).toBeUndefined();
  });

  it('a network error on add installs nothing', async () => {
    const net = fakeNetwork();
    net.serve(url, new TypeError('Failed to fetch'));
    expect(await addPackUrl(url)).toMatchObject({ ok: false, errors: [`${url}: could not fetch: Failed to fetch (${FETCH_FAILED_HINT})`] });
    expect(await listInstalled()).toEqual([]);
  });
});

describe('policy packs', () => {
  it('installs the policy URLs as locked packs and removes them when the policy drops them', async () => {
    const net = fakeNetwork();
    net.serve('https://org.example.com/org.json', { body: packJson('org-pack') });
    await fakeBrowser.storage.managed.set({ packUrls: ['https://org.example.com/org.json'] });
    await syncPolicyPacks();
    expect(await listInstalled()).toMatchObject([{ source: 'policy', pack: { id: 'org-pack' } }]);
    await expect(removePack('org-pack')).rejects.toThrow('set by your organisation');
    await fakeBrowser.storage.managed.set({ packUrls: [] });
    await syncPolicyPacks();
    expect(await listInstalled()).toEqual([]);
  });
});

describe('built-in packs', () => {
  const publicFetch = (overrides: Record<string, string> = {}) =>
    (async (input: string | URL | Request) => {
      const path = new URL(String(input)).pathname;
      const body = overrides[path] ?? readFileSync(resolve('public', `.${path}`), 'utf8');
      return new Response(body);
    }) as typeof fetch;

  it('installs every pack of public/packs/index.json on first run', async () => {
    await syncBuiltinPacks({ fetchImpl: publicFetch() });
    const index = JSON.parse(readFileSync(resolve('public/packs/index.json'), 'utf8')) as { packs: string[] };
    const list = await listInstalled();
    expect(list).toHaveLength(index.packs.length);
    expect(list.every((p) => p.source === 'builtin' && p.enabled)).toBe(true);
    expect(list.map((p) => p.pack.id)).toContain('salesforce-starter');
  });

  it('upgrades on update keeping the enabled flag, and does not bring back a removed pack', async () => {
    await syncBuiltinPacks({ fetchImpl: publicFetch() });
    await setPackEnabled('salesforce-starter', false);
    const current = JSON.parse(readFileSync(resolve('public/packs/salesforce-starter.json'), 'utf8'));
    const newer = JSON.stringify({ ...current, version: '99.0.0' });
    await syncBuiltinPacks({ force: true, fetchImpl: publicFetch({ '/packs/salesforce-starter.json': newer }) });
    const upgraded = (await listInstalled()).find((p) => p.pack.id === 'salesforce-starter');
    expect(upgraded).toMatchObject({ enabled: false, pack: { version: '99.0.0' } });

    await removePack('salesforce-starter');
    await syncBuiltinPacks({ force: true, fetchImpl: publicFetch() });
    expect((await listInstalled()).map((p) => p.pack.id)).not.toContain('salesforce-starter');
  });
});

describe('stored packs are validated again when read', () => {
  const valid = (id: string) => JSON.parse(packJson(id));
  it('drops a forged policy pack, a pack that does not validate and one stored under another id, with a log', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await fakeBrowser.storage.managed.set({ packUrls: ['https://packs.example/real.json'] });
    await fakeBrowser.storage.local.set({
      [packsItem.key]: {
        real: { pack: valid('real'), source: 'policy', enabled: true, installedAt: 1, url: 'https://packs.example/real.json' },
        forged: { pack: valid('forged'), source: 'policy', enabled: true, installedAt: 1, url: 'https://evil.example/p.json' },
        broken: { pack: { ...valid('broken'), sites: [{ id: 's', name: 'S', match: ['https://*/*'], page: { record: '(a+)+$' }, field: { container: 'a', label: 'b', input: 'c' } }] }, source: 'user-file', enabled: true, installedAt: 1 },
        renamed: { pack: valid('other'), source: 'user-file', enabled: true, installedAt: 1 },
        mine: { pack: valid('mine'), source: 'user-file', enabled: true, installedAt: 1 },
      },
    });
    expect((await getEnabledPacks()).map((p) => p.id).sort()).toEqual(['mine', 'real']);
    expect(warn.mock.calls.map((c) => String(c[0])).join('\n')).toMatch(/"forged" dropped/);
  });
});
