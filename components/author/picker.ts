/**
 * Pointing at the page without touching it: author mode covers the page with a transparent
 * layer in the overlay's shadow root, so the CRM receives no pointer event at all while a trainer
 * points and clicks; the element under the pointer is found with elementsFromPoint, down through
 * shadow roots. Reads only.
 */
import { rootOf, type ShadowRootOf } from '@/utils/crm/dom';

/** The innermost page element at (x, y), skipping our overlay host; null over nothing. */
export function elementAt(doc: Document, x: number, y: number, overlayHost: Element, shadowRootOf?: ShadowRootOf): Element | null {
  let el: Element | null = doc.elementsFromPoint(x, y).find((e) => e !== overlayHost && !overlayHost.contains(e)) ?? null;
  for (let depth = 0; el && depth < 32; depth++) {
    const root = rootOf(el, shadowRootOf);
    if (!root || typeof root.elementsFromPoint !== 'function') break;
    const inner: Element | undefined = root.elementsFromPoint(x, y).find((e) => e !== el && e.getRootNode() === root);
    if (!inner) break;
    el = inner;
  }
  return el && el !== doc.documentElement && el !== doc.body ? el : null;
}

export interface Box {
  top: number;
  left: number;
  width: number;
  height: number;
}

/** The element's box in the viewport (for an outline drawn with position: fixed), or null when it takes no room. */
export function boxOf(el: Element): Box | null {
  const r = el.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) return null;
  return { top: r.top, left: r.left, width: r.width, height: r.height };
}

/** A short, value-free description of an element for the hover label: tag and stable hints. */
export function describe(el: Element): string {
  const tag = el.localName;
  const name = el.getAttribute('name') ?? el.getAttribute('data-id') ?? el.getAttribute('role');
  return name && name.length <= 40 ? `${tag} · ${name}` : tag;
}
