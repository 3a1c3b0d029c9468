import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { Panel } from '@/components/overlay/Panel';
import { planCoach } from '@/utils/coach/engine';
import { domField, pageModel } from '../overlay/fixtures';

afterEach(() => {
  cleanup();
  document.body.replaceChildren();
});

function renderPanel(onAuthor?: () => void) {
  const model = pageModel([domField('Amount')]);
  const plan = planCoach({ model, packs: [], user: { role: null, startDate: null }, items: {}, now: Date.now() });
  const noop = () => undefined;
  render(
    <Panel
      lang="en"
      model={model}
      plan={plan}
      packs={[]}
      items={{}}
      paused={false}
      host="acme.lightning.force.com"
      launcher={{ right: 20, bottom: 20 }}
      tourProgress={{}}
      renderTip={() => null}
      onClose={noop}
      onOpenSnippet={noop}
      onStartTour={noop}
      onFocusField={noop}
      onPause={noop}
      onAuthor={onAuthor}
    />,
  );
}

describe('Panel: "Author a tip"', () => {
  it('starts author mode when offered', () => {
    const onAuthor = vi.fn();
    renderPanel(onAuthor);
    fireEvent.click(screen.getByRole('button', { name: 'Author a tip' }));
    expect(onAuthor).toHaveBeenCalledTimes(1);
  });

  it('is absent where author mode is not offered', () => {
    renderPanel();
    expect(screen.queryByRole('button', { name: 'Author a tip' })).toBeNull();
  });
});
