/** The page model: which adapter handles a URL, and what it reads from the page. */
import type { SiteDefinition } from '../packs/types';
import type { AdapterContext, CrmAdapter, PageModel } from './types';
import { salesforceAdapter } from './salesforce';
import { hubspotAdapter } from './hubspot';
import { dynamicsAdapter } from './dynamics';
import { zohoAdapter } from './zoho';
import { pipedriveAdapter } from './pipedrive';
import { siteAdapter } from './sites';
import { logOnce } from './log';

export const BUILTIN_ADAPTERS: CrmAdapter[] = [salesforceAdapter, hubspotAdapter, dynamicsAdapter, zohoAdapter, pipedriveAdapter];

const siteAdapters = new WeakMap<SiteDefinition, CrmAdapter>();

function adapterOfSite(site: SiteDefinition): CrmAdapter {
  let a = siteAdapters.get(site);
  if (!a) {
    a = siteAdapter(site);
    siteAdapters.set(site, a);
  }
  return a;
}

/** The adapter for a URL: built-in CRMs first, then pack sites in order. Null when none. */
export function adapterFor(url: URL, sites: SiteDefinition[] = []): CrmAdapter | null {
  try {
    for (const a of BUILTIN_ADAPTERS) if (a.matches(url)) return a;
    for (const s of sites) {
      const a = adapterOfSite(s);
      if (a.matches(url)) return a;
    }
  } catch (err) {
    logOnce('adapterFor failed', err);
  }
  return null;
}

/** Reads the page with the adapter for its URL; null when no adapter handles it. Never throws. */
export function readPage(doc: Document, url: URL, ctx: AdapterContext, sites: SiteDefinition[] = []): PageModel | null {
  const adapter = adapterFor(url, sites);
  if (!adapter) return null;
  try {
    return adapter.read(doc, url, ctx);
  } catch (err) {
    logOnce('reading the page failed', err);
    return { crm: adapter.id, object: null, page: 'home', recordKey: null, url: url.href, fields: [] };
  }
}

export type { AdapterContext, CrmAdapter, PageModel } from './types';
