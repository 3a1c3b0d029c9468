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
}

export async function loadFixture(file: string, url: string): Promise<Loaded> {
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
  window.document.write(html);
  await window.happyDOM.waitUntilComplete();
  const errors = window.happyDOM.virtualConsolePrinter.readAsString();
  if (/Error/.test(errors)) throw new Error(`fixture ${file} failed: ${errors}`);
  return {
    window,
    doc: window.document as unknown as Document,
    url: () => new URL(window.location.href),
    close: () => window.happyDOM.close(),
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
