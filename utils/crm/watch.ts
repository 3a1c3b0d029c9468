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
  /** Nodes out of the page the shared observer may still observe before it is rebuilt (see compact; default 1024). */
  compactFrom?: number;
}

/** Mutation records one batch hands over at most; a bigger batch says "everything changed". */
const MAX_BATCH_RECORDS = 1000;

/** See WatchOptions.compactFrom. */
const COMPACT_FROM = 1024;
/** Roots a scan observes with the shared observer before it gets an observer of its own. */
const GROUP_FROM = 64;

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

/** What an observer calls: the watcher's handler while it runs, nothing once it stopped. */
interface RecordsSink {
  on: ((records: MutationRecord[]) => void) | null;
}

/**
 * A MutationObserver made here, not inside watchPage: a root remembers its observer (see
 * watchPage), and a callback made in watchPage's scope would keep all of a stopped watcher's
 * state alive for as long as the page keeps that root. This one holds only the sink.
 */
function sinkObserver(win: Window & typeof globalThis, sink: RecordsSink): MutationObserver {
  return new win.MutationObserver((records) => sink.on?.(records));
}

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

  /*
   * Observers and their cost. A MutationObserver keeps a registration for every node it was told
   * to observe until that node is garbage collected, and each delivery walks all of its
   * registrations (Blink clears transient registrations there). On the bench's page one delivery
   * cost about 50 µs after no navigation and 170 to 840 µs after 30, depending on when the
   * collector last ran: each record page left behind kept its thousand shadow roots registered
   * until the next major collection (bench/tools/mo-registrations.mjs). So:
   *
   * - A scan that finds many roots (a new record page) observes all but its first GROUP_FROM with
   *   an observer of its own. Only observers with records are delivered: the page's re-rendered
   *   fields walk its own registrations, and a page gone costs nothing more.
   * - The shared observer (the document, late roots, small scans and big scans' first roots) is
   *   rebuilt once `compactFrom` of the nodes it observes have left the page: pending records
   *   handled, disconnected, the nodes still in the page observed again (compact). A node that
   *   left the page and comes back is an added node: scanned, its roots observed again.
   * - Each root is observed by one observer only (its own, remembered on the root; this world's
   *   wrapper, unseen by the page): a root observed again renews that registration rather than
   *   adding a second one, so no record comes twice. Records of one tree therefore come in order;
   *   records of different trees may come in separate callbacks, and the live index reads what
   *   changed from the page, not from the order of the callbacks.
   */
  /** Where a root (this world's wrapper of it) keeps the observer of this watcher that observes it. */
  const OBSERVED_BY = Symbol('observed by');
  const sink: RecordsSink = {
    on: (records) => {
      take(records);
      compact();
    },
  };
  const newObserver = (): MutationObserver => sinkObserver(win, sink);
  const shared = newObserver();
  /** The scans' own observers (weakly: an observer lives as long as a node it observes). */
  let groups: WeakRef<MutationObserver>[] = [];
  /** The last big scan's observer (its scan held weakly: a page removed since is not kept). */
  let group: { scan: WeakRef<Node>; observer: MutationObserver } | null = null;
  /** Nodes the shared observer was told to observe since its last rebuild (weakly: no page kept alive). */
  let observed: WeakRef<Node>[] = [];
  const compactFrom = opts.compactFrom ?? COMPACT_FROM;
  let nextCheck = compactFrom;

  function observerFor(scan: Node | null, nth: number): MutationObserver {
    if (!scan || nth <= GROUP_FROM) return shared;
    if (group?.scan.deref() !== scan) {
      group = { scan: new WeakRef(scan), observer: newObserver() };
      if (groups.length >= 64) groups = groups.filter((g) => g.deref());
      groups.push(new WeakRef(group.observer));
    }
    return group.observer;
  }

  function observeRoot(root: Node, scan: Node | null = null, nth = 0): void {
    const tagged = root as Node & Record<symbol, MutationObserver | undefined>;
    const by = tagged[OBSERVED_BY] ?? (tagged[OBSERVED_BY] = observerFor(scan, nth));
    by.observe(root, OBSERVE);
    if (by === shared) observed.push(new WeakRef(root));
  }

  /**
   * At the end of a delivery, once the shared observer has been told about `nextCheck` nodes:
   * rebuilt when `compactFrom` of them have left the page (see above), else only its list
   * forgotten of the collected ones. The next look waits for as many new nodes as are live.
   */
  function compact(): void {
    if (stopped || observed.length < nextCheck) return;
    const seen = new Set<Node>();
    const live = new Set<Node>();
    const kept: WeakRef<Node>[] = [];
    let gone = 0;
    for (const ref of observed) {
      const n = ref.deref();
      if (!n || seen.has(n)) continue; // collected (its registration too), or listed twice
      seen.add(n);
      if (n.isConnected) live.add(n);
      else gone++;
      kept.push(ref);
    }
    observed = kept;
    if (gone >= compactFrom) {
      const left = shared.takeRecords();
      if (left.length) take(left);
      shared.disconnect();
      observed = [];
      for (const n of live) observeRoot(n);
    }
    nextCheck = observed.length + Math.max(compactFrom, live.size);
  }

  function take(records: MutationRecord[]): void {
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
  }

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
      sink.on = null;
      shared.disconnect();
      for (const g of groups) g.deref()?.disconnect();
      groups = [];
      group = null;
      observed = [];
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
