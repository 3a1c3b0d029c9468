/**
 * Shadow roots for the content script (docs/adapters.md "Shadow roots"):
 *
 * - `shadowRootOf(el)`: the shadow root of an element, open or closed, through whichever API this
 *   browser gives content scripts (Chromium `chrome.dom.openOrClosedShadowRoot`, Firefox
 *   `element.openOrClosedShadowRoot`). The one place that knows these APIs.
 * - Late roots: a component may attach its shadow root after it is in the page, and no mutation
 *   announces that. `reportLateShadowRoots` runs in the page's main world at document_start
 *   (entrypoints/shadow-roots.content.ts): it wraps Element.prototype.attachShadow and, when the
 *   host is already connected, dispatches SHADOW_ROOT_EVENT on the host. The watcher
 *   (watch.ts) hears it and looks for new roots on its next frame.
 *
 * A page can forge the event: the most it does is make the watcher look at a root (one look per
 * animation frame, whatever the number of events), which reads and never changes the page. The
 * event carries nothing, the wrapper returns exactly what attachShadow returns and throws what it
 * throws, and the page's own DOM is never touched.
 */
import type { ShadowRootOf } from './dom';

/** The event the main-world script dispatches on a connected host that just got a shadow root. */
export const SHADOW_ROOT_EVENT = 'crm-coach-shadow-root';

/**
 * Asked by the watcher once at its start: a report is installed in this page when this
 * cancelable event comes back cancelled (the report's listener cancels it; dispatch is
 * synchronous across worlds). With a report, hosts seen without a root are looked at again only
 * when a report comes in, not on every batch (Chromium's chrome.dom probe costs tens of µs per
 * host). A page that cancels it itself only hides its own late roots from the coach.
 */
export const SHADOW_ROOT_PING = 'crm-coach-shadow-root-ping';

/** Whether a late-root report answers in this document (see SHADOW_ROOT_PING). */
export function lateRootsReported(doc: Document): boolean {
  const Ev = doc.defaultView?.Event ?? Event;
  return !doc.dispatchEvent(new Ev(SHADOW_ROOT_PING, { cancelable: true }));
}

/** The report's answer to SHADOW_ROOT_PING (once: a document answering already is left as it is). */
function answerPing(doc: Document): void {
  if (!lateRootsReported(doc)) doc.addEventListener(SHADOW_ROOT_PING, (ev) => ev.preventDefault(), true);
}

type ChromeDom = { openOrClosedShadowRoot?: (el: HTMLElement) => ShadowRoot | null };

/**
 * The browser's way to reach closed shadow roots from a content script, or undefined where there
 * is none (a test's DOM, a page script). Open roots are read directly either way (dom.ts rootOf).
 */
export function closedShadowRootReader(): ShadowRootOf | undefined {
  const dom = (globalThis as { chrome?: { dom?: ChromeDom } }).chrome?.dom;
  const chromeOpen = dom?.openOrClosedShadowRoot;
  if (chromeOpen) return (el) => chromeOpen.call(dom, el as HTMLElement) ?? null;
  const probe = (globalThis as { document?: Document }).document?.documentElement as (Element & { openOrClosedShadowRoot?: unknown }) | undefined;
  if (probe && 'openOrClosedShadowRoot' in probe) {
    return (el) => (el as Element & { openOrClosedShadowRoot?: ShadowRoot | null }).openOrClosedShadowRoot ?? null;
  }
  return undefined;
}

/** The shadow root of `el`, open or closed where the browser lets a content script see it. */
export function shadowRootOf(el: Element): ShadowRoot | null {
  try {
    return el.shadowRoot ?? reader()?.(el) ?? null;
  } catch {
    return null;
  }
}

let cached: ShadowRootOf | undefined | null = null;
function reader(): ShadowRootOf | undefined {
  if (cached === null) cached = closedShadowRootReader();
  return cached;
}

/**
 * Main world, document_start: reports shadow roots attached to connected hosts. Idempotent.
 * Kept tiny (it runs on every CRM page before the page's own scripts).
 */
export function reportLateShadowRoots(win: Window & typeof globalThis): void {
  const proto = win.Element.prototype;
  const attach = proto.attachShadow;
  if (typeof attach !== 'function') return;
  // The answer again if document.open() wiped the document's listeners (the wrapper stays).
  answerPing(win.document);
  if ((attach as { crmCoach?: boolean }).crmCoach) return;
  const Ev = win.Event;
  function attachShadow(this: Element, init: ShadowRootInit): ShadowRoot {
    const root = attach.call(this, init);
    if (this.isConnected) this.dispatchEvent(new Ev(SHADOW_ROOT_EVENT, { bubbles: true, composed: true }));
    return root;
  }
  (attachShadow as { crmCoach?: boolean }).crmCoach = true;
  proto.attachShadow = attachShadow;
}

/**
 * Firefox, isolated world, document_start: the report where MV2 runs no main-world script.
 *
 * The page's attachShadow must keep working after this content script is gone: Firefox destroys
 * a content script's sandbox when the add-on is disabled, updated or removed, and a function the
 * sandbox put in the page (`exportFunction`) then throws "can't access dead object" on every call
 * (tests/e2e/late-shadow.test.mjs). So nothing of the sandbox is put in the page's call path:
 * the page's Element.prototype.attachShadow (reached through the Xray waiver `wrappedJSObject`)
 * becomes a Proxy of the original built only from the page's own objects. Its handler's `apply`
 * is a getter, read on each call: the page's `[Reflect.apply].find(ping)`, where `ping` is the
 * page's `document.dispatchEvent` bound to one SHADOW_ROOT_EVENT. So each call first dispatches
 * the event on the document (listeners never throw into the dispatcher) and then runs
 * `Reflect.apply(original, host, args)`: the original's result, the original's exceptions. The
 * event names no host: the watcher re-checks the custom elements it has seen without a root.
 * Should the dispatch ever answer false, `find` yields undefined and the Proxy calls the original
 * directly. Does nothing where there is no `wrappedJSObject` (every browser but Firefox).
 */
export function reportLateShadowRootsInPageRealm(win: Window): void {
  const page = (win as Window & { wrappedJSObject?: Window & typeof globalThis }).wrappedJSObject;
  if (!page) return;
  const proto = page.Element.prototype;
  const attach = proto.attachShadow;
  if (typeof attach !== 'function') return;
  const ping = page.EventTarget.prototype.dispatchEvent.bind(page.document, new page.Event(SHADOW_ROOT_EVENT));
  const handler = page.Object.create(null) as ProxyHandler<typeof attach>;
  const getter = page.Object.create(null) as PropertyDescriptor;
  getter.get = page.Array.prototype.find.bind(page.Array.of(page.Reflect.apply), ping);
  page.Object.defineProperty(handler, 'apply', getter);
  proto.attachShadow = new page.Proxy(attach, handler);
  // The answer is a listener of this sandbox (on the Xray view of the document): gone with it.
  if (win.document) answerPing(win.document);
}
