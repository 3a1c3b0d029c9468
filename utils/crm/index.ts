/** The page model: which adapter handles a URL, and what it reads from the page. */
import type { SiteDefinition } from '../packs/types';
import type { AdapterContext, CrmAdapter, PageModel } from './types';
import { salesforceAdapter } from './salesforce';
import { hubspotAdapter } from './hubspot';
import { dynamicsAdapter } from './dynamics';
import { zohoAdapter } from './zoho';
import { pipedriveAdapter } from './pipedrive';
import { siteAdapter } from './sites';
import { suiteCrmAdapter } from './suitecrm';

export const BUILTIN_ADAPTERS: CrmAdapter[] = [salesforceAdapter, hubspotAdapter, dynamicsAdapter, zohoAdapter, pipedriveAdapter];

/** Readers of self-hosted CRMs, each built for the site entry that names it in `crm`. */
const SELF_HOSTED_READERS: Record<NonNullable<SiteDefinition['crm']>, (site: SiteDefinition) => CrmAdapter> = { suitecrm: suiteCrmAdapter };

const siteAdapters = new WeakMap<SiteDefinition, CrmAdapter>();

function adapterOfSite(site: SiteDefinition): CrmAdapter {
  let a = siteAdapters.get(site);
  if (!a) {
    const reader = site.crm ? SELF_HOSTED_READERS[site.crm] : undefined;
    a = reader ? reader(site) : siteAdapter(site);
    siteAdapters.set(site, a);
  }
  return a;
}

/**
 * The adapter for a URL: built-in CRMs first, then pack sites in order. Null when none.
 * Never throws: adapters' matches() are pure and never throw.
 */
export function adapterFor(url: URL, sites: SiteDefinition[] = []): CrmAdapter | null {
  return BUILTIN_ADAPTERS.find((a) => a.matches(url)) ?? sites.map(adapterOfSite).find((a) => a.matches(url)) ?? null;
}

/** Reads the page with the adapter for its URL; null when no adapter handles it. Never throws (adapters read through safeRead). */
export function readPage(doc: Document, url: URL, ctx: AdapterContext, sites: SiteDefinition[] = []): PageModel | null {
  const adapter = adapterFor(url, sites);
  return adapter && adapter.read(doc, url, ctx);
}

export type { AdapterContext, CrmAdapter, PageModel } from './types';
