/** Reading (never changing) the CRM page's DOM for the overlay: inputs, values, scrolling. */
import { controlValue, deepQuery, isEmptyDisplay, safeMatches as matches, type ShadowRootOf } from '@/utils/crm/dom';
import { logOnce } from '@/utils/log';

export { logOnce };

export type { ShadowRootOf };

const INPUT_SELECTOR =
  'input:not([type=hidden]):not([type=button]):not([type=submit]):not([disabled]), select:not([disabled]), textarea:not([disabled]), [contenteditable=""], [contenteditable="true"], [role=combobox], [role=textbox]';
const FOCUSABLE_SELECTOR = `button:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])`;

/** The input of a field (the element itself when it is one), else its first focusable element. */
export function inputOf(el: Element, shadowRootOf?: ShadowRootOf): HTMLElement | null {
  if (matches(el, INPUT_SELECTOR)) return el as HTMLElement;
  return (deepQuery(el, INPUT_SELECTOR, shadowRootOf) ??
    (matches(el, FOCUSABLE_SELECTOR) ? el : deepQuery(el, FOCUSABLE_SELECTOR, shadowRootOf))) as HTMLElement | null;
}

export function prefersReducedMotion(): boolean {
  try {
    return globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
  } catch {
    return false;
  }
}

/** Scrolls a field into view and focuses its input. Only ever called on a user's action in the overlay. */
export function revealAndFocus(el: Element, shadowRootOf?: ShadowRootOf): void {
  try {
    el.scrollIntoView?.({ block: 'center', behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
    const input = inputOf(el, shadowRootOf) ?? el;
    if (typeof (input as HTMLElement).focus === 'function') (input as HTMLElement).focus({ preventScroll: true });
  } catch (err) {
    logOnce('overlay: focus', err);
  }
}

/** True when the element (or the control inside it) shows a non-empty value. Read in memory only. */
export function hasValue(el: Element, shadowRootOf?: ShadowRootOf): boolean {
  const input = inputOf(el, shadowRootOf) ?? el;
  const tag = input.localName;
  if (tag === 'input') {
    const type = ((input as HTMLInputElement).type || 'text').toLowerCase();
    if (type === 'checkbox' || type === 'radio') return (input as HTMLInputElement).checked;
  }
  const value = controlValue(input).trim();
  return value !== '' && !isEmptyDisplay(value);
}
