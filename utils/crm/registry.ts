/**
 * The CRM registry: one entry per CRM with a built-in reader (docs/adapters.md "Adding a CRM").
 * Everything that names CRMs is derived from it: the manifest's host permissions and the content
 * script's matches (CRM_HOST_MATCHES), each reader's URL test (builtinAdapter in model.ts), and
 * the pack validator's list of CRM ids (utils/packs/limits.ts BUILTIN_CRMS).
 *
 * Plain data, no reader code: the popup, the background and the build config import it without
 * pulling the readers in. The readers are bound to these ids in utils/crm/index.ts (READERS),
 * whose type demands one reader per id.
 */
export interface CrmEntry {
  /** The id packs use in `when.crm` and a PageModel's `crm`. */
  readonly id: string;
  readonly name: string;
  /**
   * Match patterns of the CRM's own hosts (https only). Empty for a self-hosted CRM: it has no
   * fixed host, and a pack's site entry names its reader together with the hosts where it runs.
   */
  readonly hosts: readonly string[];
}

export const CRMS = [
  { id: 'salesforce', name: 'Salesforce', hosts: ['https://*.force.com/*', 'https://*.salesforce.com/*'] },
  { id: 'hubspot', name: 'HubSpot', hosts: ['https://*.hubspot.com/*'] },
  { id: 'dynamics', name: 'Dynamics 365', hosts: ['https://*.dynamics.com/*', 'https://*.powerapps.com/*'] },
  {
    id: 'zoho',
    name: 'Zoho CRM',
    hosts: [
      'https://crm.zoho.com/*',
      'https://crm.zoho.eu/*',
      'https://crm.zoho.in/*',
      'https://crm.zoho.com.au/*',
      'https://crm.zoho.com.cn/*',
      'https://crm.zoho.jp/*',
      'https://crm.zoho.ca/*',
      'https://crm.zoho.sa/*',
      'https://crm.zoho.uk/*',
      'https://crm.zohocloud.ca/*',
    ],
  },
  { id: 'pipedrive', name: 'Pipedrive', hosts: ['https://*.pipedrive.com/*'] },
] as const satisfies readonly CrmEntry[];

export type CrmId = (typeof CRMS)[number]['id'];

/** Every registered CRM id, in registry order. */
export const CRM_IDS: readonly CrmId[] = CRMS.map((c) => c.id);

/** The hosts of every registered CRM: the manifest's host permissions and the content script's matches. */
export const CRM_HOST_MATCHES: string[] = CRMS.flatMap((c): readonly string[] => c.hosts);

/** The registry entry of a CRM id, or undefined. */
export function crmEntry(id: string): CrmEntry | undefined {
  return (CRMS as readonly CrmEntry[]).find((c) => c.id === id);
}
