/** An outline drawn in the overlay over an element of the page (the page's DOM is never styled). */
import { useCovering } from './floating';

export function Highlight({ target, label, tour = false }: { target: Element; label?: string; tour?: boolean }) {
  const setBox = useCovering(target);
  return (
    <div
      ref={setBox}
      className={tour ? 'cc-highlight cc-tour-ring' : 'cc-highlight'}
      data-coach-highlight={tour ? undefined : label}
      data-coach-tour-target={tour ? '' : undefined}
      aria-hidden="true"
    />
  );
}
