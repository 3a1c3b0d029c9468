/**
 * Main world, document_start, on the built-in CRM hosts: reports shadow roots that components
 * attach after they are in the page, which no mutation announces (utils/crm/shadow-root.ts;
 * docs/adapters.md "Shadow roots"). Chromium only: Firefox MV2 content scripts cannot run in the
 * main world, and there the watcher still finds late roots on the page's next mutation.
 */
import { CRM_HOST_MATCHES } from '@/utils/crm/registry';
import { reportLateShadowRoots } from '@/utils/crm/shadow-root';

export default defineContentScript({
  matches: CRM_HOST_MATCHES,
  world: 'MAIN',
  runAt: 'document_start',
  exclude: ['firefox'],
  main() {
    reportLateShadowRoots(window);
  },
});
