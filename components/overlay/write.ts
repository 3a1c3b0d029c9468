/**
 * Writes to the overlay's own elements that happen only when something changed: every write in
 * the overlay is a mutation of the page's document, and an unchanged one would still cost a
 * style check and wake anything observing the page.
 */

/** Sets an attribute to `value`, or removes it for null; nothing when it already is so. */
export function setAttr(el: Element, name: string, value: string | null): void {
  if (value === null) {
    if (el.hasAttribute(name)) el.removeAttribute(name);
  } else if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

/** Sets the text content; nothing when it already is that text. */
export function setText(el: Element, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

type StyleProp = 'left' | 'top' | 'width' | 'height' | 'visibility';

/** Sets one property of the inline style; nothing when it already has that value. */
export function setStyle(el: HTMLElement, prop: StyleProp, value: string): void {
  if (el.style[prop] !== value) el.style[prop] = value;
}
