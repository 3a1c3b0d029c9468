// Helpers for driving the real SuiteCRM 7 (../shared/realcrm, see docs/adapters.md "SuiteCRM 7"),
// shared by tests/e2e/suitecrm.test.mjs and the benchmark's real-app section
// (bench/sections/suitecrm.mjs): where it runs, its seeded records, logging in through its own
// form, importing the pack whose site entry names the built-in SuiteCRM reader, and clicking the
// extension's toolbar button (activeTab) the way a user does.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openOptions, ROOT } from './harness.mjs';

export const BASE = (process.env.REALCRM_URL ?? `http://127.0.0.1:${process.env.REALCRM_PORT ?? 8080}`).replace(/\/+$/, '');
/** Seeded record ids (../shared/realcrm README, "Seeded records"): 1 account, 2 contact, 3 and 4 opportunities. */
export const ID = (n) => `0a1b2c3d-0000-4000-8000-00000000000${n}`;
export const detailUrl = (id, module = 'Opportunities') => `${BASE}/index.php?module=${module}&action=DetailView&record=${id}`;
/** The inner location of a detail view, as the ajaxUI carries it in its hash. */
export const innerDetail = (id, module = 'Opportunities') => `index.php?module=${module}&action=DetailView&record=${id}`;
/** A page of the AJAX UI (one document; navigation swaps #content by XHR). */
export const ajaxUiUrl = (inner) => `${BASE}/index.php?action=ajaxui#ajaxUILoc=${encodeURIComponent(inner)}`;

export const PACK_FILE = path.join(ROOT, 'tests/fixtures/packs/suitecrm/suitecrm-coaching.json');
export const pack = JSON.parse(readFileSync(PACK_FILE, 'utf8'));

/** The kit's login helper (../shared/realcrm next to the repository; REALCRM_KIT elsewhere). */
export const KIT = process.env.REALCRM_KIT ?? path.join(ROOT, '../shared/realcrm');

/** True when SuiteCRM answers its login page within 5 s. */
export async function reachable() {
  return (await unreachableReason()) === null;
}

/** Why SuiteCRM cannot be used (a sentence), or null when its login page answers. */
export async function unreachableReason() {
  try {
    const res = await fetch(`${BASE}/index.php?module=Users&action=Login`, { redirect: 'manual', signal: globalThis.AbortSignal.timeout(5000) });
    return res.status < 500 ? null : `SuiteCRM at ${BASE} answers HTTP ${res.status}`;
  } catch (err) {
    return `SuiteCRM is not reachable at ${BASE} (${err instanceof Error ? err.message : String(err)})`;
  }
}

/** Imports the SuiteCRM pack through the options page's "Import pack file". */
export async function installPack(session) {
  const options = await openOptions(session);
  await options.getByLabel('Import pack file').setInputFiles({ name: 'suitecrm.json', mimeType: 'application/json', buffer: readFileSync(PACK_FILE) });
  await options.locator(`[data-coach-pack="${pack.id}"]`).waitFor();
  await options.close();
}

/**
 * Clicks the extension's toolbar button for the page's tab, as a user would (CDP
 * Extensions.triggerAction; the browser needs --enable-unsafe-extension-debugging).
 */
export async function clickToolbarButton(session, page) {
  const cdp = await session.context.browser().newBrowserCDPSession();
  try {
    const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] });
    const tab = targetInfos.find((t) => t.url === page.url());
    if (!tab) throw new Error(`No tab target for ${page.url()}`);
    await cdp.send('Extensions.triggerAction', { id: session.extensionId, targetId: tab.targetId });
  } finally {
    await cdp.detach();
  }
}

/** Browser flag the toolbar click needs (CDP's Extensions domain). */
export const TOOLBAR_CLICK_ARGS = ['--enable-unsafe-extension-debugging'];

/** Logs in through SuiteCRM's own form in a new tab; returns the tab. */
export async function login(session) {
  const { loginSuiteCrm } = await import(path.join(KIT, 'scripts/login.mjs'));
  const page = await session.context.newPage();
  await loginSuiteCrm(page, BASE);
  return page;
}
