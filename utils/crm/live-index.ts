/**
 * The live page index of the content script. It finds shadow roots as they appear (the watcher
 * observes each one), keeps the elements matching a few tracked selectors in page order, and
 * keeps them up to date from MutationRecords instead of walking the page again: a removed node
 * drops its elements, an added subtree is scanned once (a walk from element to element, into
 * its shadow roots), an attribute change re-tests one element. Per-element memos are dropped when
 * a mutation touches the element's subtree; visibility is computed lazily, once per element per
 * batch.
 *
 * Work is resumable: work(deadline) stops once the deadline has passed and carries on at the
 * next call, where it stood (following what the page removed meanwhile), so a new page of
 * thousands of elements is indexed in slices.
 *
 * Tracked selectors must depend only on the element's own attributes (no combinators, no :has or
 * structural pseudo-classes; see isSimpleSelector): that is what makes re-testing one element on
 * an attribute change enough.
 *
 * A prune test (prune()) leaves out containers (elements of the first tracked selector) it
 * names: such a container is not listed, and its subtree and shadow roots are neither scanned nor
 * observed. That is how a navigation costs what the packs need rather than the page
 * (docs/adapters.md "The live index"): a field no pack names costs one test of its own
 * attributes. A container whose attributes change so that the test lets it in is scanned then;
 * another test rebuilds the lists from the whole page (on the next work).
 */
import { canHostShadow, composedCompare, deepQueryAll, flatParent, hostChain, isVisible, newVisibilityMemo, OVERLAY_TAG, rootOf, safeMatches, type ShadowRootOf, validSelector, type VisibilityMemo } from './dom';
import type { PageIndex } from './types';

export interface LiveIndex extends PageIndex {
  /** Tracks these selectors (a different set rebuilds the lists on the next work). */
  track(selectors: readonly string[]): void;
  /**
   * Connects the watcher: how to observe a shadow root found in the page. `scan` is the node the
   * scan that found it started from (the document, an added node, a late root) and `nth` how many
   * roots that scan has found with this one (null and 0 for a late root found on its own;
   * Infinity for a quiet root observed after its scan, see quiet).
   */
  attach(observe: (root: Node, scan: Node | null, nth: number) => void): void;
  /**
   * A MutationRecord the watcher saw (our overlay filtered out), as it read it: each property of a
   * page object costs a crossing into the page's world, so the watcher reads them once. Cheap:
   * the work comes later. Returns true when the record only put left-out containers in or took
   * them out (see prune), outside every listed container: nothing the index lists or remembers a
   * visibility for changed, so the record needs no batch of its own (its target's tracked
   * ancestors lose their memos with the next one). `nextSibling`: the record's, for a removal (a
   * scan waiting for its next slice carries on there when what it was to walk next went).
   */
  note(type: MutationRecordType, target: Node, added: readonly Node[], removed: readonly Node[], attribute?: string | null, nextSibling?: Node | null): boolean;
  /**
   * Typing changed what `node` shows without a mutation (input/change events). Quiet roots are
   * observed from then on (see quiet): a value the user changed may make the page show a field.
   */
  input(node: Node): void;
  /**
   * Whether shadow roots that hold only left-out containers may go unobserved ("quiet roots",
   * off at first). While on, the scan remembers such a root instead of observing it: the page's
   * re-renders of the fields no pack names there then cost no record at all. Turned off (the
   * coach needs every change: a tour follows the page, a pack targets selectors), every
   * remembered root still in the page is observed, and so is every root found after. Quiet roots
   * are also observed at the user's first input or change event on the page (see input).
   */
  quiet(allowed: boolean): void;
  /**
   * An element that just got a shadow root (the main-world report, watch.ts): looked at by the
   * next recheckHosts, like the custom elements seen without one.
   */
  noteHost(el: Element): void;
  /** Hosts seen without a shadow root may have one now (attachShadow makes no record). */
  recheckHosts(): void;
  /** Does pending work until `deadline` (a performance.now() time); true when nothing is left. */
  work(deadline: number): boolean;
  /** True while work is pending. */
  readonly pending: boolean;
  /** Tracked elements added, removed or changed since the last call ('all' after a rebuild). */
  takeChanged(): Set<Element> | 'all';
  /**
   * Containers (first tracked selector) left out while `test` says so (neither listed nor
   * followed inside); null keeps every one. A different test rebuilds the lists on the next work.
   * The test may be asked about any element (before any selector is matched, which costs more
   * than the test): it answers true only for a container.
   */
  prune(test: ((container: Element) => boolean) | null): void;
  /**
   * Work done so far: elements walked by the scan and shadow roots observed; and the containers
   * left out, the rootless custom elements and the quiet roots now kept (for tests and tools).
   */
  readonly stats: { readonly elements: number; readonly roots: number; readonly leftOut: number; readonly rootless: number; readonly quiet: number };
}

interface List {
  selector: string;
  els: Element[];
  set: Set<Element>;
}

/**
 * One tree (document, shadow root or an added element's light subtree) being scanned: a walk from
 * element to element (firstElementChild, nextElementSibling, parentNode), which costs the page
 * no node lists; the tree's own node is never visited.
 */
interface Frame {
  tree: ParentNode & Node;
  /** The next element to visit, in tree order; null when the tree is done. */
  next: Element | null;
  /** Tracked matches of this tree that contain the current element (innermost last). */
  open: Element[];
  /** Tracked ancestors outside this tree. */
  above: readonly Element[];
  /**
   * The shadow root this frame walks, while whether to observe it waits for the walk's end
   * (settleRoot: a quiet root is not observed); null when it is observed already, or no root.
   */
  root: Node | null;
  /** The walk of this tree met no tracked match, no shadow root it entered and no rootless custom element. */
  quiet: boolean;
  /** The walk of this tree left a container out (see prune). */
  leftOut: boolean;
}

interface Scan {
  top: Node;
  /** Shadow roots found so far. */
  roots: number;
  frames: Frame[];
  runs: Element[][];
  /** A tree was walked again from its start (see resume): its runs may hold an element twice. */
  again: boolean;
}

const NONE: readonly Element[] = [];

/** Left-out containers kept before the first sweep of removed ones (see `pruned`). */
const PRUNED_SWEEP_AT = 8192;
/** Quiet roots kept before the first sweep of removed ones (see `quietRoots`). */
const QUIET_SWEEP_AT = 8192;
/** Rootless custom elements kept before the first sweep of removed ones (see `pendingHosts`). */
const PENDING_SWEEP_AT = 4096;

/** Style sheets: adding, removing or editing one can change what is visible anywhere. */
const isStyleName = (localName: string): boolean => localName === 'style' || localName === 'link';
const isStyle = (n: Node): boolean => n.nodeType === 1 && isStyleName((n as Element).localName);

/** The element after `el`'s subtree in `tree`, in tree order; null at the end of the tree. */
function after(el: Element, tree: Node): Element | null {
  for (let n: Node = el; ; ) {
    const next = (n as Element).nextElementSibling;
    if (next) return next;
    const up = n.parentNode;
    if (!up || up === tree) return null;
    n = up;
  }
}

/** Strip quoted strings and attribute brackets, where spaces and symbols mean nothing. */
function bare(selector: string): string {
  return selector
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '')
    .replace(/\[[^\]]*\]/g, '[]')
    .replace(/\s*,\s*/g, ',')
    .trim();
}

/** True when matching depends only on the element itself (see the module comment). */
export function isSimpleSelector(selector: string): boolean {
  const b = bare(selector);
  return !/[\s>+~]/.test(b) && !/:(has|nth-|first-|last-|only-|empty|root|scope|host|defined)/i.test(b);
}

/** The parent through shadow roots (shadow-including ancestors, not the flat tree). */
function parentOrHost(n: Node): Element | null {
  const p = n.parentNode;
  if (!p) return null;
  if (p.nodeType === 1) return p as Element;
  return p.nodeType === 11 ? ((p as ShadowRoot).host ?? null) : null;
}

export function createLiveIndex(doc: Document, sro?: ShadowRootOf): LiveIndex {
  let lists: List[] = [];
  let combined = '';
  /** The tracked selectors but the first, as one list. */
  let others = '';
  let observe: (root: Node, scan: Node | null, nth: number) => void = () => {};
  let starts: Node[] = [doc];
  let scan: Scan | null = null;
  let targets = new Set<Node>();
  let attrTargets = new Set<Element>();
  let removedNodes: Node[] = [];
  let pendingHosts = new Set<Element>();
  /**
   * Past this size the hosts no longer in the page are forgotten (doubled after each sweep):
   * where a late-root report answers, recheckHosts runs only after a report, so it cannot be
   * what keeps the set from holding removed pages.
   */
  let pendingSweepAt = PENDING_SWEEP_AT;
  const addPending = (el: Element): void => {
    pendingHosts.add(el);
    if (pendingHosts.size <= pendingSweepAt) return;
    for (const h of pendingHosts) if (!h.isConnected) pendingHosts.delete(h);
    pendingSweepAt = Math.max(PENDING_SWEEP_AT, pendingHosts.size * 2);
  };
  /** Elements other than custom elements whose late shadow root was scanned (see noteHost). */
  const scannedRoots = new WeakSet<Element>();
  const memos = new WeakMap<Element, Map<string, unknown>>();
  /**
   * The tracked elements among each element's flat-tree ancestors (itself included), remembered
   * as invalidate() walks up: a mutation inside drops their memos without walking up to the
   * document again (that walk, 20 to 40 levels on Lightning, was the largest part of a quiet
   * batch). Forgotten when the lists change and on any record that can change the flat tree:
   * an attribute change (slot, name), an element added or removed that the scan does not leave
   * out (a move), a late shadow root. A re-rendered field no pack names changes none of them.
   */
  let above = new WeakMap<Element, readonly Element[]>();
  let aboveStale = false;
  /**
   * The elements whose visibility is remembered and all their flat-tree ancestors (see
   * attributeInert), built when asked; forgotten with `above` and when a visibility is added.
   */
  let visAncestors: Set<Element> | null = null;
  /** The flat tree or the lists may have changed: `above` and `visAncestors` are forgotten. */
  const ancestryChanged = (): void => {
    aboveStale = true;
    visAncestors = null;
  };
  let ancestorsOf = new WeakMap<Element, readonly Element[]>();
  const chains = new WeakMap<Element, readonly Element[]>();
  let changed: Set<Element> | 'all' = 'all';
  /** Visibility known so far, dropped for elements under a change that can affect it. */
  const visCache = new Map<Element, boolean>();
  let visMemo: VisibilityMemo = newVisibilityMemo();
  /** Attribute targets and added nodes since the last work: what can change visibility below it. */
  let visRoots = new Set<Node>();
  let styleChanged = false;
  let visibilityEpoch = 0;
  let pruneTest: ((container: Element) => boolean) | null = null;
  /**
   * Containers the scan left out (see prune), each with the node its scan started from: the
   * document, or what was added (a new record page, a re-rendered field). A Map, emptied of
   * removed elements as they go: a WeakMap's table only grows with thousands of short-lived keys
   * (heap snapshots: +256 KB per 600 navigations of a 200-field page), a Map's shrinks on delete.
   */
  const pruned = new Map<Element, Node>();
  /** Past this size the map is swept of elements no longer in the page (doubled after each sweep). */
  let prunedSweepAt = PRUNED_SWEEP_AT;
  /**
   * Forgets the left-out containers no longer in the page. A start that left the page took its
   * containers with it (one look for all of them: a record page holds thousands); a container
   * moved elsewhere since was left out again there, under its new start. Of a start still in the
   * page, only `each` (or the document's: the first page read) has its containers looked at one
   * by one; a part of it removed is otherwise forgotten when its removal is handled (dropRemoved).
   */
  const forgetGonePruned = (each: boolean): void => {
    forgetGone(pruned, each);
    forgetGone(quietRoots, each);
  };
  /** forgetGonePruned for one map of nodes to their scan's start. */
  const forgetGone = <K extends Node>(map: Map<K, Node>, each: boolean): void => {
    const gone = new Map<Node, boolean>();
    // forEach, not for…of: no entry pair per container (thousands per record page) for the GC.
    map.forEach((top, n) => {
      let g = gone.get(top);
      if (g === undefined) gone.set(top, (g = !top.isConnected));
      if (g || ((each || top === doc) && !n.isConnected)) map.delete(n);
    });
  };
  /**
   * Quiet roots (see LiveIndex.quiet), each with the node its scan started from, forgotten like
   * the left-out containers (forgetGonePruned), and swept past QUIET_SWEEP_AT (doubled after each).
   */
  const quietRoots = new Map<Node, Node>();
  let quietAllowed = false;
  let quietSweepAt = QUIET_SWEEP_AT;
  const stats = {
    elements: 0,
    roots: 0,
    get leftOut() {
      return pruned.size;
    },
    get rootless() {
      return pendingHosts.size;
    },
    get quiet() {
      return quietRoots.size;
    },
  };
  /** Hands a root to the watcher (see attach), counted in stats. */
  const observeRoot = (root: Node, top: Node | null, nth: number): void => {
    stats.roots++;
    observe(root, top, nth);
  };
  const watchRoot = (root: Node, s: Scan | null): void => (s ? observeRoot(root, s.top, ++s.roots) : observeRoot(root, null, 0));
  /**
   * True when the scan leaves `el` out (a container of the first list the prune test names). The
   * test answers for containers only (see prune), so no selector is matched here.
   */
  const prunes = (el: Element, top: Node): boolean => {
    if (!pruneTest || !lists.length || !pruneTest(el)) return false;
    pruned.set(el, top);
    if (pruned.size > prunedSweepAt) {
      forgetGonePruned(true);
      prunedSweepAt = Math.max(PRUNED_SWEEP_AT, pruned.size * 2);
    }
    return true;
  };
  /** An element added to the page (again): its old answer forgotten, the test asked anew. */
  const prunesAdded = (el: Element): boolean => {
    pruned.delete(el);
    return prunes(el, el);
  };
  /** True when `el` sits inside a pruned container (its scan waits until the container is let in). */
  const insidePruned = (el: Element): boolean => {
    if (!pruned.size) return false;
    for (let n = parentOrHost(el); n; n = parentOrHost(n)) if (pruned.has(n)) return true;
    return false;
  };

  const chainOf = (el: Element): readonly Element[] => {
    let c = chains.get(el);
    if (!c) {
      c = hostChain(el);
      chains.set(el, c);
    }
    return c;
  };
  const order = (a: Element, b: Element): number => composedCompare(a, b, chainOf);

  /** How many lists hold each element. */
  const inLists = new Map<Element, number>();
  /** Tracked elements that have (or had) tracked elements inside: the others leave alone when removed. */
  const hasInside = new Set<Element>();
  const tracked = (el: Element): boolean => inLists.has(el);
  const listAdd = (list: List, el: Element): void => {
    if (list.set.has(el)) return;
    list.set.add(el);
    ancestryChanged();
    inLists.set(el, (inLists.get(el) ?? 0) + 1);
  };
  const listDelete = (list: List, el: Element): boolean => {
    if (!list.set.delete(el)) return false;
    ancestryChanged();
    const n = (inLists.get(el) ?? 1) - 1;
    if (n > 0) inLists.set(el, n);
    else {
      inLists.delete(el);
      hasInside.delete(el);
      // Deleting (rather than waiting for GC) lets the weak tables shrink: pages come and go by thousands.
      memos.delete(el);
      ancestorsOf.delete(el);
      chains.delete(el);
    }
    return true;
  };
  const touch = (el: Element): void => {
    if (changed !== 'all') changed.add(el);
  };

  function trackedAncestors(el: Element): Element[] {
    const out: Element[] = [];
    for (let n = parentOrHost(el); n; n = parentOrHost(n)) if (tracked(n)) out.push(n);
    return out.reverse();
  }

  function frame(tree: ParentNode & Node, above: readonly Element[], open: Element[] = [], root: Node | null = null): Frame {
    return { tree, next: tree.firstElementChild, open, above, root, quiet: true, leftOut: false };
  }

  /**
   * A shadow root's walk is over: observed, unless it is quiet (quiet roots allowed; its walk met
   * left-out containers and nothing else the index follows; and it is inside no listed field
   * container, whose memos a swap of left-out containers inside would make stale). A quiet root
   * is remembered with its scan's start (forgotten with it, see forgetGone).
   */
  function settleRoot(s: Scan, f: Frame): void {
    const root = f.root!;
    f.root = null;
    if (!quietAllowed || !f.quiet || !f.leftOut || f.above.some((a) => lists[0].set.has(a) || s.runs[0].includes(a))) return watchRoot(root, s);
    quietRoots.set(root, s.top);
    if (quietRoots.size <= quietSweepAt) return;
    forgetGone(quietRoots, true);
    quietSweepAt = Math.max(QUIET_SWEEP_AT, quietRoots.size * 2);
  }

  /** A scan pauses: the roots it is inside are observed now (the page may change them before it carries on). */
  function observeOpen(s: Scan): void {
    for (const f of s.frames) {
      if (!f.root) continue;
      watchRoot(f.root, s);
      f.root = null;
    }
  }

  /**
   * Every quiet root still in the page observed (see LiveIndex.quiet), and walked again by the
   * next work: what the page put there while no one looked is found. None remembered after.
   */
  function wakeQuiet(): void {
    if (!quietRoots.size) return;
    quietRoots.forEach((top, root) => {
      if (!root.isConnected) return;
      observeRoot(root, top, Infinity);
      starts.push(root);
    });
    quietRoots.clear();
  }

  function emit(s: Scan, el: Element, anc: readonly Element[]): void {
    memos.delete(el);
    chains.delete(el);
    ancestorsOf.set(el, anc);
    for (const a of anc) hasInside.add(a);
    // Most hits are of the first list (field containers): the others are tested only when one of them matches.
    if (lists.length === 1 || safeMatches(el, lists[0].selector)) s.runs[0].push(el);
    if (lists.length > 1 && safeMatches(el, others)) {
      for (let k = 1; k < lists.length; k++) if (safeMatches(el, lists[k].selector)) s.runs[k].push(el);
    }
  }

  function begin(node: Node): Scan | null {
    const s: Scan = { top: node, roots: 0, frames: [], runs: lists.map(() => []), again: false };
    if (node.nodeType === 9) {
      s.frames.push(frame(node as Document, NONE));
      return s;
    }
    if (node.nodeType === 11) {
      const host = (node as ShadowRoot).host;
      if (!host?.isConnected || pruned.has(host) || insidePruned(host)) return null;
      const above = tracked(host) ? [...trackedAncestors(host), host] : trackedAncestors(host);
      s.frames.push(frame(node as ShadowRoot, above));
      return s;
    }
    const el = node as Element;
    if (!el.isConnected || el.localName === OVERLAY_TAG) return null;
    // Every element start has had the prune test already (note, or the attribute change that let
    // it in): a re-rendered field no pack names never gets here.
    if (insidePruned(el)) return null;
    const hit = !!combined && safeMatches(el, combined);
    const above = trackedAncestors(el);
    let open: Element[] = [];
    if (hit) {
      emit(s, el, above);
      open = [el];
    }
    s.frames.push(frame(el, above, open));
    const sr = rootOf(el, sro);
    if (sr) {
      watchRoot(sr, s);
      s.frames.push(frame(sr, open.length ? [...above, el] : above));
    } else if (el.localName.indexOf('-') > 0) addPending(el);
    return s;
  }

  /**
   * The page took `removed` out of `target` while a scan waited for its next slice: a tree whose
   * next element went with them carries on at what followed them (the record's `nextSibling`), or
   * after `target` when nothing did. Records come in order, so a follower taken out later is
   * followed in turn. Nothing is walked twice, and a page that keeps replacing the part where
   * each slice ended cannot hold the scan there.
   */
  function followRemoval(s: Scan, target: Node, removed: readonly Node[], nextSibling: Node | null): void {
    for (const f of s.frames) {
      const at = f.next;
      if (!at || !removed.some((n) => n === at || (n.nodeType === 1 && (n as Element).contains(at)))) continue;
      // A removal in another tree that took this one's next element took the whole tree (an added
      // subtree the scan began from): that tree carries on as it is, as the page left it.
      if (target !== f.tree && !f.tree.contains(target)) continue;
      let e = nextSibling;
      while (e && e.nodeType !== 1) e = e.nextSibling;
      f.next = (e as Element | null) ?? (target === f.tree || target.nodeType !== 1 ? null : after(target as Element, f.tree));
    }
  }

  /**
   * A scan carried on after the page had the event loop. Should a tree's next element still not
   * be in it (a change followRemoval could not follow: its follower moved away too), the tree is
   * walked again from its start (a second visit changes nothing; what was added is a start of its
   * own).
   */
  function resume(s: Scan): void {
    for (const f of s.frames) {
      if (!f.next || f.tree.contains(f.next)) continue;
      f.next = f.tree.firstElementChild;
      s.again = true;
    }
  }

  /** Scans until done (true) or the deadline passes (false). Shadow-including tree order. */
  function step(s: Scan, deadline: number): boolean {
    let n = 0;
    const frames = s.frames;
    while (frames.length) {
      const f = frames[frames.length - 1];
      const el = f.next;
      if (!el) {
        frames.pop();
        if (f.root) settleRoot(s, f);
        continue;
      }
      if ((++n & 63) === 0 && performance.now() > deadline) {
        observeOpen(s);
        return false;
      }
      stats.elements++;
      const open = f.open;
      while (open.length && !open[open.length - 1].contains(el)) open.pop();
      const name = el.localName;
      // Our own overlay, and a container the prune test leaves out: not it, nor anything inside.
      if (name === OVERLAY_TAG || (combined && el.matches(combined) && !hit(s, f, el))) {
        f.next = after(el, f.tree);
        continue;
      }
      f.next = el.firstElementChild ?? after(el, f.tree);
      if (!canHostShadow(name)) continue;
      const sr = el.shadowRoot ?? (sro && name.indexOf('-') > 0 ? rootOf(el, sro) : null);
      if (sr) {
        f.quiet = false;
        // Observed once its walk is over, unless it is quiet (settleRoot).
        frames.push(frame(sr, open.length ? f.above.concat(open) : f.above, [], sr));
      } else if (name.indexOf('-') > 0) {
        f.quiet = false;
        addPending(el);
      }
    }
    return true;
  }

  /** A tracked match the walk met: listed (true), or left out by the prune test (false). */
  function hit(s: Scan, f: Frame, el: Element): boolean {
    if (prunes(el, s.top)) {
      f.leftOut = true;
      return false;
    }
    emit(s, el, f.open.length ? f.above.concat(f.open) : f.above);
    f.open.push(el);
    f.quiet = false;
    return true;
  }

  /**
   * note() for a record that only swaps left-out containers (a field no pack names re-rendered):
   * true, with its bookkeeping done, when every added node is a container the prune test leaves
   * out, every removed one a left-out container, and the target sits in no listed container
   * (whose memo would read what changed). Otherwise false: note's own path then handles the
   * record (asking the prune test again of any added node this one asked about).
   */
  function leftOutOnly(target: Node, added: readonly Node[], removed: readonly Node[]): boolean {
    // Indexed loops: this runs for every re-render of a field no pack names (a hundred a second
    // on the bench's page), and for…of made an iterator and a result object per step there (half
    // of what the content script allocated under churn, bench/tools/nav-alloc.mjs).
    if (!added.length && !removed.length) return false;
    for (let i = 0; i < removed.length; i++) if (removed[i].nodeType !== 1 || !pruned.has(removed[i] as Element)) return false;
    for (let i = 0; i < added.length; i++) if (added[i].nodeType !== 1 || (added[i] as Element).localName === OVERLAY_TAG) return false;
    const el = target.nodeType === 1 ? (target as Element) : target.nodeType === 11 ? ((target as ShadowRoot).host ?? null) : null;
    if (!el || !lists.length) return false;
    const up = trackedAbove(el);
    const first = lists[0].set;
    for (let i = 0; i < up.length; i++) if (first.has(up[i])) return false;
    for (let i = 0; i < added.length; i++) {
      if (!prunesAdded(added[i] as Element)) return false; // named after all: not inert
    }
    // Gone for good: forgotten now (a moved one is added again by its own record and stays left out).
    for (let i = 0; i < removed.length; i++) if (!removed[i].isConnected) pruned.delete(removed[i] as Element);
    return true;
  }

  /**
   * note() for an attribute change that changes nothing the index lists or remembers: true when
   * the element is not tracked, does not match a tracked selector now, is no left-out container
   * (its test may name it now) and no style sheet, sits in no listed container and no element
   * with memos, moves nothing in the flat tree (not slot or name), and is not an ancestor of an
   * element whose visibility is remembered. A section of fields no pack names collapsed or
   * expanded is such a change (its class and ARIA state). Never while a scan is under way: what
   * it has not reached yet is unknown.
   */
  function attributeInert(el: Element, attribute: string): boolean {
    if (attribute === 'slot' || attribute === 'name' || !lists.length || scan || starts.length) return false;
    if (tracked(el) || pruned.has(el) || isStyleName(el.localName)) return false;
    if (combined && safeMatches(el, combined)) return false;
    const up = trackedAbove(el);
    const first = lists[0].set;
    for (let i = 0; i < up.length; i++) if (first.has(up[i]) || memos.has(up[i])) return false;
    return !visibleAncestors().has(el);
  }

  /** See visAncestors: each remembered element walks up to the first ancestor already in the set. */
  function visibleAncestors(): Set<Element> {
    if (visAncestors) return visAncestors;
    const set = new Set<Element>();
    for (const el of visCache.keys()) {
      for (let n: Element | null = el; n && !set.has(n); n = flatParent(n)) set.add(n);
    }
    return (visAncestors = set);
  }

  /** Added node -> the node it replaced (same record); where the removed one was in the first list. */
  const replaced = new Map<Node, Node>();
  let removedAt = new Map<Node, number>();

  const fits = (els: readonly Element[], h: number, el: Element): boolean =>
    h <= els.length && (h === 0 || order(els[h - 1], el) < 0) && (h === els.length || order(el, els[h]) < 0);

  function insertAt(list: List, el: Element, top?: Node): number {
    if (top && list === lists[0]) {
      const was = replaced.get(top);
      const h = was && removedAt.get(was);
      if (h !== undefined && fits(list.els, h, el)) return h;
    }
    let lo = 0;
    let hi = list.els.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (order(list.els[mid], el) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** A scanned subtree's matches are contiguous in page order: one insertion point per list. */
  function merge(s: Scan): void {
    for (let k = 0; k < lists.length; k++) {
      const kept = s.runs[k].filter((el) => el.isConnected);
      // Tree order still: a tree walked again adds only repeats before its first new element.
      const run = s.again ? [...new Set(kept)] : kept;
      if (!run.length) continue;
      const list = lists[k];
      if (run.some((el) => list.set.has(el))) {
        const again = new Set(run);
        list.els = list.els.filter((el) => !again.has(el));
      }
      const at = insertAt(list, run[0], s.top);
      if (run.length < 1024) list.els.splice(at, 0, ...run);
      else list.els = list.els.slice(0, at).concat(run, list.els.slice(at));
      for (const el of run) {
        listAdd(list, el);
        touch(el);
      }
    }
  }

  function sweep(): void {
    for (const list of lists) {
      let gone = false;
      for (const el of list.els) {
        if (!el.isConnected) {
          gone = true;
          listDelete(list, el);
          touch(el);
        }
      }
      if (gone) list.els = list.els.filter((el) => el.isConnected);
    }
    forgetGonePruned(false);
  }

  /**
   * Drops the tracked elements of removed subtrees: a small subtree is searched (one native
   * query per shadow root in it), a big one (a whole page) makes one pass over the lists instead.
   */
  function dropRemoved(nodes: Node[]): void {
    const gone = new Set<Element>();
    let budget = 2000;
    const search = (tree: ParentNode): boolean => {
      const all = tree.querySelectorAll('*');
      budget -= all.length;
      if (budget < 0) return false;
      if (combined) {
        try {
          tree.querySelectorAll(combined).forEach((el) => gone.add(el));
        } catch {
          /* an invalid selector tracks nothing */
        }
      }
      for (let i = 0; i < all.length; i++) {
        if (pruned.has(all[i])) continue; // nothing tracked inside
        const sr = rootOf(all[i], sro);
        if (sr && !search(sr)) return false;
      }
      return true;
    };
    for (const n of nodes) {
      if (n.nodeType !== 1) continue;
      if (n.isConnected) {
        // Moved: the scan of its new place sees it; what it shows may have changed there.
        visRoots.add(n);
        continue;
      }
      const el = n as Element;
      gone.add(el);
      if (pruned.delete(el)) continue; // left out: nothing tracked inside
      if (tracked(el) && !hasInside.has(el)) continue; // a field re-rendered: nothing tracked inside it
      if (hasInside.has(el) && !lists[0].set.has(el)) {
        sweep(); // a page or a dialog with tracked elements inside: one pass over the lists
        return;
      }
      if (el.getElementsByTagName('*').length > budget) {
        sweep(); // a whole page went: one pass over the lists
        return;
      }
      const sr = rootOf(el, sro);
      if ((sr && !search(sr)) || (el.firstElementChild && !search(el))) {
        sweep();
        return;
      }
    }
    for (const el of gone) pruned.delete(el);
    for (const list of lists) {
      let dropped = 0;
      for (const el of gone) {
        if (listDelete(list, el)) {
          dropped++;
          touch(el);
        }
      }
      if (dropped === 0) continue;
      if (dropped < 8) {
        for (const el of gone) {
          const at = list.els.indexOf(el);
          if (at < 0) continue;
          list.els.splice(at, 1);
          if (list === lists[0]) removedAt.set(el, at);
        }
      } else list.els = list.els.filter((el) => list.set.has(el));
    }
  }

  /** Forgets visibility under the nodes that changed since the last work (and of removed elements). */
  function refreshVisibility(): void {
    const roots = visRoots;
    visRoots = new Set();
    if (!roots.size && !styleChanged) return;
    visMemo = newVisibilityMemo();
    if (styleChanged || visCache.size > 4000) {
      styleChanged = false;
      if (visCache.size) visibilityEpoch++;
      visCache.clear();
      return;
    }
    // Walk up from each remembered element until a changed node (stale) or a node already walked
    // (its answer): the elements share most of their ancestors, so each is walked about once.
    const known = new Map<Element, boolean>();
    const path: Element[] = [];
    let forgot = false;
    for (const el of visCache.keys()) {
      let stale = !el.isConnected;
      for (let n: Element | null = el; n && !stale; n = flatParent(n)) {
        const k = known.get(n);
        if (k !== undefined) {
          stale = k;
          break;
        }
        if (roots.has(n)) stale = true;
        else path.push(n);
      }
      for (const n of path) known.set(n, stale);
      path.length = 0;
      if (stale) {
        visCache.delete(el);
        forgot = true;
      }
    }
    if (forgot) visibilityEpoch++;
  }

  /**
   * The tracked elements among `start` and its flat-tree ancestors, nearest first. Walks up to
   * the first element whose answer is remembered and remembers the answer of each element on
   * the way: a re-rendered field's row costs a step or two once its section's answer is known.
   */
  function trackedAbove(start: Element): readonly Element[] {
    if (aboveStale) {
      above = new WeakMap();
      aboveStale = false;
    }
    // Most calls (a re-rendered field's row, again) have their answer: no path array for them.
    const direct = above.get(start);
    if (direct) return direct;
    const path: Element[] = [];
    let answer: readonly Element[] = NONE;
    for (let n: Element | null = start; n; n = flatParent(n)) {
      const known = above.get(n);
      if (known) {
        answer = known;
        break;
      }
      path.push(n);
    }
    for (let i = path.length - 1; i >= 0; i--) {
      const n = path[i];
      if (tracked(n)) answer = [n, ...answer];
      above.set(n, answer);
    }
    return answer;
  }

  /**
   * Drops the memos of the tracked elements from `node` up (flat tree; memos are kept for tracked
   * elements only) and marks them changed: a mutation inside changed them.
   */
  function invalidate(node: Node): void {
    const el: Element | null =
      node.nodeType === 1 ? (node as Element) : node.nodeType === 11 ? ((node as ShadowRoot).host ?? null) : parentOrHost(node);
    if (!el) return;
    const up = trackedAbove(el);
    for (let i = 0; i < up.length; i++) {
      memos.delete(up[i]);
      touch(up[i]);
    }
  }

  function retest(el: Element): void {
    if (pruned.has(el)) return; // left out: let in by work() when the test no longer names it
    let moved = false;
    for (const list of lists) {
      const has = list.set.has(el);
      if (safeMatches(el, list.selector) === has) continue;
      moved = true;
      if (has) {
        listDelete(list, el);
        list.els.splice(list.els.indexOf(el), 1);
      } else {
        list.els.splice(insertAt(list, el), 0, el);
        listAdd(list, el);
        for (const a of trackedAncestors(el)) hasInside.add(a);
      }
    }
    // Membership changed: every tracked element's ancestors may have too.
    chains.delete(el);
    if (moved) {
      ancestorsOf = new WeakMap();
      changed = 'all';
    }
  }

  /** Empties the lists: the next work scans the whole page again. */
  function rebuild(selectors: readonly string[]): void {
    lists = selectors.map((selector) => ({ selector, els: [], set: new Set<Element>() }));
    inLists.clear();
    hasInside.clear();
    pruned.clear();
    prunedSweepAt = PRUNED_SWEEP_AT;
    // The whole page is walked again: each root is observed or left quiet anew.
    quietRoots.clear();
    // Matched against every element the scan walks: an invalid list (pack text) matches nothing.
    const joined = selectors.join(', ');
    combined = joined && validSelector(doc, joined) ? joined : '';
    others = selectors.slice(1).join(', ');
    ancestorsOf = new WeakMap();
    changed = 'all';
    scan = null;
    starts = [doc];
  }

  const index: LiveIndex = {
    stats,
    get visibilityEpoch() {
      return visibilityEpoch;
    },
    prune(test) {
      if (test === pruneTest) return;
      const had = pruneTest;
      pruneTest = test;
      // Containers left out by the old test may be let in by the new one (or listed ones left out).
      if (had || test) rebuild(lists.map((l) => l.selector));
    },
    track(selectors) {
      if (selectors.length === lists.length && selectors.every((s, i) => s === lists[i].selector)) return;
      rebuild(selectors);
    },
    attach(fn) {
      observe = fn;
    },
    note(type, target, added, removed, attribute, nextSibling) {
      targets.add(target);
      if (scan && removed.length) followRemoval(scan, target, removed, nextSibling ?? null);
      if (type === 'childList' && pruneTest && leftOutOnly(target, added, removed)) return true;
      if (type === 'attributes') {
        if (target.nodeType === 1) {
          if (pruneTest && attribute && attributeInert(target as Element, attribute)) return true;
          attrTargets.add(target as Element);
          visRoots.add(target);
          // Only these attributes move nodes in the flat tree (slot assignment).
          if (attribute === 'slot' || attribute === 'name' || attribute == null) ancestryChanged();
        }
      } else if (type === 'childList') {
        // One node put in the place of another (re-render): where the old one was is the first guess.
        if (added.length === 1 && removed.length === 1) replaced.set(added[0], removed[0]);
        for (const n of added) {
          if (n.nodeType !== 1) continue;
          const name = (n as Element).localName;
          if (name === OVERLAY_TAG) continue;
          if (isStyleName(name)) styleChanged = true;
          // A container no pack names is left out here (the scan would do the same first): it is
          // not scanned, changes no flat-tree chain the index remembers, and holds no element
          // whose visibility it remembers (a tracked element moved into it is a root itself, in
          // dropRemoved).
          if (prunesAdded(n as Element)) continue;
          visRoots.add(n);
          ancestryChanged();
          starts.push(n);
        }
        for (const n of removed) {
          removedNodes.push(n);
          if (n.nodeType !== 1) continue;
          if (isStyle(n)) styleChanged = true;
          if (!pruned.has(n as Element)) ancestryChanged();
        }
      } else if (target.parentNode && isStyle(target.parentNode)) styleChanged = true;
      return false;
    },
    input(node) {
      targets.add(node);
      wakeQuiet();
    },
    quiet(allowed) {
      quietAllowed = allowed;
      if (!allowed) wakeQuiet();
    },
    noteHost(el) {
      // Custom elements seen without a root are pending already; an element that has a root we
      // scanned is not new (a forged or retargeted report): only other elements need adding.
      if (el.localName.indexOf('-') < 0 && el.localName !== OVERLAY_TAG && !scannedRoots.has(el)) addPending(el);
    },
    recheckHosts() {
      if (!pendingHosts.size) return;
      const still = new Set<Element>();
      for (const el of pendingHosts) {
        if (!el.isConnected) continue;
        if (pruned.has(el) || insidePruned(el)) continue;
        const sr = rootOf(el, sro);
        if (sr) {
          watchRoot(sr, null);
          starts.push(sr);
          visRoots.add(el);
          ancestryChanged();
          if (el.localName.indexOf('-') < 0) scannedRoots.add(el);
        } else if (el.localName.indexOf('-') > 0) still.add(el);
      }
      pendingHosts = still;
    },
    work(deadline) {
      removedAt = new Map();
      if (targets.size) {
        const t = targets;
        targets = new Set();
        t.forEach(invalidate);
      }
      if (removedNodes.length) {
        const r = removedNodes;
        removedNodes = [];
        dropRemoved(r);
      }
      refreshVisibility();
      if (attrTargets.size) {
        const t = attrTargets;
        attrTargets = new Set();
        if (lists.length) for (const el of t) if (el.isConnected) retest(el);
        // A left-out container whose own attributes changed may be named now: scanned, inside included.
        if (pruned.size) {
          for (const el of t) {
            if (!pruned.has(el) || (pruneTest && pruneTest(el))) continue;
            pruned.delete(el);
            if (el.isConnected) starts.push(el);
          }
        }
      }
      for (;;) {
        if (!scan) {
          const next = starts.shift();
          if (!next) {
            replaced.clear();
            return true;
          }
          scan = begin(next);
          if (!scan) continue;
        } else resume(scan);
        if (!step(scan, deadline)) return false;
        merge(scan);
        scan = null;
        if (starts.length && performance.now() > deadline) return false;
      }
    },
    get pending() {
      return !!scan || starts.length > 0 || targets.size > 0 || attrTargets.size > 0 || removedNodes.length > 0;
    },
    takeChanged() {
      const c = changed;
      changed = new Set();
      return c;
    },
    all(selector) {
      const list = lists.find((l) => l.selector === selector);
      return list ? list.els : deepQueryAll(doc, selector, sro);
    },
    has(selector, el) {
      const list = lists.find((l) => l.selector === selector);
      return list ? list.set.has(el) : safeMatches(el, selector);
    },
    ancestors(el) {
      let a = ancestorsOf.get(el);
      if (!a) {
        a = trackedAncestors(el);
        ancestorsOf.set(el, a);
      }
      return a;
    },
    memo<T>(el: Element, key: string, compute: () => T): T {
      // Kept for tracked elements only: invalidate() drops the memos of those.
      if (!tracked(el)) return compute();
      let m = memos.get(el);
      if (!m) memos.set(el, (m = new Map()));
      if (m.has(key)) return m.get(key) as T;
      const v = compute();
      m.set(key, v);
      return v;
    },
    visible(el) {
      let v = visCache.get(el);
      if (v === undefined) {
        v = isVisible(el, visMemo);
        visCache.set(el, v);
        visAncestors = null;
      }
      return v;
    },
    order,
  };
  return index;
}
