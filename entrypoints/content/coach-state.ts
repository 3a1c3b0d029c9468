/**
 * The coach state the background hands this page (packs, settings, item states, salt): asked
 * for once per page and record, only the latest answer taken; its language and Markdown trees
 * applied; this page's settings writes (pause switch, launcher position) applied here and sent;
 * and what the packs ask of the page reader, worked out again only when the packs change
 * (docs/architecture.md, "The content script").
 */
import type { AdapterContext } from '@/utils/crm/types';
import type { ShadowRootOf } from '@/utils/crm/dom';
import type { Pack, SiteDefinition } from '@/utils/packs/types';
import type { CoachState, RecordState } from '@/utils/messaging';
import type { LauncherPosition } from '@/components/overlay/launcher';
import { fieldNamesUsed } from '@/utils/coach/signature';
import { registerCatalog, resolveUiLanguage, setUiLanguage, type UiLanguage } from '@/utils/i18n';
import { setMarkdownTrees } from '@/components/overlay/markdown-trees';
import { logOnce } from '@/utils/crm/log';
import { packEmptyTexts } from '@/utils/crm/empty-texts';

export interface CoachStateDeps {
  getCoachState(url: string, recordKey: string | null): Promise<CoachState>;
  /** Another record's part of a held state (null: the rest changed, ask getCoachState); optional in tests. */
  getRecordState?(url: string, recordKey: string | null, stamp: string): Promise<RecordState | null>;
  /** The pause switch of this page's host, or the launcher position (the background takes the host from the sender). */
  setPagePrefs(prefs: { paused?: boolean; launcher?: { crm: string; right: number; bottom: number } }): Promise<unknown>;
  /** Browser UI language tag (for 'auto'). */
  browserLanguage: string;
  shadowRootOf?: ShadowRootOf;
}

export interface CoachStateSource {
  /** The latest state taken; null before the first. */
  readonly current: CoachState | null;
  /** UI language for pack text (BCP 47). */
  readonly lang: string;
  /** Takes a state asked for `key` (a page and record): its language and Markdown apply from now. */
  take(s: CoachState, key: string): void;
  /** Asks for the state of `key` (not twice at once unless `again`); the answer is taken when it is the latest ask's, then `onFetched` runs. */
  fetch(key: string, url: string, recordKey: string | null, again?: boolean): Promise<void>;
  /** Whether the state taken was asked for `key`. */
  isFor(key: string): boolean;
  /** Whether the state for `key` is taken or being asked for. */
  wants(key: string): boolean;
  /** The next update asks again (author mode saved to the draft pack). */
  forget(): void;
  setPaused(paused: boolean, host: string): void;
  moveLauncher(crm: string, pos: LauncherPosition): void;
  /** Field names the packs may look up (the signature and the live page read only those). */
  fieldNames(): string[];
  /** The packs' site entries (CRMs the packs add). */
  sites(): SiteDefinition[];
  /** The reader's context for the current state. */
  readerContext(s: CoachState): AdapterContext;
  /** Whether a pack's tip targets a field (a lookup, not a scan of every pack). */
  fieldTargeted(packId: string, tipId: string): boolean;
}

/** A value worked out from the packs, again only when the packs list changes. */
function perPacks<T>(make: (packs: Pack[]) => T): (packs: Pack[]) => T {
  let of: Pack[] | null = null;
  let value: T;
  return (packs) => {
    if (of !== packs) {
      of = packs;
      value = make(packs);
    }
    return value;
  };
}

export function createCoachState(deps: CoachStateDeps, signal: AbortSignal, onFetched: () => void): CoachStateSource {
  let stateFor = '';
  let fetching = '';
  /** Each ask has a number: only the latest one's answer is taken (an older one may predate a change). */
  let fetchSeq = 0;
  const names = perPacks(fieldNamesUsed);
  const sites = perPacks((packs) => packs.flatMap((p) => p.sites ?? []));
  const emptyTexts = perPacks(packEmptyTexts);
  const fieldTips = perPacks((packs) => {
    const keys = new Set<string>();
    for (const p of packs) for (const x of p.tips ?? []) if ('field' in x.target) keys.add(`${p.id}\u0000${x.id}`);
    return keys;
  });
  const packs = () => source.current?.packs ?? [];

  const source: { -readonly [K in keyof CoachStateSource]: CoachStateSource[K] } = {
    current: null,
    lang: 'en',
    take(s, key) {
      const prev = source.current;
      source.current = s;
      stateFor = key;
      const choice = s.settings.language;
      if (s.strings !== prev?.strings) {
        for (const [code, catalog] of Object.entries(s.strings ?? {})) {
          if (catalog) registerCatalog(code as UiLanguage, catalog);
        }
      }
      if (s.bodies !== prev?.bodies) setMarkdownTrees(s.bodies);
      setUiLanguage(resolveUiLanguage(choice, deps.browserLanguage));
      source.lang = !choice || choice === 'auto' ? deps.browserLanguage : choice;
    },
    async fetch(key, url, recordKey, again = false) {
      if (fetching === key && !again) return;
      fetching = key;
      const seq = ++fetchSeq;
      try {
        // Another record of a page that holds a stamped state: only that record's part, the
        // packs, settings, strings and Markdown kept as they are (the same objects, so what is
        // worked out from them is not worked out again). A refresh (`again`) asks for everything.
        const held = source.current;
        const part = !again && held?.stamp && deps.getRecordState ? await deps.getRecordState(url, recordKey, held.stamp) : null;
        const s = part && source.current === held && held ? { ...held, ...part } : await deps.getCoachState(url, recordKey);
        if (signal.aborted || fetching !== key || seq !== fetchSeq) return;
        source.take(s, key);
        onFetched();
      } catch (err) {
        logOnce('could not get the coach state', err);
      } finally {
        if (fetching === key && seq === fetchSeq) fetching = '';
      }
    },
    isFor: (key) => stateFor === key,
    wants: (key) => stateFor === key || fetching === key,
    forget() {
      stateFor = '';
    },
    setPaused(paused, host) {
      const state = source.current;
      if (!state) return;
      const sitesNow = state.settings.pausedSites.filter((h) => h !== host);
      const pausedSites = paused ? [...sitesNow, host] : sitesNow;
      source.current = { ...state, paused, settings: { ...state.settings, pausedSites } };
      deps.setPagePrefs({ paused }).catch((err) => logOnce('could not save the pause switch', err));
    },
    moveLauncher(crm, pos) {
      const state = source.current;
      if (!state) return;
      const launcher = { ...(state.settings.launcher ?? {}), [crm]: pos };
      source.current = { ...state, settings: { ...state.settings, launcher } };
      deps.setPagePrefs({ launcher: { crm, ...pos } }).catch((err) => logOnce('could not save the launcher position', err));
    },
    fieldNames: () => names(packs()),
    sites: () => sites(packs()),
    readerContext: (s) => ({ salt: s.salt, shadowRootOf: deps.shadowRootOf, emptyTexts: emptyTexts(s.packs) }),
    fieldTargeted: (packId, tipId) => fieldTips(packs()).has(`${packId}\u0000${tipId}`),
  };
  return source;
}
