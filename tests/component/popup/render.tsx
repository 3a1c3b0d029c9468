/** Renders the popup view for a seeded report, with spies for every action. */
import { render } from '@testing-library/react';
import { vi } from 'vitest';
import { PopupView, type PopupViewProps } from '@/components/popup/PopupView';
import type { ProgressReport } from '@/utils/usage/report';
import { popupData } from '@/utils/usage/progress';

export function renderView(report: ProgressReport, props: Partial<PopupViewProps> = {}) {
  const handlers = {
    onStartToday: vi.fn(),
    onOpenOptions: vi.fn(),
    onOpenSnippet: vi.fn(),
    onClosePreview: vi.fn(),
  };
  const result = render(
    <PopupView
      data={popupData(report)}
      page={null}
      starting={false}
      startError={false}
      previewKey={null}
      browserLanguage="en-US"
      {...handlers}
      {...props}
    />,
  );
  const q = (selector: string) => result.container.querySelector<HTMLElement>(selector);
  const qa = (selector: string) => [...result.container.querySelectorAll<HTMLElement>(selector)];
  return { ...result, ...handlers, q, qa };
}

/** Text of an element, trimmed; throws when it is missing so a test fails clearly. */
export function textOfEl(el: Element | null): string {
  if (!el) throw new Error('element not found');
  return (el.textContent ?? '').trim();
}
