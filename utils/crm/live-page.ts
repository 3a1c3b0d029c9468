/**
 * The page model of the content script, kept up to date incrementally: the live index follows
 * the page's mutations, and the adapter's live reader (when it has one for the page) re-reads
 * only the fields that changed. step() works until a deadline and can be called again to carry
 * on, so a whole new page is read in slices that each stay short.
 */
import type { SiteDefinition } from '../packs/types';
import type { AdapterContext, CrmAdapter, LiveReader, PageModel } from './types';
import type { ShadowRootOf } from './dom';
import { adapterFor } from './index';
import { createLiveIndex, isSimpleSelector, type LiveIndex } from './live-index';
import { nameKey } from './targets';

export interface LivePage {
  /** The index the watcher feeds (pass it to watchPage). */
  readonly index: LiveIndex;
  /**
   * Brings the model up to date, working until `deadline` (a performance.now() time): the model,
   * null when no adapter handles the URL, or undefined when work remains (call again).
   */
  step(url: URL, ctx: AdapterContext, sites: SiteDefinition[], deadline: number): PageModel | null | undefined;
  /**
   * step() in two: the index's work and the reader's preparation until `deadline` (true when
   * done), then `read`, in the same task (the model of what settle brought in).
   */
  settle(url: URL, ctx: AdapterContext, sites: SiteDefinition[], deadline: number): boolean;
  read(url: URL, ctx: AdapterContext, sites: SiteDefinition[]): PageModel | null;
  /**
   * The field names the packs use (tips, tours, nudges, conditions): fields whose own attributes
   * show they are none of them are left out of the model (not listed, not read inside), so a new
   * page costs what the packs need. null (the default) lists and reads every field, as "What the
   * coach sees" and author mode need; a change of focus reads the page again (in slices).
   */
  focus(names: readonly string[] | null): void;
}

export function createLivePage(doc: Document, shadowRootOf?: ShadowRootOf): LivePage {
  const index = createLiveIndex(doc, shadowRootOf);
  const readers = new WeakMap<CrmAdapter, LiveReader | null>();
  let reader: LiveReader | null = null;
  let changed: Set<Element> | 'all' = 'all';
  let prepare: Element[] = [];
  let prepared = 0;
  /** nameKey of each focused name; null: every field in full. */
  let keys: ReadonlySet<string> | null = null;
  let focusSig: string | null = null;
  /** The names last asked for: the same array (asked on every batch) needs no comparing. */
  let focusNames: readonly string[] | null = null;
  // The adapter of the last URL and sites: looked up again only when either changes (matching
  // every adapter's URL patterns, and building the sites' adapters, on every batch cost more than
  // the rest of a quiet batch).
  let adapterHref = '';
  let adapterSites: readonly SiteDefinition[] | null = null;
  let adapter: CrmAdapter | null = null;
  let adapterUrl: URL | null = null;
  const adapterAt = (url: URL, sites: SiteDefinition[]): CrmAdapter | null => {
    // The content script passes the same URL object until the address changes: no href to compare.
    if (url === adapterUrl && sites === adapterSites) return adapter;
    adapterUrl = url;
    if (url.href !== adapterHref || sites !== adapterSites) {
      adapterHref = url.href;
      adapterSites = sites;
      adapter = adapterFor(url, sites);
    }
    return adapter;
  };

  /** The index's prune test for the current reader and focus. */
  const applyFocus = () => {
    const named = reader?.named;
    const k = keys;
    index.prune(named && k ? (el) => named(el, k) === false : null);
  };

  const readerOf = (adapter: CrmAdapter): LiveReader | null => {
    let r = readers.get(adapter);
    if (r === undefined) {
      r = adapter.createLiveReader?.() ?? null;
      // Only selectors the index can follow record by record.
      if (r && !r.selectors.every(isSimpleSelector)) r = null;
      readers.set(adapter, r);
    }
    return r;
  };

  /** Takes what the index saw; the field containers among it are read ahead in slices. */
  const absorb = () => {
    const c = index.takeChanged();
    const containers = reader?.prepare ? reader.selectors[0] : null;
    if (c === 'all') {
      changed = 'all';
      prepare = containers ? index.all(containers).slice() : [];
      prepared = 0;
      return;
    }
    if (changed !== 'all') for (const el of c) changed.add(el);
    if (containers) for (const el of c) if (index.has(containers, el)) prepare.push(el);
  };

  const settle: LivePage['settle'] = (url, ctx, sites, deadline) => {
    const adapter = adapterAt(url, sites);
    const next = adapter ? readerOf(adapter) : null;
    if (next !== reader) {
      reader = next;
      index.track(reader?.selectors ?? []);
      applyFocus();
      prepare = [];
      prepared = 0;
    }
    if (!index.work(deadline)) return false;
    absorb();
    if (!adapter || !reader) return true;
    while (prepared < prepare.length) {
      const el = prepare[prepared++];
      if (el.isConnected) reader.prepare?.(el, ctx, index);
      if ((prepared & 15) === 0 && prepared < prepare.length && performance.now() > deadline) return false;
    }
    prepare = [];
    prepared = 0;
    return true;
  };

  const read: LivePage['read'] = (url, ctx, sites) => {
    const adapter = adapterAt(url, sites);
    if (!adapter) return null;
    if (!reader) return adapter.read(doc, url, ctx);
    const c = changed;
    changed = new Set();
    return reader.read(doc, url, ctx, index, c) ?? adapter.read(doc, url, ctx);
  };

  return {
    index,
    focus(names) {
      if (names === focusNames && names !== null) return;
      focusNames = names;
      const sig = names ? names.join('\u0000') : null;
      if (sig === focusSig) return;
      focusSig = sig;
      keys = names ? new Set(names.map(nameKey).filter(Boolean)) : null;
      applyFocus();
    },
    settle,
    read,
    step: (url, ctx, sites, deadline) => (settle(url, ctx, sites, deadline) ? read(url, ctx, sites) : undefined),
  };
}
