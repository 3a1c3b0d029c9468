import { onMessage } from '../messaging';
import { applyPolicy, DEFAULT_SETTINGS } from '../settings';
import type { Pack } from './types';

async function builtinPacks(): Promise<Pack[]> {
  const res = await fetch(browser.runtime.getURL('/packs/salesforce-starter.json'));
  return [(await res.json()) as Pack];
}

export function registerPackHandlers(): void {
  onMessage('getCoachState', async () => ({
    packs: await builtinPacks(),
    settings: applyPolicy(DEFAULT_SETTINGS, {}),
    items: {},
    resolved: [],
    salt: 'dev',
    paused: false,
  }));
}
