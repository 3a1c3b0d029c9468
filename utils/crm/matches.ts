/** Hosts of the built-in CRM adapters; keep in step with CRM_MATCHES in wxt.config.ts. */
export const CRM_CONTENT_MATCHES = [
  'https://*.force.com/*',
  'https://*.salesforce.com/*',
  'https://*.hubspot.com/*',
  'https://*.dynamics.com/*',
  'https://*.powerapps.com/*',
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
  'https://*.pipedrive.com/*',
];
