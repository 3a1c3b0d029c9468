import { act } from '@testing-library/react';
import { vi } from 'vitest';
import { createCoachController, type ControllerDeps } from '@/entrypoints/content/controller';
import { createLivePage, type LivePage } from '@/utils/crm/live-page';
import type { CoachState } from '@/utils/messaging';
import type { AdapterContext, CrmAdapter, PageModel } from '@/utils/crm/types';
import type { Pack, Target } from '@/utils/packs/types';
import type { UsageEvent } from '@/utils/usage/types';
import { fieldNamed } from '@/utils/coach/fields';
import { markdownBodies } from '@/utils/packs/markdown';
import { mountCoachUi } from './mount';
import type { Stage, UiReason } from '@/components/overlay/stage';
import { coachStateOf } from '../../coach-state';

/**
 * The page the harness's CRM reader reads: the model the test sets (as a CRM re-rendering its page
 * changes what a reader finds), through the content script's own path: a real live page
 * (utils/crm/live-page.ts) over this document, asking adapterFor for the reader, as for a CRM
 * whose reader has no live reader (a pack site). No model: no reader handles the page.
 */
const reading = vi.hoisted(() => ({ model: null as PageModel | null, contexts: [] as AdapterContext[] }));
vi.mock('@/utils/crm/index', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/utils/crm/index')>();
  const adapter: CrmAdapter = {
    id: 'harness',
    name: 'Harness',
    matches: () => true,
    read: (_doc, _url, ctx) => {
      reading.contexts.push(ctx);
      return reading.model!;
    },
  };
  return { ...real, adapterFor: () => (reading.model ? adapter : null) };
});

export interface Harness {
  events: Omit<UsageEvent, 'id' | 'at'>[];
  page: { model: PageModel | null; url: string };
  /** The reader context of every page read, in order. */
  readContexts: AdapterContext[];
  state: CoachState;
  stateCalls: { url: string; recordKey: string | null }[];
  setPagePrefs: ReturnType<typeof vi.fn>;
  savedProgress: Record<string, number>[];
  renders: () => number;
  /** One mutation batch. */
  batch(): void;
  /** The page takes more than one slice to read: the next `n` slices find work left (as a big page would). */
  stall(n: number): void;
  controller: ReturnType<typeof createCoachController>;
  container: HTMLElement;
  /** The stage's asks for the React overlay, and what plays the overlay script arriving (options.onDemand). */
  asks: UiReason[];
  /** The every-page stage (root, launcher, anchored tips). */
  stage: Stage;
  mountOverlay(): void;
  abort(): void;
  /** What the background answers from now on (packs, settings or the policy changed). */
  serve(next: Partial<CoachState>): void;
}

export interface HarnessOptions {
  /** The first state asks fail this many times (the background not up yet). */
  failStarts?: number;
  /** The stage alone, as on a page before the overlay script is loaded (mountOverlay() loads it). */
  onDemand?: boolean;
}

export async function startCoach(packs: Pack[], model: PageModel | null, extra: Partial<CoachState> = {}, options: HarnessOptions = {}): Promise<Harness> {
  const events: Harness['events'] = [];
  const page = {
    get model() {
      return reading.model;
    },
    set model(m: PageModel | null) {
      reading.model = m;
    },
    url: model?.url ?? 'https://acme.lightning.force.com/',
  };
  reading.model = model;
  reading.contexts = [];
  const state = coachStateOf(packs, extra);
  let served = state;
  let failures = options.failStarts ?? 0;
  const stateCalls: Harness['stateCalls'] = [];
  const savedProgress: Harness['savedProgress'] = [];
  let onChange: (reason: string) => void = () => {};
  const setPagePrefs = vi.fn(async () => ({}));
  const stalls = { left: 0 };
  const deps: ControllerDeps = {
    doc: document,
    url: () => new URL(page.url),
    resolveTarget: (target: Target, m: PageModel) =>
      'field' in target ? (fieldNamed(m, target.field)?.element ?? null) : 'selector' in target ? document.querySelector(target.selector) : null,
    watchPage: (opts) => {
      onChange = opts.onChange;
    },
    getCoachState: async (url, recordKey) => {
      stateCalls.push({ url, recordKey });
      if (failures > 0) {
        failures--;
        throw new Error('Could not establish connection. Receiving end does not exist.');
      }
      return served;
    },
    setPagePrefs,
    outbox: { record: (e) => events.push(e) },
    loadTourProgress: async () => ({}),
    saveTourProgress: async (p) => {
      savedProgress.push(p);
    },
    now: () => Date.now(),
    browserLanguage: 'en-US',
    // The production page model, read to the end in each step: the harness's pages are small, and a
    // slice's deadline would make a test depend on this machine's speed (slices: tests/unit/content).
    live: withoutDeadline(createLivePage(document), stalls),
  };
  const ac = new AbortController();
  const controller = createCoachController(deps, ac.signal);
  let renders = 0;
  controller.subscribe(() => renders++);
  const { container, stage, asks, mount } = mountCoachUi(controller, { loaded: !options.onDemand });
  await act(async () => {
    await controller.start();
  });
  // Let the per-record state fetch settle.
  await act(async () => {
    await Promise.resolve();
  });
  return {
    events,
    page,
    readContexts: reading.contexts,
    state,
    stateCalls,
    setPagePrefs,
    savedProgress,
    renders: () => renders,
    batch: () =>
      act(() => {
        onChange('mutation');
      }),
    stall: (n) => {
      stalls.left = n;
    },
    controller,
    container,
    stage,
    asks,
    mountOverlay: () => {
      act(() => {
        mount();
      });
    },
    abort: () => ac.abort(),
    serve(next) {
      served = { ...served, ...next, ...(next.packs ? { bodies: markdownBodies(next.packs) } : {}) };
    },
  };
}

function withoutDeadline(live: LivePage, stalls: { left: number }): LivePage {
  const stalled = () => stalls.left > 0 && stalls.left-- > 0;
  return {
    index: live.index,
    focus: live.focus,
    settle: (url, ctx, sites) => !stalled() && live.settle(url, ctx, sites, Infinity),
    read: live.read,
    step: (url, ctx, sites) => (stalled() ? undefined : live.step(url, ctx, sites, Infinity)),
  };
}
