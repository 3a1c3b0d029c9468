/**
 * A tip in the React overlay (the coach panel's inline tips): the plain-DOM card of
 * ./tip-card.ts, the one implementation, mounted into a React-owned slot.
 */
import { useLayoutEffect, useRef } from 'react';
import { createTipCard, type LearnMoreLink, type TipCardHandlers } from './tip-card';
import type { TipPlan } from '@/utils/coach/types';

export type { LearnMoreLink };

export interface TipCardProps extends TipCardHandlers {
  plan: TipPlan;
  lang: string;
  /** The page element to anchor to; null renders the tip inline (coach panel). */
  anchor: Element | null;
  learnMore: LearnMoreLink;
}

export function TipCard(props: TipCardProps) {
  const slot = useRef<HTMLDivElement | null>(null);
  // The card calls the latest handlers, without being rebuilt when they change identity.
  const handlers = useRef<TipCardHandlers>(props);
  handlers.current = props;
  const { plan, lang, anchor, learnMore } = props;
  const learnKey = learnMore ? (learnMore.kind === 'url' ? learnMore.href : learnMore.title) : '';
  useLayoutEffect(() => {
    const parent = slot.current;
    if (!parent) return;
    const card = createTipCard(parent.ownerDocument, {
      plan,
      lang,
      anchor,
      learnMore,
      onDismiss: () => handlers.current.onDismiss(),
      onSnooze: () => handlers.current.onSnooze(),
      onHelpful: (yes) => handlers.current.onHelpful(yes),
      onLearnMore: () => handlers.current.onLearnMore(),
    });
    card.attach(parent);
    return card.dispose;
    // Rebuilt when what it shows changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [plan.key, plan.tip, lang, anchor, learnKey]);
  return <div className="cc-tip-slot" ref={slot} />;
}
