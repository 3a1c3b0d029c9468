/** React hooks over ./anchor.ts: an overlay element kept beside, or over, an element of the CRM page. */
import { useEffect, useState } from 'react';
import { anchorTo, coverWith, type Placement } from './anchor';

export function useAnchored(reference: Element | null, placement: Placement = 'bottom-start', gap = 10) {
  const [floating, setFloating] = useState<HTMLElement | null>(null);
  useEffect(() => {
    if (!reference || !floating) return;
    return anchorTo(reference, floating, placement, gap);
  }, [reference, floating, placement, gap]);
  return setFloating;
}

/** Keeps an overlay box exactly over an element (outline highlights). */
export function useCovering(reference: Element | null, pad = 3) {
  const [box, setBox] = useState<HTMLElement | null>(null);
  useEffect(() => {
    if (!reference || !box) return;
    return coverWith(reference, box, pad);
  }, [reference, box, pad]);
  return setBox;
}
