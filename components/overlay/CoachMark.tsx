/** The coach's mark in the React overlay's cards: the markup of ./coach-mark.ts (docs/packs.md, "Links"). */
import type { ReactNode } from 'react';
import { COACH_NAME } from './coach-mark';

export { COACH_NAME };

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
