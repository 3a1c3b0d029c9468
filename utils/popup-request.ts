/**
 * The popup's two opening requests: its data from the background and the active tab. popup.html
 * starts them from a classic script while the page is still parsed (entrypoints/popup-request.ts),
 * so they overlap the loading of React instead of following it; the popup takes them over once.
 */
import { browser } from 'wxt/browser';
import { sendMessage } from './messaging';
import type { PopupData } from './usage/progress';

export interface ActiveTab {
  id?: number;
  url?: string;
}

export interface PopupRequests {
  data: Promise<PopupData>;
  /** Never rejects: null when there is no tab or it cannot be read. */
  tab: Promise<ActiveTab | null>;
}

/** The global under which popup-request.js leaves its requests. */
export const FIRST_POPUP_REQUESTS = '__crmCoachFirstPopupRequests';

let tabWarned = false;

export async function queryActiveTab(): Promise<ActiveTab | null> {
  try {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return tab ? { id: tab.id, url: tab.url } : null;
  } catch (err) {
    if (!tabWarned) console.warn('[crm-coach] popup: tabs.query failed', err);
    tabWarned = true;
    return null;
  }
}

export function startPopupRequests(): PopupRequests {
  const data = sendMessage('getPopupData');
  // Whoever takes the requests handles a rejection; this keeps it from being reported as unhandled.
  data.catch(() => undefined);
  return { data, tab: queryActiveTab() };
}

/** Called by popup-request.js. */
export function leaveFirstPopupRequests(requests: PopupRequests): void {
  Object.defineProperty(globalThis, FIRST_POPUP_REQUESTS, { value: requests, configurable: true });
}

function isRequests(value: unknown): value is PopupRequests {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<Record<keyof PopupRequests, unknown>>;
  return v.data instanceof Promise && v.tab instanceof Promise;
}

/** The requests popup-request.js started, once; undefined when it did not run. */
export function takeFirstPopupRequests(): PopupRequests | undefined {
  const holder = globalThis as Record<string, unknown>;
  const requests = holder[FIRST_POPUP_REQUESTS];
  delete holder[FIRST_POPUP_REQUESTS];
  return isRequests(requests) ? requests : undefined;
}

/** Both opening answers, when they came in time for the first render. */
export interface FirstAnswers {
  data: PopupData;
  tab: ActiveTab | null;
}

/**
 * How long the popup's first render waits for the opening answers (ms). They usually come while
 * React is still being evaluated, so the first frame can show the progress itself rather than a
 * "Loading" line followed by a second render; a slow answer (the worker starting) shows the
 * loading line after this wait, as before.
 */
export const FIRST_ANSWERS_WAIT_MS = 100;

/** The opening answers if both are in within `ms`; undefined when either is late or data failed. */
export function firstAnswers(requests: PopupRequests, ms = FIRST_ANSWERS_WAIT_MS): Promise<FirstAnswers | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  const both = Promise.all([requests.data, requests.tab]).then(
    ([data, tab]): FirstAnswers => ({ data, tab }),
    () => undefined,
  );
  return Promise.race([both, late]).finally(() => clearTimeout(timer));
}
