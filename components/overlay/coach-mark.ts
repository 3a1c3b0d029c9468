/**
 * The coach's mark on everything a pack fills (tips, nudges, snippets, tours): "CRM Coach" and
 * what the card is. A pack writes the words inside; it cannot make a card look like the CRM's own
 * dialog (a "session expired, sign in" card still says it comes from the coach). See
 * docs/packs.md ("Links"). Plain DOM for the every-page tip cards; <CoachMark> draws the same
 * markup in the React overlay.
 */

/** The product name: a name, the same in every language (as the coach panel's heading). */
export const COACH_NAME = 'CRM Coach';

/** The eyebrow: dot, brand and, when given, what the card is ("CRM Coach · Tip"). */
export function coachMarkElement(doc: Document, what?: string): HTMLElement {
  const eyebrow = doc.createElement('div');
  eyebrow.className = 'cc-eyebrow';
  const dot = doc.createElement('span');
  dot.className = 'cc-dot';
  dot.setAttribute('aria-hidden', 'true');
  const brand = doc.createElement('span');
  brand.className = 'cc-brand';
  brand.setAttribute('data-coach-brand', '');
  brand.textContent = COACH_NAME;
  eyebrow.append(dot, brand);
  if (what !== undefined) {
    const sep = doc.createElement('span');
    sep.setAttribute('aria-hidden', 'true');
    sep.textContent = '·';
    const label = doc.createElement('span');
    label.textContent = what;
    eyebrow.append(sep, label);
  }
  return eyebrow;
}
