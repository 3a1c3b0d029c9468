import { render } from '@testing-library/react';
import { App } from '@/entrypoints/overlay.content/App';
import { createStage, type UiReason } from '@/components/overlay/stage';
import type { OverlaySource } from '@/components/overlay/types';

/**
 * Mounts the coach's UI the way a page gets it: the stage (the content script's part: root and
 * launcher) in a container at the end of <body>, then the React overlay on it (what the overlay
 * script does once loaded). With `loaded: false` the overlay is left out: the stage alone, and
 * the asks it makes for the overlay (`mount()` then plays the overlay script arriving).
 */
export function mountCoachUi(coach: OverlaySource, { loaded = true, host = 'div' }: { loaded?: boolean; host?: string } = {}) {
  const container = document.createElement(host);
  document.body.append(container);
  const asks: UiReason[] = [];
  const stage = createStage(document, container, coach, (reason) => asks.push(reason));
  const mount = () => render(<App coach={coach} stage={stage} />, { container: stage.before });
  if (loaded) mount();
  return { container, stage, asks, mount };
}
