import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HostAccess } from '@/components/options/host-access';
import { fetchBlocked, hostPatternOf } from '@/components/options/pack-url-access';
import { packFailure, msg } from '@/utils/packs/messages';
import { listInstalled } from '@/utils/packs/store';
import { renderOptions, startBackground } from './helpers';

let stop: (() => void) | undefined;
afterEach(() => {
  cleanup();
  stop?.();
  stop = undefined;
});

const URL_CLOSED = 'https://intranet.acme.example/packs/onboarding.json';
const PACK = JSON.stringify({ format: 'crm-coach/pack@1', id: 'intranet-pack', version: '1.0.0', title: 'Intranet pack', tips: [{ id: 't', target: { page: true }, title: 'T' }] });

describe('pack-url-access helpers', () => {
  it('tells a blocked fetch from a refused pack', () => {
    expect(fetchBlocked(packFailure([msg('pack_at_url', URL_CLOSED, msg('pack_fetch_failed', 'Failed to fetch', msg('pack_fetch_hint')))]))).toBe(true);
    expect(fetchBlocked(packFailure([msg('pack_at_url', URL_CLOSED, msg('pack_http_status', '404'))]))).toBe(false);
    expect(fetchBlocked(packFailure([msg('pack_user_packs_off')]))).toBe(false);
  });

  it('asks only for hosts the manifest may grant', () => {
    expect(hostPatternOf(URL_CLOSED)).toBe('https://intranet.acme.example/*');
    expect(hostPatternOf('https://files.example.com:8443/a.json')).toBe('https://files.example.com/*');
    expect(hostPatternOf('http://localhost:8080/p.json')).toBe('http://localhost/*');
    expect(hostPatternOf('http://intranet/p.json')).toBeNull();
    expect(hostPatternOf('not a url')).toBeNull();
  });
});

describe('"Add pack URL" on a server without CORS', () => {
  it('asks for the host in the same click and adds the pack once access is granted', async () => {
    const bg = startBackground();
    stop = bg.stop;
    let granted = false;
    vi.spyOn(globalThis, 'fetch').mockImplementation((async (input: string | URL | Request) => {
      if (String(input).endsWith('/packs/index.json')) return new Response('{"packs":[]}');
      if (!granted) throw new TypeError('Failed to fetch');
      return new Response(PACK, { headers: { 'content-type': 'application/json' } });
    }) as typeof fetch);
    let allow: (ok: boolean) => void = () => undefined;
    const access: HostAccess & { requested: string[][]; grant(): void } = {
      requested: [],
      grant: () => undefined,
      has: vi.fn(async () => granted),
      request: vi.fn(() => new Promise<boolean>((resolve) => (allow = resolve))),
      onChange: () => () => undefined,
    };
    renderOptions(access);
    fireEvent.change(await screen.findByLabelText('Add pack URL'), { target: { value: URL_CLOSED } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/could not fetch/);
    await waitFor(() => expect(access.request).toHaveBeenCalledWith(['https://intranet.acme.example/*']));
    expect(alert.textContent).toMatch(/asked for access to intranet\.acme\.example/);
    expect((await listInstalled()).map((p) => p.pack.id)).not.toContain('intranet-pack');

    granted = true;
    allow(true);
    await screen.findByText(/Installed “Intranet pack” version 1\.0\.0/);
    expect((await listInstalled()).find((p) => p.pack.id === 'intranet-pack')?.url).toBe(URL_CLOSED);
  });

  it('a refused request leaves the error as it was', async () => {
    const bg = startBackground();
    stop = bg.stop;
    vi.spyOn(globalThis, 'fetch').mockImplementation((async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch);
    const access: HostAccess & { requested: string[][]; grant(): void } = { requested: [], grant: () => undefined, has: vi.fn(async () => false), request: vi.fn(async () => false), onChange: () => () => undefined };
    renderOptions(access);
    fireEvent.change(await screen.findByLabelText('Add pack URL'), { target: { value: URL_CLOSED } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    await screen.findByRole('alert');
    await waitFor(() => expect(access.request).toHaveBeenCalledTimes(1));
    expect(screen.getByRole('alert').textContent).toMatch(/could not fetch/);
    expect((await listInstalled()).map((p) => p.pack.id)).not.toContain('intranet-pack');
  });

  it('"Allow access to <host>" in the alert asks again inside its own click (a dismissed prompt, or Firefox), then adds the pack', async () => {
    const bg = startBackground();
    stop = bg.stop;
    let granted = false;
    vi.spyOn(globalThis, 'fetch').mockImplementation((async (input: string | URL | Request) => {
      if (String(input).endsWith('/packs/index.json')) return new Response('{"packs":[]}');
      if (!granted) throw new TypeError('Failed to fetch');
      return new Response(PACK, { headers: { 'content-type': 'application/json' } });
    }) as typeof fetch);
    let inClick = false;
    const asked: boolean[] = [];
    const access: HostAccess & { requested: string[][]; grant(): void } = {
      requested: [],
      grant: () => undefined,
      has: vi.fn(async () => granted),
      // Records whether each request was made synchronously inside a click handler.
      request: vi.fn(async () => {
        asked.push(inClick);
        if (asked.length === 1) return false; // the first prompt is dismissed
        granted = true;
        return true;
      }),
      onChange: () => () => undefined,
    };
    renderOptions(access);
    fireEvent.change(await screen.findByLabelText('Add pack URL'), { target: { value: URL_CLOSED } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    const button = await screen.findByRole('button', { name: 'Allow access to intranet.acme.example' });
    await waitFor(() => expect(access.request).toHaveBeenCalledTimes(1));
    expect((await listInstalled()).map((p) => p.pack.id)).not.toContain('intranet-pack');
    // React handles clicks at its root: the click is on between the button and the window.
    const off = () => (inClick = false);
    button.addEventListener('click', () => (inClick = true));
    window.addEventListener('click', off);
    fireEvent.click(button);
    window.removeEventListener('click', off);
    expect(asked).toEqual([false, true]);
    await screen.findByText(/Installed “Intranet pack” version 1\.0\.0/);
    expect((await listInstalled()).find((p) => p.pack.id === 'intranet-pack')?.url).toBe(URL_CLOSED);
  });
});
