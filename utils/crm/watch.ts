/**
 * Follows a CRM page without polling: one MutationObserver over the document and every shadow
 * root as it appears, input/change events (typing changes values without mutations), SPA
 * navigation through the Navigation API where the browser has it, popstate/hashchange, and a
 * URL comparison on each batch. Everything is batched to one callback per animation frame; no
 * timer runs while the page is idle; everything is disconnected when the signal aborts.
 * Content scripts run in an isolated world: the page's history is never patched.
 */
import { OVERLAY_TAG } from './dom';
import { createLiveIndex, type LiveIndex } from './live-index';
import { logOnce } from './log';
import type { PageChanges } from './selector-changes';
import { lateRootsReported, SHADOW_ROOT_EVENT } from './shadow-root';

export type ChangeReason = 'mutation' | 'navigation';

export interface WatchOptions {
  doc: Document;
  /**
   * One call per batch; `observerMs` is the time the observer callbacks of the batch took;
   * `changes` what the batch changed (for selector targets: utils/crm/selector-changes.ts).
   */
  onChange: (reason: ChangeReason, observerMs: number, changes: PageChanges) => void;
  signal: AbortSignal;
  shadowRootOf?: (el: Element) => ShadowRoot | null;
  /**
   * The content script's live index: it gets every record and finds new shadow roots when the
   * caller runs its work (in slices). Without one, the watcher keeps its own and scans new
   * subtrees for shadow roots right away.
   */
  index?: LiveIndex;
  /**
   * Whether every page change needs a batch. While it answers false, a record the live index
   * calls inert (LiveIndex.note: a field no pack names re-rendered) makes none, and its record is
   * not handed over. Without it, every change does.
   */
  everyChange?: () => boolean;
  /** A callback whose records were all inert, with the time it took (the bench measures it as a batch). */
  onQuiet?: (observerMs: number) => void;
}

/** Mutation records one batch hands over at most; a bigger batch says "everything changed". */
const MAX_BATCH_RECORDS = 1000;

const OBSERVE: MutationObserverInit = { childList: true, subtree: true, attributes: true, characterData: true };

/** True when the node is our overlay or inside it (through shadow roots): one hop per shadow tree. */
function inOverlay(node: Node | null): boolean {
  // No cache per shadow root: a WeakMap keyed by thousands of short-lived roots grew its table by
  // about 1 MB over 600 navigations (heap snapshots, bench/tools), more than the hops it saves.
  for (let n: Node | null = node; n; ) {
    const el = n.nodeType === 1 ? (n as Element) : n.parentElement;
    if (el?.closest(OVERLAY_TAG)) return true;
    const root = n.getRootNode();
    n = root.nodeType === 11 ? ((root as ShadowRoot).host ?? null) : null;
  }
  return false;
}

/**
 * inOverlay for a MutationRecord's target, in one hop. The watcher observes the document and the
 * shadow roots the live index found, and the index never looks inside the overlay (its scan skips
 * the overlay's host, reported hosts inside it are refused): a target in a shadow tree is in one
 * of the page's. Only a target in the document's own tree needs a look, at its ancestors there.
 * (Every record of a quiet batch used to walk each shadow level up to the document: in profiles
 * of the bench's churn that was a tenth of the coach's time.)
 */
const recordInOverlay = (target: Node): boolean => target.getRootNode().nodeType === 9 && inOverlay(target);

const NO_NODES: readonly Node[] = [];

/**
 * A record's added or removed nodes as an array. A content script reaches page objects through
 * its own world's wrappers, and every property read crosses over: read once, used twice (the
 * overlay filter here, the live index's note).
 */
function nodesOf(list: NodeList): readonly Node[] {
  const n = list.length;
  if (n === 0) return NO_NODES;
  const out = new Array<Node>(n);
  for (let i = 0; i < n; i++) out[i] = list[i];
  return out;
}

const isOverlay = (n: Node): boolean => n.nodeType === 1 && (n as Element).localName === OVERLAY_TAG;

export function watchPage(opts: WatchOptions): void {
  const { doc, onChange, signal } = opts;
  if (signal.aborted) return;
  const win = doc.defaultView;
  if (!win) return;

  const own = !opts.index;
  const index = opts.index ?? createLiveIndex(doc, opts.shadowRootOf);
  let pending: ChangeReason | null = null;
  let frame: number | null = null;
  let frameIsTimeout = false;
  let lastUrl = doc.URL;
  let stopped = false;
  let observerMs = 0;
  let changes: { everything: boolean; records: MutationRecord[]; input: boolean } = { everything: false, records: [], input: false };

  const raf: ((cb: () => void) => number) | null = typeof win.requestAnimationFrame === 'function' ? (cb) => win.requestAnimationFrame(cb) : null;

  function schedule(reason: ChangeReason): void {
    if (stopped) return;
    if (reason === 'navigation' || pending === null) pending = reason;
    if (frame !== null) return;
    if (raf) {
      // In the frame's callback, before the browser's style and layout. Not in a task posted from
      // it: a page task could then come between the frame and the batch (the bench's navigation
      // did), and the batch's visibility checks at the end of its reading made the browser style
      // the whole new page there and then (batches of 44 and 64 ms in 90 s of churn). Here the
      // first slice reads the new page's structure and the frame styles it right after.
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
    // Without a late-root report, any batch may follow an attachShadow no mutation announced.
    if (!reported || rootsReported) {
      rootsReported = false;
      index.recheckHosts();
    }
    if (own) index.work(Infinity);
    if (doc.URL !== lastUrl) {
      lastUrl = doc.URL;
      reason = 'navigation';
    }
    const ms = observerMs;
    observerMs = 0;
    const batch = changes;
    changes = { everything: false, records: [], input: false };
    if (reason === 'navigation') batch.everything = true;
    try {
      onChange(reason, ms, batch);
    } catch (err) {
      logOnce('page change handler failed', err);
    }
  }

  // Observing a node again only renews its options (no second registration): no set of observed
  // roots to keep (a weak set of thousands of short-lived roots only grows between collections).
  function observeRoot(root: Node): void {
    observer.observe(root, OBSERVE);
  }

  const observer = new win.MutationObserver((records) => {
    const t0 = performance.now();
    let relevant = false;
    let quiet = false;
    const every = !opts.everyChange || opts.everyChange();
    for (let i = 0; i < records.length; i++) {
      // Each property is read once (see nodesOf). Indexed: no iterator per callback.
      const r = records[i];
      const target = r.target;
      if (recordInOverlay(target)) continue;
      const type = r.type;
      let added = NO_NODES;
      let removed = NO_NODES;
      if (type === 'childList') {
        added = nodesOf(r.addedNodes);
        removed = nodesOf(r.removedNodes);
        if (added.length + removed.length > 0 && added.every(isOverlay) && removed.every(isOverlay)) continue;
      }
      const attribute = type === 'attributes' ? r.attributeName : null;
      if (index.note(type, target, added, removed, attribute, removed.length ? r.nextSibling : null) && !every) {
        quiet = true;
        continue;
      }
      if (changes.records.length < MAX_BATCH_RECORDS) changes.records.push(r);
      else changes.everything = true;
      relevant = true;
    }
    if (relevant && own) index.work(Infinity);
    const ms = performance.now() - t0;
    if (relevant) {
      observerMs += ms;
      schedule('mutation');
    } else if (quiet) opts.onQuiet?.(ms);
  });

  const onInput = (ev: Event): void => {
    const t = ev.composedPath ? ev.composedPath()[0] : ev.target;
    if (inOverlay((t as Node) ?? null)) return;
    if (t && typeof (t as Node).nodeType === 'number') index.input(t as Node);
    changes.input = true;
    schedule('mutation');
  };
  const onNav = (): void => schedule('navigation');
  // A host got a shadow root after it was in the page (utils/crm/shadow-root.ts): no mutation says so.
  const onShadowRoot = (ev: Event): void => {
    const host = ev.composedPath ? ev.composedPath()[0] : ev.target;
    if (host && (host as Node).nodeType === 1 && !inOverlay(host as Node)) index.noteHost(host as Element);
    rootsReported = true;
    changes.everything = true;
    schedule('mutation');
  };

  index.attach(observeRoot);
  observeRoot(doc);
  const reported = lateRootsReported(doc);
  let rootsReported = false;
  if (own) index.work(Infinity);
  // Every listener goes when the signal aborts.
  const capture = { capture: true, signal };
  doc.addEventListener('input', onInput, capture);
  doc.addEventListener('change', onInput, capture);
  doc.addEventListener(SHADOW_ROOT_EVENT, onShadowRoot, capture);
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
      index.attach(() => {});
      if (frame !== null) {
        if (frameIsTimeout) win.clearTimeout(frame);
        else win.cancelAnimationFrame?.(frame);
        frame = null;
      }
    },
    { once: true },
  );
}
