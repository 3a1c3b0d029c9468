import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { pack, renderOptions, seedPacks, startBackground } from './helpers';

const dir = resolve('tests/fixtures/packs/bad');
const expected = JSON.parse(readFileSync(resolve(dir, 'expected.json'), 'utf8')) as Record<string, string[]>;

let stop: (() => void) | undefined;
afterEach(() => {
  cleanup();
  stop?.();
});

describe('options page: the bad pack corpus', () => {
  it.each(Object.keys(expected))('%s: "Import pack file" shows its message and changes nothing', async (file) => {
    const installed = JSON.parse(readFileSync(resolve('tests/fixtures/packs/good/acme-versioned-1.2.0.json'), 'utf8'));
    await seedPacks(installed, pack('other-pack'));
    const before = await fakeBrowser.storage.local.get('packs');
    stop = startBackground().stop;
    // A person can pick "All files" in the file chooser, so the input's accept list is not a guard.
    const user = userEvent.setup({ applyAccept: false });
    renderOptions();
    const input = await screen.findByLabelText('Import pack file');
    await user.upload(input, new File([readFileSync(resolve(dir, file))], file));
    const alert = await screen.findByRole('alert', {}, { timeout: 5000 });
    for (const fragment of expected[file]) expect(alert.textContent).toContain(fragment);
    await waitFor(async () => expect(await fakeBrowser.storage.local.get('packs')).toEqual(before));
    expect(document.querySelectorAll('[data-coach-pack]')).toHaveLength(2);
  });
});
