/** Hosts of the built-in CRMs, derived from the registry (utils/crm/registry.ts). */
import { CRM_HOST_MATCHES } from './registry';

export const CRM_CONTENT_MATCHES: string[] = CRM_HOST_MATCHES;
