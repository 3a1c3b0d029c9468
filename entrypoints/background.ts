import { registerUsageHandlers } from '@/utils/usage/background';
import { registerPackHandlers } from '@/utils/packs/background';
import { registerAuthorHandlers } from '@/utils/author/background';
import { registerOverlayHandler } from '@/utils/inject';
import { getEnabledPacks } from '@/utils/packs/store';
import { packsItem } from '@/utils/storage/items';
import { syncSiteScripts } from '@/utils/crm/site-scripts';
import { onGuardedMessage } from '@/utils/message-guard';
import { coachTab } from '@/utils/site-access';
import { signalCoachChanges } from '@/utils/coach-changes';

/** Pack `sites` become content scripts for the hosts the user granted; kept in step with packs and permissions. */
function keepSiteScriptsInSync(): void {
  const sync = () => {
    getEnabledPacks()
      .then((packs) => syncSiteScripts(packs))
      .catch((err) => console.warn('[CRM Coach] site scripts not synced', err));
  };
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && packsItem.key in changes) sync();
  });
  browser.permissions.onAdded.addListener(sync);
  browser.permissions.onRemoved.addListener(sync);
  browser.runtime.onStartup.addListener(sync);
  browser.runtime.onInstalled.addListener(sync);
}

/**
 * storage.local for the extension's own pages and worker only (Chromium 120+): a CRM page that
 * takes over its renderer cannot read the salt or plant a pack or a policy cache through the
 * content script. Content scripts get what they need by message (utils/message-access.ts).
 * Firefox has no such level for storage.local; there, as everywhere, every stored key is checked
 * when read (utils/storage/items.ts) and stored packs are validated again.
 */
function limitStorageToTrustedContexts(): void {
  const local = browser.storage.local as { setAccessLevel?: (o: { accessLevel: string }) => Promise<void> };
  local.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' })?.catch((err: unknown) => console.warn('[CRM Coach] storage access level not set', err));
}

export default defineBackground({
  type: 'module',
  main() {
    // Listeners are registered synchronously at start so a worker woken by a message or an
    // alarm handles it; each module catches its own failures.
    registerUsageHandlers();
    registerPackHandlers();
    registerAuthorHandlers();
    registerOverlayHandler();
    keepSiteScriptsInSync();
    signalCoachChanges();
    onGuardedMessage('coachTab', async ({ data }) => coachTab(await getEnabledPacks(), data));
    limitStorageToTrustedContexts();
  },
});
