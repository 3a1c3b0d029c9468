import { describe, expect, it, vi } from 'vitest';
import { coveredByBuiltins, syncSiteScripts, type RegisteredScript, type SiteScriptApi } from '@/utils/crm/site-scripts';
import type { Pack, SiteDefinition } from '@/utils/packs/types';

const site = (id: string, match: string[]): SiteDefinition => ({
  id, name: id, match, field: { container: '.row', label: 'label', input: 'input' },
});
const pack = (id: string, sites: SiteDefinition[]): Pack => ({ format: 'crm-coach/pack@1', id, version: '1.0.0', title: id, sites });

function fakeApi(granted: string[], registered: RegisteredScript[] = []) {
  const state = [...registered];
  const api: SiteScriptApi = {
    contains: vi.fn(async (origins: string[]) => origins.every((o) => granted.includes(o))),
    getRegistered: vi.fn(async () => state.map((s) => ({ ...s }))),
    register: vi.fn(async (scripts) => {
      for (const s of scripts) {
        if (state.some((x) => x.id === s.id)) throw new Error(`duplicate ${s.id}`);
        state.push({ id: s.id, matches: s.matches, js: s.js });
      }
    }),
    unregister: vi.fn(async (ids: string[]) => {
      for (const id of ids) state.splice(state.findIndex((s) => s.id === id), 1);
    }),
  };
  return { api, state };
}

describe('syncSiteScripts', () => {
  it('registers granted sites with the shared content script, skips ungranted ones', async () => {
    const { api, state } = fakeApi(['https://crm.acme.example/*']);
    await syncSiteScripts([pack('p1', [site('acme-crm', ['https://crm.acme.example/*']), site('other', ['https://other.example/*'])])], api);
    expect(state).toEqual([{ id: 'site-acme-crm', matches: ['https://crm.acme.example/*'], js: ['content-scripts/content.js'] }]);
  });

  it('is idempotent and unregisters sites of removed packs, revoked hosts and changed matches', async () => {
    const { api, state } = fakeApi(['https://a.example/*', 'https://b.example/*']);
    const packs = [pack('p1', [site('a', ['https://a.example/*']), site('b', ['https://b.example/*'])])];
    await syncSiteScripts(packs, api);
    await syncSiteScripts(packs, api);
    expect(state.map((s) => s.id).sort()).toEqual(['site-a', 'site-b']);
    expect(api.register).toHaveBeenCalledTimes(1);
    // b's permission revoked, a's matches changed.
    const again = fakeApi(['https://a.example/app/*'], state);
    await syncSiteScripts([pack('p1', [site('a', ['https://a.example/app/*']), site('b', ['https://b.example/*'])])], again.api);
    expect(again.state).toEqual([{ id: 'site-a', matches: ['https://a.example/app/*'], js: ['content-scripts/content.js'] }]);
    // Pack removed: nothing left; scripts that are not ours are untouched.
    again.state.push({ id: 'other-script', matches: ['https://x.example/*'], js: ['x.js'] });
    await syncSiteScripts([], again.api);
    expect(again.state.map((s) => s.id)).toEqual(['other-script']);
  });

  it('does not register built-in CRM hosts twice, and never throws', async () => {
    expect(coveredByBuiltins('https://*.pipedrive.com/*')).toBe(true);
    expect(coveredByBuiltins('https://crm.acme.example/*')).toBe(false);
    const { api, state } = fakeApi(['https://acme.pipedrive.com/*']);
    await syncSiteScripts([pack('p', [site('pd', ['https://acme.pipedrive.com/*'])])], api);
    expect(state).toEqual([]);
    const broken: SiteScriptApi = { ...api, getRegistered: async () => { throw new Error('no scripting'); } };
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await expect(syncSiteScripts([pack('p', [site('x', ['https://x.example/*'])])], broken)).resolves.toBeUndefined();
    await expect(syncSiteScripts([], null)).resolves.toBeUndefined();
  });
});
