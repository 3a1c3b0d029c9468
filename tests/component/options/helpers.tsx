import { render } from '@testing-library/react';
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsApp } from '@/components/options/OptionsApp';
import type { HostAccess } from '@/components/options/host-access';
import { onMessage } from '@/utils/messaging';
import { registerPackHandlers } from '@/utils/packs/background';
import { packsItem } from '@/utils/storage/items';
import type { InstalledPack, Pack } from '@/utils/packs/types';

export const pack = (id: string, extra: Partial<Pack> = {}): Pack => ({
  format: 'crm-coach/pack@1',
  id,
  version: '1.0.0',
  title: { en: `Pack ${id}`, 'zh-CN': `提示包 ${id}` },
  tips: [{ id: 't', target: { page: true }, title: 'T' }],
  ...extra,
});

export async function seedPacks(...packs: (Pack | InstalledPack)[]) {
  const map = Object.fromEntries(
    packs.map((p) => {
      const installed: InstalledPack = 'pack' in p ? p : { pack: p, source: 'user-file', enabled: true, installedAt: 1 };
      return [installed.pack.id, installed];
    }),
  );
  await fakeBrowser.storage.local.set({ [packsItem.key]: map });
}

export function fakeHostAccess(initial = false) {
  let granted = initial;
  const listeners = new Set<() => void>();
  const access: HostAccess & { requested: string[][]; grant: () => void } = {
    requested: [],
    has: vi.fn(async () => granted),
    request: vi.fn(async (origins: string[]) => {
      access.requested.push(origins);
      return false; // the user said no, or the dialog is still open
    }),
    onChange: (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    grant: () => {
      granted = true;
      listeners.forEach((cb) => cb());
    },
  };
  return access;
}

/** The background's real pack handlers plus stand-ins for the usage helper's data messages. */
export function startBackground() {
  vi.spyOn(globalThis, 'fetch').mockImplementation((async (input: string | URL | Request) =>
    String(input).endsWith('/packs/index.json') ? new Response('{"packs":[]}') : new Response('', { status: 404 })) as typeof fetch);
  const data = {
    exportData: vi.fn(async () => '{"events":[]}'),
    exportRollupsCsv: vi.fn(async () => 'day,points\n'),
    exportSummary: vi.fn(async () => '{"summary":true}'),
    importData: vi.fn(async () => ({ ok: true as const, events: 3 })),
    deleteData: vi.fn(async () => ({ ok: true as const })),
  };
  const removers = [
    registerPackHandlers(),
    onMessage('exportData', () => data.exportData()),
    onMessage('exportRollupsCsv', () => data.exportRollupsCsv()),
    onMessage('exportSummary', () => data.exportSummary()),
    onMessage('importData', () => data.importData()),
    onMessage('deleteData', () => data.deleteData()),
  ];
  return { data, stop: () => removers.forEach((r) => r()) };
}

export function renderOptions(hostAccess = fakeHostAccess(), lang = 'en-US') {
  const download = vi.fn();
  const view = render(<OptionsApp hostAccess={hostAccess} download={download} browserLanguage={lang} />);
  return { ...view, download, hostAccess };
}
