// End-to-end harness: the built extension in Debian's Chromium, fixture CRM pages served under
// their real host names over HTTPS, helpers to reach the overlay, the popup and the options page.
import { chromium } from 'playwright-core';
import { test } from 'node:test';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, loadRoutes } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../..');
export const EXTENSION_DIR = process.env.CRM_COACH_EXTENSION ?? path.join(ROOT, '.output/chrome-mv3');
export const EXTENSION_ID = 'hleadkajkmgjljmaomoklmpoighnceim';
export const ARTIFACTS = path.join(here, 'artifacts');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const POLICY_DIR = '/etc/chromium/policies/managed';

export const CHROMIUM_FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--ignore-certificate-errors',
];

/** Routes of the fixture CRM pages (tests/fixtures/crm/routes.json). */
export const routes = loadRoutes();

/** The first route whose expectations match, e.g. route({ crm: 'salesforce', page: 'record' }). */
export function route(match) {
  const found = routes.find((r) => Object.entries(match).every(([k, v]) => r.expect?.[k] === v));
  if (!found) throw new Error(`No fixture route matches ${JSON.stringify(match)}`);
  return found;
}

/**
 * Launches Chromium with the extension. Options: policy (object written as a managed policy for
 * the extension), locale, colorScheme, headless (default true unless CRM_COACH_HEADED=1),
 * extensionDir (default .output/chrome-mv3; null for a browser without the extension).
 */
export async function launch(options = {}) {
  const extensionDir = options.extensionDir === undefined ? EXTENSION_DIR : options.extensionDir;
  if (extensionDir && !existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionDir}: run npm run build first.`);
  }
  const server = options.server ?? (await startServer());
  let policyFile = null;
  if (options.policy) policyFile = writePolicy(options.policy);
  const profile = mkdtempSync(path.join(tmpdir(), 'crm-coach-profile-'));
  const headless = options.headless ?? process.env.CRM_COACH_HEADED !== '1';
  const args = [
    ...(headless ? ['--headless=new'] : []),
    // Fixture hosts go to the fixture server; localhost and 127.0.0.1 stay themselves (the real SuiteCRM, tests/e2e/suitecrm.test.mjs).
    `--host-resolver-rules=MAP * 127.0.0.1:${server.port}, EXCLUDE localhost, EXCLUDE 127.0.0.1`,
    ...CHROMIUM_FLAGS,
    ...(extensionDir ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : []),
    ...(options.locale ? [`--lang=${options.locale}`] : []),
    ...(options.args ?? []),
  ];
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: false,
    ignoreDefaultArgs: ['--disable-extensions'],
    args,
    locale: options.locale,
    colorScheme: options.colorScheme ?? 'light',
    viewport: options.viewport ?? { width: 1280, height: 860 },
    env: { ...process.env, ...(options.locale ? { LANGUAGE: options.locale.replace('-', '_') } : {}) },
  });
  let worker = null;
  if (extensionDir) {
    worker = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${EXTENSION_ID}/`))
      ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  }
  const session = {
    context,
    server,
    worker,
    extensionId: EXTENSION_ID,
    async close() {
      await context.close().catch(() => {});
      if (!options.server) await server.close();
      if (policyFile) rmSync(policyFile, { force: true });
      rmSync(profile, { recursive: true, force: true });
    },
  };
  return session;
}

/** Writes a Chromium managed policy for the extension; returns the file to remove afterwards. */
export function writePolicy(policy) {
  mkdirSync(POLICY_DIR, { recursive: true });
  const file = path.join(POLICY_DIR, `crm-coach-test-${process.pid}.json`);
  writeFileSync(file, JSON.stringify({ '3rdparty': { extensions: { [EXTENSION_ID]: policy } } }));
  return file;
}

/** True when this process may write Chromium's managed policy folder. */
export function canWritePolicy() {
  try {
    mkdirSync(POLICY_DIR, { recursive: true });
    const probe = path.join(POLICY_DIR, `.probe-${process.pid}`);
    writeFileSync(probe, '{}');
    rmSync(probe);
    return true;
  } catch {
    return false;
  }
}

/** Opens a CRM page (a full URL or a route) in a new tab and waits for the overlay host. */
export async function openCrm(session, urlOrRoute, { waitForOverlay = true } = {}) {
  const url = typeof urlOrRoute === 'string' ? urlOrRoute : urlOrRoute.url;
  const page = await session.context.newPage();
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  if (waitForOverlay) await page.locator('crm-coach-overlay').waitFor({ state: 'attached', timeout: 10_000 });
  return page;
}

/** Locator inside the overlay's open shadow root (Playwright pierces open roots). */
export function overlay(page, selector = ':scope') {
  return page.locator('crm-coach-overlay').locator(selector);
}

export async function openPopup(session, query = '') {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${EXTENSION_ID}/popup.html${query}`);
  return page;
}

export async function openOptions(session) {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  return page;
}

/** Saves a PNG under tests/e2e/artifacts/ and returns its path. */
export async function screenshot(page, name, options = {}) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, ...options });
  return file;
}

/** Runs `fn` in the extension's service worker (waking it by opening an extension page if needed). */
export async function inWorker(session, fn, arg) {
  let worker = session.context.serviceWorkers().find((w) => w.url().includes(EXTENSION_ID));
  if (!worker) {
    const page = await openOptions(session);
    worker = session.context.serviceWorkers().find((w) => w.url().includes(EXTENSION_ID))
      ?? (await session.context.waitForEvent('serviceworker', { timeout: 10_000 }));
    await page.close();
  }
  session.worker = worker;
  return worker.evaluate(fn, arg);
}

/** Stops the MV3 service worker the way Chromium does when idle (CDP Target.closeTarget). */
export async function stopServiceWorker(session) {
  const cdp = await session.context.browser()?.newBrowserCDPSession?.();
  if (!cdp) throw new Error('No browser CDP session');
  const { targetInfos } = await cdp.send('Target.getTargets');
  const targets = targetInfos.filter((t) => t.type === 'service_worker' && t.url.includes(EXTENSION_ID));
  for (const t of targets) await cdp.send('Target.closeTarget', { targetId: t.targetId });
  await cdp.detach();
  return targets.length;
}

/**
 * Reads everything the extension stores, from an extension page: every IndexedDB database
 * (all object stores, all rows) and storage.local/sync/session. Returns one JSON string.
 */
export async function dumpExtensionStorage(session) {
  const page = await openOptions(session);
  const dump = await page.evaluate(async () => {
    const out = { indexedDB: {}, local: {}, sync: {}, session: {} };
    for (const info of await indexedDB.databases()) {
      const db = await new Promise((resolve, reject) => {
        const req = indexedDB.open(info.name);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const stores = {};
      for (const name of db.objectStoreNames) {
        stores[name] = await new Promise((resolve, reject) => {
          const req = db.transaction(name).objectStore(name).getAll();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
      }
      db.close();
      out.indexedDB[info.name] = stores;
    }
    out.local = await chrome.storage.local.get(null);
    out.sync = await chrome.storage.sync.get(null);
    out.session = await chrome.storage.session.get(null).catch(() => ({}));
    return JSON.stringify(out);
  });
  await page.close();
  return dump;
}

/**
 * node:test wrapper: launches a session, runs the test, saves screenshots of every open page
 * when it fails (kept under tests/e2e/artifacts/failed-*), and always closes the browser.
 */
export function e2eTest(name, fn, options = {}) {
  const { launchOptions, ...testOptions } = options;
  test(name, { timeout: 120_000, ...testOptions }, async (t) => {
    const session = await launch(launchOptions);
    try {
      await fn(session, t);
    } catch (err) {
      const slug = name.replace(/[^a-z0-9]+/gi, '-').toLowerCase().slice(0, 60);
      let i = 0;
      for (const page of session.context.pages()) {
        await screenshot(page, `failed-${slug}-${i++}`).catch(() => {});
      }
      throw err;
    } finally {
      await session.close();
    }
  });
}

/** Polls an async check until it returns a truthy value (for state that settles asynchronously). */
export async function eventually(check, { timeout = 10_000, interval = 100, message = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await check();
      if (last) return last;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) throw new Error(`Timed out waiting for ${message}: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}
