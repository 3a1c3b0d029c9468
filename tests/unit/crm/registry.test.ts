// The CRM registry is the one list of CRMs: the manifest's host permissions and content script
// matches, each reader's URL test and the pack validator's CRM ids all come from it.
import { describe, expect, it } from 'vitest';
import { CRMS, CRM_HOST_MATCHES, CRM_IDS } from '@/utils/crm/registry';
import { CRM_CONTENT_MATCHES } from '@/utils/crm/matches';
import { BUILTIN_ADAPTERS, READERS, adapterFor, builtinReader } from '@/utils/crm';
import { BUILTIN_CRMS } from '@/utils/packs/limits';
import { validatePack } from '@/utils/packs/validate';
import { compileMatchPattern } from '@/utils/patterns/match-pattern';
import config from '../../../wxt.config';

describe('CRM registry', () => {
  it('every id once, every host a valid https match pattern', () => {
    expect(new Set(CRM_IDS).size).toBe(CRMS.length);
    for (const p of CRM_HOST_MATCHES) {
      expect(p).toMatch(/^https:\/\//);
      expect(compileMatchPattern(p)).not.toBeNull();
    }
  });

  it("the manifest, the content script, the readers and the pack validator list the same CRMs", () => {
    type Manifest = { host_permissions?: string[]; permissions?: string[]; content_scripts?: unknown[] };
    const manifestOf = (config as { manifest: (env: { browser: string }) => Manifest }).manifest;
    expect(manifestOf({ browser: 'chrome' }).host_permissions).toEqual(CRM_HOST_MATCHES);
    // Firefox: the late-shadow-root report runs on the same hosts, before the page's scripts.
    expect(manifestOf({ browser: 'firefox' }).content_scripts).toEqual([{ matches: CRM_HOST_MATCHES, js: ['shadow-roots-firefox.js'], run_at: 'document_start' }]);
    expect(CRM_CONTENT_MATCHES).toEqual(CRM_HOST_MATCHES);
    expect(BUILTIN_ADAPTERS.map((a) => a.id)).toEqual(CRM_IDS);
    expect(Object.keys(READERS).sort()).toEqual([...CRM_IDS].sort());
    expect([...BUILTIN_CRMS]).toEqual(CRM_IDS);
    for (const c of CRMS) {
      expect(builtinReader(c.id)?.name).toBe(c.name);
      // A pack may name every registered CRM in when.crm without a sites entry.
      const pack = { format: 'crm-coach/pack@1', id: 'reg-test', version: '1.0.0', title: 't', tips: [{ id: 'a', when: { crm: [c.id] }, target: { page: true }, title: 't', body: 'b' }] };
      const r = validatePack(pack);
      expect(r.ok, JSON.stringify(r)).toBe(true);
    }
  });

  it("each reader's URL test is its registry hosts (https only), narrowed where the reader says so", () => {
    const samples: Record<string, string> = {
      salesforce: 'https://acme.lightning.force.com/lightning/r/Opportunity/006Dn000004AbCdIAK/view',
      hubspot: 'https://app.hubspot.com/contacts/1/record/0-3/2',
      dynamics: 'https://org.crm.dynamics.com/main.aspx?pagetype=entityrecord&etn=opportunity',
      zoho: 'https://crm.zoho.eu/crm/org1/tab/Potentials/1',
      pipedrive: 'https://acme.pipedrive.com/deal/1',
    };
    for (const id of CRM_IDS) {
      const url = new URL(samples[id]);
      expect(adapterFor(url)?.id).toBe(id);
      expect(builtinReader(id)!.matches(new URL(url.href.replace('https:', 'http:')))).toBe(false);
      expect(builtinReader(id)!.matches(new URL('https://crm.example.org/x'))).toBe(false);
    }
    // Narrowed: HubSpot's marketing site and Dynamics pages other than forms.
    expect(adapterFor(new URL('https://www.hubspot.com/products/crm'))).toBeNull();
    expect(adapterFor(new URL('https://org.crm.dynamics.com/tools/solution'))).toBeNull();
    expect(builtinReader('no-such-crm')).toBeNull();
  });
});
