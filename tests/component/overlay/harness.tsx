import { act } from '@testing-library/react';
import { vi } from 'vitest';
import { createCoachController, type ControllerDeps } from '@/entrypoints/content/controller';
import type { CoachState } from '@/utils/messaging';
import type { AdapterContext, PageModel } from '@/utils/crm/types';
import type { Pack, Target } from '@/utils/packs/types';
import type { UsageEvent } from '@/utils/usage/types';
import { DEFAULT_SETTINGS } from '@/utils/settings';
import { fieldNamed } from '@/utils/coach/fields';
import { markdownBodies } from '@/utils/packs/markdown';
import { mountCoachUi } from './mount';
import type { Stage, UiReason } from '@/components/overlay/stage';

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
  const page = { model, url: model?.url ?? 'https://acme.lightning.force.com/' };
  const state: CoachState = {
    packs,
    settings: { ...DEFAULT_SETTINGS, locked: { role: false, startDate: false }, allowUserPacks: true },
    items: {},
    resolved: [],
    salt: 'salt',
    paused: false,
    bodies: markdownBodies(packs),
    ...extra,
  };
  let served = state;
  let failures = options.failStarts ?? 0;
  const stateCalls: Harness['stateCalls'] = [];
  const readContexts: AdapterContext[] = [];
  const savedProgress: Harness['savedProgress'] = [];
  let onChange: (reason: string) => void = () => {};
  const setPagePrefs = vi.fn(async () => ({}));
  const deps: ControllerDeps = {
    doc: document,
    url: () => new URL(page.url),
    readPage: (_doc, _url, ctx) => {
      readContexts.push(ctx);
      return page.model;
    },
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
    readContexts,
    state,
    stateCalls,
    setPagePrefs,
    savedProgress,
    renders: () => renders,
    batch: () =>
      act(() => {
        onChange('mutation');
      }),
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
