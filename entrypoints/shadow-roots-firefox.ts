/**
 * Firefox only: reports shadow roots that components attach after they are in the page
 * (utils/crm/shadow-root.ts reportLateShadowRootsInPageRealm; docs/adapters.md "Shadow roots").
 * An unlisted script, so it carries no content-script runtime: wxt.config.ts lists it in the
 * Firefox manifest's content_scripts (isolated world, document_start, the built-in CRM hosts).
 * Chromium runs the main-world script entrypoints/shadow-roots.content.ts instead.
 */
import { reportLateShadowRootsInPageRealm } from '@/utils/crm/shadow-root';

export default defineUnlistedScript({
  include: ['firefox'],
  main() {
    reportLateShadowRootsInPageRealm(window);
  },
});
