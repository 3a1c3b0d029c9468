/** Loads a fixture page into its own happy-dom window with its inline scripts running. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';

export const FIXTURES = join(__dirname, '../../fixtures/crm');

export interface Route {
  url: string;
  file: string;
  expect: { crm: string; object: string; page: string; empty: string[]; required: string[] };
}

export function routes(): Route[] {
  return JSON.parse(readFileSync(join(FIXTURES, 'routes.json'), 'utf8')) as Route[];
}

export interface Loaded {
  window: Window;
  doc: Document;
  url: () => URL;
  close: () => Promise<void>;
  /**
   * Reaches the page's closed shadow roots too, as chrome.dom.openOrClosedShadowRoot does in the
   * extension (the test DOM has no such API: roots are recorded as the page attaches them).
   */
  shadowRootOf: (el: Element) => ShadowRoot | null;
}

export interface LoadOptions {
  /** Runs on the empty window before the page is written (a document_start main-world script). */
  beforeWrite?: (window: Window) => void;
  /** Wait for the page's timers and scripts to finish (default true). */
  settle?: boolean;
}

export async function loadFixture(file: string, url: string, opts: LoadOptions = {}): Promise<Loaded> {
  const html = readFileSync(join(FIXTURES, file), 'utf8');
  const window = new Window({
    url,
    width: 1280,
    height: 900,
    settings: {
      enableJavaScriptEvaluation: true,
      suppressInsecureJavaScriptEnvironmentWarning: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
    },
  });
  const roots = new WeakMap<Element, ShadowRoot>();
  const proto = window.Element.prototype;
  const attach = proto.attachShadow;
  proto.attachShadow = function (this: Element, init: ShadowRootInit) {
    const root = attach.call(this as never, init) as unknown as ShadowRoot;
    roots.set(this, root);
    return root as never;
  } as typeof proto.attachShadow;
  opts.beforeWrite?.(window);
  window.document.write(html);
  if (opts.settle !== false) await window.happyDOM.waitUntilComplete();
  const errors = window.happyDOM.virtualConsolePrinter.readAsString();
  if (/Error/.test(errors)) throw new Error(`fixture ${file} failed: ${errors}`);
  return {
    window,
    doc: window.document as unknown as Document,
    url: () => new URL(window.location.href),
    // happy-dom windows may share their classes: leave the prototype as it was found.
    close: () => {
      proto.attachShadow = attach;
      return window.happyDOM.close();
    },
    shadowRootOf: (el) => el.shadowRoot ?? roots.get(el) ?? null,
  };
}

/** Wait for the fixture's own timers/microtasks to settle. */
export async function settle(l: Loaded): Promise<void> {
  await l.window.happyDOM.waitUntilComplete();
}

export function click(l: Loaded, el: Element | null | undefined): void {
  if (!el) throw new Error('nothing to click');
  (el as HTMLElement).click();
}

/** Type into an input as a user would: set the value and fire input/change. */
export function typeInto(l: Loaded, el: Element | null | undefined, value: string): void {
  if (!el) throw new Error('nothing to type into');
  const input = el as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new l.window.Event('input', { bubbles: true, composed: true }) as unknown as Event);
  input.dispatchEvent(new l.window.Event('change', { bubbles: true }) as unknown as Event);
}
