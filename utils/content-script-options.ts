/**
 * Options every coach content script shares (the every-page coach, the overlay UI and author
 * mode), spread into their defineContentScript:
 * - `cssInjectionMode: 'manual'`: each puts its own styles in the overlay's shadow root, never in
 *   the CRM page;
 * - `noScriptStartedPostMessage`: WXT's start-up window message is for scripts built with older
 *   WXT versions. The CRM page would hear it, run its own message handlers for it and learn the
 *   script's name; the document event WXT also sends is enough.
 */
export const COACH_SCRIPT_OPTIONS = { cssInjectionMode: 'manual', noScriptStartedPostMessage: true } as const;
