// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { pack, renderOptions, seedPacks, startBackground } from './helpers';

let stop: (() => void) | undefined;
afterEach(() => {
  cleanup();
  stop?.();
});

describe('options page accessibility', () => {
  it('has no axe violations with packs, a policy lock and an error', async () => {
    await fakeBrowser.storage.managed.set({ role: 'sales' });
    await seedPacks(pack('pack-a'), pack('pack-b', { description: 'Second pack' }));
    stop = startBackground().stop;
    const { container } = renderOptions();
    await waitFor(() => expect(container.querySelector('[data-coach-pack="pack-b"]')).not.toBeNull());
    expect(screen.getByLabelText('Import pack file')).toBeTruthy();
    // Colour contrast needs layout, which jsdom does not do.
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
});
