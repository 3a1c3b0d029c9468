import { describe, expect, it } from 'vitest';
import {
  decideInstall,
  decideRemove,
  decideSetEnabled,
  enabledPacks,
  hostsNeeded,
  noteRefresh,
  packUrlProblem,
  policyPlan,
  type Decision,
  type PackMap,
} from '@/utils/packs/store-logic';
import { englishText, msg } from '@/utils/packs/messages';
import type { InstalledPack, Pack } from '@/utils/packs/types';

/** A decision with its error in English. */
const inEnglish = <T,>(d: Decision<T>) => (d.ok ? d : { ok: false, error: englishText(d.error) });

const pack = (id: string, version = '1.0.0', extra: Partial<Pack> = {}): Pack => ({
  format: 'crm-coach/pack@1',
  id,
  version,
  title: id,
  ...extra,
});
const installed = (p: Pack, extra: Partial<InstalledPack> = {}): InstalledPack => ({
  pack: p,
  source: 'user-file',
  enabled: true,
  installedAt: 1,
  ...extra,
});

describe('decideInstall', () => {
  it('installs a new pack enabled', () => {
    const d = decideInstall({}, pack('a-pack'), { source: 'user-file', now: 5 });
    expect(d).toEqual({
      ok: true,
      packs: { 'a-pack': installed(pack('a-pack'), { installedAt: 5 }) },
      value: installed(pack('a-pack'), { installedAt: 5 }),
    });
  });

  it('replaces with an equal or newer version, keeping the enabled flag', () => {
    const packs: PackMap = { 'a-pack': installed(pack('a-pack', '1.2.0'), { enabled: false }) };
    for (const v of ['1.2.0', '1.3.0', '2.0.0']) {
      const d = decideInstall(packs, pack('a-pack', v), { source: 'user-file', now: 9 });
      expect(d.ok && d.packs['a-pack']).toMatchObject({ pack: { version: v }, enabled: false, installedAt: 9 });
    }
  });

  it('refuses an older version, naming the installed one, and changes nothing', () => {
    const packs: PackMap = { 'a-pack': installed(pack('a-pack', '1.2.0')) };
    const before = JSON.stringify(packs);
    const d = decideInstall(packs, pack('a-pack', '1.2.0-rc.1'), { source: 'user-url', now: 9, url: 'https://x.example/p.json' });
    expect(inEnglish(d)).toEqual({
      ok: false,
      error: 'version: 1.2.0-rc.1 is older than the installed version 1.2.0 of "a-pack"; install 1.2.0 or newer',
    });
    expect(JSON.stringify(packs)).toBe(before);
  });

  it('a user cannot replace a policy pack; the policy can replace a user pack', () => {
    const policy: PackMap = { 'a-pack': installed(pack('a-pack'), { source: 'policy', url: 'https://p.example/a.json' }) };
    expect(inEnglish(decideInstall(policy, pack('a-pack', '9.0.0'), { source: 'user-file', now: 2 }))).toEqual({ ok: false,
      error: '"a-pack" is installed by your organisation\'s policy and cannot be replaced',
    });
    const user: PackMap = { 'a-pack': installed(pack('a-pack')) };
    const d = decideInstall(user, pack('a-pack', '1.0.0'), { source: 'policy', now: 2, url: 'https://p.example/a.json' });
    expect(d.ok && d.packs['a-pack'].source).toBe('policy');
  });

  it('records URL validators and lets a URL whose pack changed id take the old id\'s place', () => {
    const url = 'https://p.example/a.json';
    const packs: PackMap = { 'old-id': installed(pack('old-id'), { source: 'user-url', url }) };
    const d = decideInstall(packs, pack('new-id'), { source: 'user-url', now: 3, url, etag: '"v2"', lastModified: 'Mon, 01 Jan 2024 00:00:00 GMT' });
    expect(d.ok && Object.keys(d.packs)).toEqual(['new-id']);
    expect(d.ok && d.packs['new-id']).toMatchObject({ url, etag: '"v2"', lastModified: 'Mon, 01 Jan 2024 00:00:00 GMT', lastRefreshAt: 3 });
  });
});

describe('remove, enable, refresh notes', () => {
  const packs: PackMap = {
    mine: installed(pack('mine')),
    org: installed(pack('org'), { source: 'policy', url: 'https://p.example/o.json' }),
  };

  it('removes user packs but not policy packs', () => {
    const d = decideRemove(packs, 'mine');
    expect(d.ok && Object.keys(d.packs)).toEqual(['org']);
    expect(inEnglish(decideRemove(packs, 'org'))).toEqual({ ok: false, error: '"org" is set by your organisation and cannot be removed' });
    expect(inEnglish(decideRemove(packs, 'nope'))).toEqual({ ok: false, error: 'no installed pack "nope"' });
  });

  it('turns packs off and on; policy packs stay on', () => {
    const d = decideSetEnabled(packs, 'mine', false);
    expect(d.ok && enabledPacks(d.packs).map((p) => p.id)).toEqual(['org']);
    expect(inEnglish(decideSetEnabled(packs, 'org', false))).toEqual({ ok: false, error: '"org" is set by your organisation and cannot be turned off' });
  });

  it('a failed refresh records the error and keeps the pack; a good one clears it', () => {
    const problem = msg('pack_http_status', '500');
    const failed = noteRefresh(packs, 'org', 7, problem);
    expect(failed.org).toEqual({ ...packs.org, lastRefreshAt: 7, lastError: 'HTTP 500', lastProblem: problem });
    expect(noteRefresh(failed, 'org', 8).org).toEqual({ ...packs.org, lastRefreshAt: 8 });
  });

  it('merged view puts policy first', () => {
    expect(enabledPacks(packs).map((p) => p.id)).toEqual(['org', 'mine']);
  });
});

describe('policy plan, URLs, hosts', () => {
  it('fetches new policy URLs and removes policy packs no longer listed', () => {
    const packs: PackMap = {
      keep: installed(pack('keep'), { source: 'policy', url: 'https://p.example/keep.json' }),
      gone: installed(pack('gone'), { source: 'policy', url: 'https://p.example/gone.json' }),
      mine: installed(pack('mine'), { source: 'user-url', url: 'https://p.example/new.json' }),
    };
    expect(policyPlan(packs, ['https://p.example/keep.json', 'https://p.example/new.json'])).toEqual({
      fetch: ['https://p.example/new.json'],
      remove: ['gone'],
    });
  });

  it.each([
    ['https://packs.example.com/a.json', null],
    ['http://127.0.0.1:8080/a.json', null],
    ['http://localhost/a.json', null],
    ['http://packs.example.com/a.json', 'pack URLs must use https: (found http:)'],
    ['file:///etc/passwd', 'pack URLs must use https: (found file:)'],
    ['not a url', 'not a valid URL'],
  ])('%s', (url, problem) => expect(packUrlProblem(url)).toBe(problem));

  it('lists the origins a pack\'s sites need', () => {
    const p = pack('sites-pack', '1.0.0', {
      sites: [
        { id: 'a', name: 'A', match: ['https://crm.a.example/app/*', 'https://crm.a.example/other/*'], field: { container: 'x', label: 'l', input: 'i' } },
        { id: 'b', name: 'B', match: ['*://*.b.example/*'], field: { container: 'x', label: 'l', input: 'i' } },
      ],
    });
    expect(hostsNeeded(p)).toEqual(['https://crm.a.example/*', '*://*.b.example/*']);
    expect(hostsNeeded(pack('plain'))).toEqual([]);
  });
});
