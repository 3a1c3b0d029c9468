/**
 * The coach's mark on everything a pack fills (tips, nudges, snippets, tours): "CRM Coach" and
 * what the card is. A pack writes the words inside; it cannot make a card look like the CRM's
 * own dialog (a "session expired, sign in" card still says it comes from the coach). See
 * docs/packs.md ("Links").
 */
import type { ReactNode } from 'react';

/** The product name: a name, the same in every language (as the coach panel's heading). */
export const COACH_NAME = 'CRM Coach';

export function CoachMark({ children }: { children?: ReactNode }) {
  return (
    <div className="cc-eyebrow">
      <span className="cc-dot" aria-hidden="true" />
      <span className="cc-brand" data-coach-brand="">
        {COACH_NAME}
      </span>
      {children !== undefined && <span aria-hidden="true">·</span>}
      {children}
    </div>
  );
}
