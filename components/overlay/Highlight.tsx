/**
 * The ring a running tour draws over its step's element, in the overlay (the page's DOM is never
 * styled). Outlines over empty fields are the every-page stage's (./nudge-layer.ts).
 */
import { useCovering } from './floating';

export function Highlight({ target }: { target: Element }) {
  const setBox = useCovering(target);
  return <div ref={setBox} className="cc-highlight cc-tour-ring" data-coach-tour-target="" aria-hidden="true" />;
}
