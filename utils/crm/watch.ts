/**
 * Follows a CRM page without polling: one MutationObserver over the document and every shadow
 * root as it appears, input/change events (typing changes values without mutations), SPA
 * navigation through the Navigation API where the browser has it, popstate/hashchange, and a
 * URL comparison on each batch. Everything is batched to one callback per animation frame; no
 * timer runs while the page is idle; everything is disconnected when the signal aborts.
 * Content scripts run in an isolated world: the page's history is never patched.
 */
import { OVERLAY_TAG, rootOf, type ShadowRootOf } from './dom';
import { logOnce } from './log';

export type ChangeReason = 'mutation' | 'navigation';

export interface WatchOptions {
  doc: Document;
  onChange: (reason: ChangeReason) => void;
  signal: AbortSignal;
  shadowRootOf?: (el: Element) => ShadowRoot | null;
}

const OBSERVE: MutationObserverInit = { childList: true, subtree: true, attributes: true, characterData: true };

/** True when the node is our overlay or inside it (in the flat tree). */
function inOverlay(node: Node | null): boolean {
  for (let n: Node | null = node; n; ) {
    if (n.nodeType === 1 && (n as Element).localName === OVERLAY_TAG) return true;
    const parent: Node | null = n.parentNode;
    if (parent && parent.nodeType === 11 && (parent as ShadowRoot).host) n = (parent as ShadowRoot).host;
    else n = parent;
  }
  return false;
}

export function watchPage(opts: WatchOptions): void {
  const { doc, onChange, signal } = opts;
  const sro: ShadowRootOf | undefined = opts.shadowRootOf;
  if (signal.aborted) return;
  const win = doc.defaultView;
  if (!win) return;

  const observedRoots = new WeakSet<Node>();
  /** Custom elements seen without a shadow root yet: rechecked on each batch (attachShadow makes no mutation). */
  let pendingHosts = new Set<Element>();
  let pending: ChangeReason | null = null;
  let frame: number | null = null;
  let frameIsTimeout = false;
  let lastUrl = doc.URL;
  let stopped = false;

  const raf: ((cb: () => void) => number) | null = typeof win.requestAnimationFrame === 'function' ? (cb) => win.requestAnimationFrame(cb) : null;

  function schedule(reason: ChangeReason): void {
    if (stopped) return;
    if (reason === 'navigation' || pending === null) pending = reason;
    if (frame !== null) return;
    if (raf) {
      frame = raf(flush);
      frameIsTimeout = false;
    } else {
      // No animation frames (test DOMs): one-shot, only while there is work.
      frame = win!.setTimeout(flush, 16) as unknown as number;
      frameIsTimeout = true;
    }
  }

  function flush(): void {
    frame = null;
    if (stopped) return;
    let reason = pending ?? 'mutation';
    pending = null;
    if (pendingHosts.size) recheckHosts();
    if (doc.URL !== lastUrl) {
      lastUrl = doc.URL;
      reason = 'navigation';
    }
    try {
      onChange(reason);
    } catch (err) {
      logOnce('page change handler failed', err);
    }
  }

  function observeRoot(root: Node): void {
    if (observedRoots.has(root)) return;
    observedRoots.add(root);
    observer.observe(root, OBSERVE);
    scanForRoots(root as ParentNode);
  }

  function consider(el: Element): void {
    if (el.localName === OVERLAY_TAG) return;
    const sr = rootOf(el, sro);
    if (sr) observeRoot(sr);
    else if (el.localName.indexOf('-') > 0) pendingHosts.add(el);
  }

  function scanForRoots(root: ParentNode): void {
    if ((root as Node).nodeType === 1) consider(root as Element);
    const all = root.querySelectorAll('*');
    for (let i = 0; i < all.length; i++) {
      const el = all[i];
      if (el.localName === OVERLAY_TAG) continue;
      consider(el);
    }
  }

  function recheckHosts(): void {
    const still = new Set<Element>();
    for (const el of pendingHosts) {
      if (!el.isConnected) continue;
      const sr = rootOf(el, sro);
      if (sr) observeRoot(sr);
      else still.add(el);
    }
    pendingHosts = still;
  }

  const observer = new win.MutationObserver((records) => {
    let relevant = false;
    for (const r of records) {
      if (inOverlay(r.target)) continue;
      if (r.type === 'childList') {
        let onlyOverlay = r.addedNodes.length + r.removedNodes.length > 0;
        r.addedNodes.forEach((n) => {
          if (n.nodeType === 1 && (n as Element).localName === OVERLAY_TAG) return;
          onlyOverlay = false;
          if (n.nodeType === 1) scanForRoots(n as Element);
        });
        r.removedNodes.forEach((n) => {
          if (!(n.nodeType === 1 && (n as Element).localName === OVERLAY_TAG)) onlyOverlay = false;
        });
        if (onlyOverlay) continue;
      }
      relevant = true;
    }
    if (relevant) schedule('mutation');
  });

  const onInput = (ev: Event): void => {
    const t = ev.composedPath ? ev.composedPath()[0] : ev.target;
    if (inOverlay((t as Node) ?? null)) return;
    schedule('mutation');
  };
  const onNav = (): void => schedule('navigation');

  observeRoot(doc);
  // Every listener goes when the signal aborts.
  const capture = { capture: true, signal };
  doc.addEventListener('input', onInput, capture);
  doc.addEventListener('change', onInput, capture);
  win.addEventListener('popstate', onNav, { signal });
  win.addEventListener('hashchange', onNav, { signal });
  const nav = (win as Window & { navigation?: EventTarget }).navigation;
  if (nav && typeof nav.addEventListener === 'function') {
    nav.addEventListener('navigatesuccess', onNav, { signal });
    nav.addEventListener('currententrychange', onNav, { signal });
  }

  signal.addEventListener(
    'abort',
    () => {
      stopped = true;
      observer.disconnect();
      if (frame !== null) {
        if (frameIsTimeout) win.clearTimeout(frame);
        else win.cancelAnimationFrame?.(frame);
        frame = null;
      }
      pendingHosts.clear();
    },
    { once: true },
  );
}
