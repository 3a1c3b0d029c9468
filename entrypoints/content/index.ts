/**
 * The coach's content script, on every CRM page: it reads the page, plans, records, and keeps
 * the stage (the overlay's root and launcher, plain DOM). The React overlay is a separate script
 * the background injects into this isolated world when the stage has something to draw or the
 * user opens the launcher (docs/architecture.md, "Budgets"); it finds the stage and the coach on
 * the overlay bridge.
 */
import { browser } from 'wxt/browser';
// Inlined into the shadow root: no web-accessible resource for pages to probe, and it works on
// pack sites coached through activeTab, where the manifest's resource matches do not reach.
import stageCss from '@/components/overlay/stage.css?inline';
import { CRM_CONTENT_MATCHES } from '@/utils/crm/matches';
import { createSelectorScope, resolveTarget } from '@/utils/crm/targets';
import { OVERLAY_TAG } from '@/utils/crm/dom';
import { watchPage } from '@/utils/crm/watch';
import { createLivePage } from '@/utils/crm/live-page';
import { onMessage, sendMessage } from '@/utils/messaging';
import { createOutbox } from '@/utils/usage/outbox';
import { browserUiLanguage } from '@/utils/i18n';
import { closedShadowRootReader } from '@/utils/crm/shadow-root';
import { logOnce } from '@/utils/log';
import { createCoachController } from './controller';
import { mountOverlayHost } from '@/components/overlay/host';
import { askForUi, createStage } from '@/components/overlay/stage';
import { setOverlayBridge } from '@/components/overlay/bridge';
import { setAuthorBridge } from '@/utils/author/bridge';
import { COACH_SCRIPT_OPTIONS } from '@/utils/content-script-options';

/** The page's URL, parsed again only when it changed (asked on every batch). Never mutated. */
let parsedHref = '';
let parsedUrl: URL | null = null;
function currentUrl(): URL {
  if (!parsedUrl || location.href !== parsedHref) {
    parsedHref = location.href;
    parsedUrl = new URL(parsedHref);
  }
  return parsedUrl;
}

function fromExtensionPage(sender: { id?: string; url?: string; tab?: unknown }): boolean {
  return sender.id === browser.runtime.id && !sender.tab && !!sender.url?.startsWith(browser.runtime.getURL('/'));
}

export default defineContentScript({
  matches: CRM_CONTENT_MATCHES,
  ...COACH_SCRIPT_OPTIONS,
  async main(ctx) {
    // Injected again (pack site coached from the popup, or a registered site script plus a
    // click): one coach per page.
    if (document.querySelector(OVERLAY_TAG)) return;
    try {
      const stop = new AbortController();
      ctx.onInvalidated(() => stop.abort());
      // Memory only: storage.local is for trusted contexts (entrypoints/background.ts); the
      // background stores what it acknowledges.
      const outbox = createOutbox({ storage: null });
      const shadowRootOf = closedShadowRootReader();
      // The React overlay, asked for the first time the stage needs it (the stage stops asking
      // once it is mounted), or as soon as the coach state says it may draw.
      const loadOverlay = askForUi(() => {
        if (import.meta.env.MODE === 'bench') performance.mark('crm-coach:overlay-asked');
        return sendMessage('loadOverlay');
      }, (err) => logOnce('the overlay could not load', err));
      const controller = createCoachController(
        {
          doc: document,
          url: currentUrl,
          resolveTarget,
          selectorScope: createSelectorScope,
          watchPage,
          getCoachState: (url, recordKey) => sendMessage('getCoachState', { url, recordKey }),
          getRecordState: (url, recordKey, stamp) => sendMessage('getRecordState', { url, recordKey, stamp }),
          setPagePrefs: (prefs) => sendMessage('setPagePrefs', prefs),
          outbox,
          loadTourProgress: () => sendMessage('getTourProgress'),
          saveTourProgress: (progress) => sendMessage('saveTourProgress', progress),
          now: () => Date.now(),
          browserLanguage: browserUiLanguage(),
          shadowRootOf,
          bench: import.meta.env.MODE === 'bench',
          live: createLivePage(document, shadowRootOf),
        },
        stop.signal,
      );

      const overlay = mountOverlayHost(document, stageCss);
      // Author mode: its script is loaded into this isolated world only when a trainer asks.
      controller.actions.startAuthor = () => {
        const bridge = setAuthorBridge({
          doc: document,
          shadow: overlay.shadow,
          host: overlay.host,
          shadowRootOf,
          view: controller.getSnapshot,
          subscribe: controller.subscribe,
          watch: (on) => controller.actions.watchModel?.(on),
          reload: () => controller.reload(),
        });
        if (bridge.open) bridge.open();
        else sendMessage('startAuthor').then((r) => r.ok || console.warn('[crm-coach] author mode did not load', r.error), (err) => console.warn('[crm-coach] author mode did not load', err));
      };

      const stage = createStage(document, overlay.container, controller, loadOverlay);
      const bridge = setOverlayBridge({ doc: document, shadow: overlay.shadow, stage, coach: controller });
      ctx.onInvalidated(() => {
        bridge.unmount?.();
        stage.dispose();
        overlay.remove();
      });

      // Only the popup (an extension page, through tabs.sendMessage) opens snippets here, and only
      // the background says the packs or settings changed.
      const stopListening = onMessage('openSnippet', ({ data, sender }) =>
        fromExtensionPage(sender) ? controller.openSnippet(data.packId, data.snippetId) : false,
      );
      const stopChanges = onMessage('coachChanged', ({ sender }) => {
        if (fromExtensionPage(sender)) controller.refresh();
      });
      ctx.onInvalidated(() => {
        stopListening();
        stopChanges();
        outbox.dispose();
      });
      await controller.start();
    } catch (err) {
      console.warn('[crm-coach] the coach could not start', err);
    }
  },
});
