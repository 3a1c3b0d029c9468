// End-to-end harness: the built extension in a real browser (Debian's Chromium through
// playwright-core, or Firefox ESR through puppeteer-core over WebDriver BiDi), fixture CRM pages
// served under their real host names over HTTPS, helpers to reach the overlay, the popup and the
// options page.
//
// ONE SUITE, TWO BROWSERS (docs: tests/e2e/README.md)
// - run.mjs runs every test file once per browser, with CRM_COACH_BROWSER=chromium|firefox
//   (BROWSER below). In Firefox, pages are wrappers (firefox-page.mjs) with the Playwright
//   Page/Locator API the tests use, so a test is written once, in Playwright's API.
// - By default an e2eTest runs in both browsers. A test only one browser can run says so:
//     e2eTest('name', fn, { browsers: ['chromium'], why: 'stops the MV3 service worker (CDP)' });
//   In the other browser it is reported as skipped with that reason.
// - Browser-neutral helpers: launch, openCrm, overlay, openPopup, openOptions, extensionUrl,
//   inWorker (Firefox: an extension page, same storage and APIs), dumpExtensionStorage,
//   screenshot (file names get a "-firefox" suffix in Firefox), session.consoleLines() (every
//   console line of pages, content scripts and background, for "no [CRM Coach] warnings").
// - In page.evaluate on extension pages, `chrome.*` returns promises in both browsers (the
//   Firefox wrapper points `chrome` at `browser` there). Avoid CDP, chrome-extension:// URLs
//   and session.context.serviceWorkers() outside Chromium-only tests.
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { FirefoxContext } from './firefox-page.mjs';
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
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** The browser this process tests: 'chromium' (default) or 'firefox'. */
export const BROWSER = process.env.CRM_COACH_BROWSER === 'firefox' ? 'firefox' : 'chromium';
export const IS_FIREFOX = BROWSER === 'firefox';
export const FIREFOX_EXTENSION_DIR = process.env.CRM_COACH_FIREFOX_EXTENSION ?? path.join(ROOT, '.output/firefox-mv2');
/** Gecko id (wxt.config.ts) and the fixed moz-extension:// UUID the tests give it. */
export const GECKO_ID = 'crm-coach@crm-coach.dev';
export const FIREFOX_UUID = '5c0ac4c1-7e57-4d0b-9a3e-c7cc0ac4c1e5';
/** Where the extension's pages live in the browser under test. */
export const EXTENSION_ORIGIN = IS_FIREFOX ? `moz-extension://${FIREFOX_UUID}` : `chrome-extension://${EXTENSION_ID}`;

/** URL of an extension page, e.g. extensionUrl('popup.html'). */
export function extensionUrl(file) {
  return `${EXTENSION_ORIGIN}/${file.replace(/^\//, '')}`;
}
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
 * Launches the browser under test (BROWSER) with the extension. Options: policy (object written
 * as a managed policy for the extension), locale, colorScheme, headless (default true unless
 * CRM_COACH_HEADED=1), viewport, server, extensionDir (default the build for this browser; null
 * for a browser without the extension), args (Chromium only), prefs (Firefox only), firstUrl (a page opened as soon as the
 * browser is up, before the extension's worker is awaited).
 */
export async function launch(options = {}) {
  return IS_FIREFOX ? launchFirefox(options) : launchChromium(options);
}

async function launchChromium(options) {
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
    viewport: options.viewport === undefined ? { width: 1280, height: 860 } : options.viewport,
    env: { ...process.env, ...(options.locale ? { LANGUAGE: options.locale.replace('-', '_') } : {}) },
  });
  const consoleLines = [];
  context.on('console', (msg) => consoleLines.push(`console.${msg.type()}: ${msg.text()}`));
  // A page opened the moment the browser (and the extension) starts, before the worker is awaited.
  let firstPage = null;
  if (options.firstUrl) {
    firstPage = context.pages()[0] ?? (await context.newPage());
    firstPage.goto(options.firstUrl, { waitUntil: 'commit' }).catch(() => {});
  }
  let worker = null;
  if (extensionDir) {
    worker = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${EXTENSION_ID}/`))
      ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  }
  const session = {
    browserName: 'chromium',
    context,
    server,
    worker,
    firstPage,
    extensionId: EXTENSION_ID,
    consoleLines: () => [...consoleLines],
    async close() {
      await context.close().catch(() => {});
      if (!options.server) await server.close();
      if (policyFile) rmSync(policyFile, { force: true });
      // Chromium may still be flushing the profile when its window was closed by hand.
      rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    },
  };
  return session;
}

/**
 * Firefox ESR through puppeteer-core over WebDriver BiDi: every host name resolves to the local
 * fixture server (network.dns.forceResolve) and port 443 goes to its port; the extension is a
 * temporary add-on with a fixed moz-extension UUID; console output of pages, content scripts and
 * the background page goes to Firefox's stdout, which the session keeps.
 */
async function launchFirefox(options) {
  const extensionDir = options.extensionDir === undefined ? FIREFOX_EXTENSION_DIR : options.extensionDir;
  if (extensionDir && !existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionDir}: run npm run build:firefox first.`);
  }
  const server = options.server ?? (await startServer());
  let policyFile = null;
  if (options.policy) policyFile = writeFirefoxPolicy(options.policy);
  const viewport = options.viewport ?? { width: 1280, height: 860 };
  const headless = options.headless ?? process.env.CRM_COACH_HEADED !== '1';
  const hosts = [...new Set(routes.map((r) => new URL(r.url).hostname))];
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless,
    acceptInsecureCerts: true,
    defaultViewport: viewport,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'network.dns.localDomains': hosts.join(','),
      'network.dns.forceResolve': '127.0.0.1',
      'network.socket.forcePort': `443=${server.port}`,
      'network.trr.mode': 5,
      'network.proxy.type': 0,
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
      'devtools.console.stdout.content': true,
      'devtools.console.stdout.chrome': true,
      'layout.css.prefers-color-scheme.content-override': options.colorScheme === 'dark' ? 0 : 1,
      ...(options.locale ? { 'intl.locale.requested': options.locale, 'intl.accept_languages': options.locale } : {}),
      ...(options.prefs ?? {}),
    },
  });
  const consoleLines = [];
  const proc = browser.process();
  for (const stream of [proc?.stdout, proc?.stderr]) {
    let rest = '';
    stream?.on('data', (chunk) => {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop() ?? '';
      consoleLines.push(...lines.filter((l) => l.startsWith('console.')));
    });
  }
  if (extensionDir) await browser.installExtension(extensionDir);
  const context = new FirefoxContext(browser, viewport);
  // A page opened the moment the add-on is installed, while its background is still starting.
  let firstPage = null;
  if (options.firstUrl) {
    firstPage = await context.newPage();
    firstPage.goto(options.firstUrl, { waitUntil: 'domcontentloaded' }).catch(() => {});
  }
  const session = {
    browserName: 'firefox',
    context,
    server,
    worker: null,
    firstPage,
    extensionId: GECKO_ID,
    /** Removes the add-on while its pages stay open (what disabling, updating or uninstalling it does to them). */
    uninstallExtension: () => browser.uninstallExtension(GECKO_ID),
    consoleLines: () => [...consoleLines],
    async close() {
      await browser.close().catch(() => {});
      if (!options.server) await server.close();
      if (policyFile) rmSync(policyFile, { force: true });
    },
  };
  return session;
}

/** Firefox's enterprise policy file (Linux, system-wide); this test run owns it while it runs. */
export const FIREFOX_POLICY_FILE = '/etc/firefox/policies/policies.json';

/** Writes Firefox's policies.json with the extension's managed settings ("3rdparty"). */
export function writeFirefoxPolicy(policy) {
  mkdirSync(path.dirname(FIREFOX_POLICY_FILE), { recursive: true });
  writeFileSync(FIREFOX_POLICY_FILE, JSON.stringify({ policies: { '3rdparty': { Extensions: { [GECKO_ID]: policy } } } }, null, 2));
  return FIREFOX_POLICY_FILE;
}

/** Writes a Chromium managed policy for the extension; returns the file to remove afterwards. */
export function writePolicy(policy) {
  mkdirSync(POLICY_DIR, { recursive: true });
  const file = path.join(POLICY_DIR, `crm-coach-test-${process.pid}.json`);
  writeFileSync(file, JSON.stringify({ '3rdparty': { extensions: { [EXTENSION_ID]: policy } } }));
  return file;
}

/** True when this process may write the browser's managed policy folder. */
export function canWritePolicy() {
  const dir = IS_FIREFOX ? path.dirname(FIREFOX_POLICY_FILE) : POLICY_DIR;
  try {
    mkdirSync(dir, { recursive: true });
    const probe = path.join(dir, `.probe-${process.pid}`);
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

/**
 * Starts recording every change of an overlay element's style (the overlay's shadow root is
 * open to the page); `overlayWrites(page)` reads what was recorded since.
 */
export async function recordOverlayWrites(page) {
  await page.evaluate(() => {
    window.__overlayWrites = [];
    const root = document.querySelector('crm-coach-overlay').shadowRoot;
    new window.MutationObserver((records) => {
      for (const r of records) window.__overlayWrites.push(`${r.target.getAttribute('data-coach-highlight') ?? r.target.getAttribute('data-coach-tip') ?? r.target.className}: ${r.target.getAttribute('style')}`);
    }).observe(root, { subtree: true, attributes: true, attributeFilter: ['style'] });
  });
}

export function overlayWrites(page) {
  return page.evaluate(() => window.__overlayWrites);
}

/** True when the outline `ring` covers `field` (both locators), within 2 px: outlines sit 3 px outside their field. */
export async function outlineCovers(ring, field) {
  const [a, b] = [await ring.boundingBox(), await field.boundingBox()];
  return !!a && !!b && Math.abs(a.x + 3 - b.x) <= 2 && Math.abs(a.y + 3 - b.y) <= 2;
}

export async function openPopup(session, query = '') {
  const page = await session.context.newPage();
  await page.goto(extensionUrl(`popup.html${query}`));
  return page;
}

export async function openOptions(session) {
  const page = await session.context.newPage();
  await page.goto(extensionUrl('options.html'));
  return page;
}

/** Saves a PNG under tests/e2e/artifacts/ and returns its path. */
export async function screenshot(page, name, options = {}) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}${IS_FIREFOX ? '-firefox' : ''}.png`);
  await page.screenshot({ path: file, ...options });
  return file;
}

/**
 * Runs `fn` in the extension's service worker (waking it by opening an extension page if needed).
 * Firefox: in an extension page (same storage and APIs; the MV2 background page is not reachable
 * over BiDi), so `fn` must not rely on background-only state.
 */
export async function inWorker(session, fn, arg) {
  if (IS_FIREFOX) {
    const page = await openOptions(session);
    try {
      return await page.evaluate(fn, arg);
    } finally {
      await page.close();
    }
  }
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

/** e2eTest options for a test that calls clickToolbarButton: CDP may trigger the action only with this flag, in Chromium. */
export const TOOLBAR_CLICK = {
  launchOptions: { args: ['--enable-unsafe-extension-debugging'] },
  browsers: ['chromium'],
  why: 'clicks the toolbar button through CDP Extensions.triggerAction',
};

/**
 * Clicks the extension's toolbar button for the page's tab, as a user would (Chromium only: CDP
 * Extensions.triggerAction). This grants activeTab, so the coach starts on a pack site the user
 * has not granted.
 */
export async function clickToolbarButton(session, page) {
  const cdp = await session.context.browser().newBrowserCDPSession();
  try {
    const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] });
    const tab = targetInfos.find((t) => t.url === page.url());
    if (!tab) throw new Error(`no tab target for ${page.url()}`);
    await cdp.send('Extensions.triggerAction', { id: session.extensionId, targetId: tab.targetId });
  } finally {
    await cdp.detach();
  }
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
  const { launchOptions, browsers, why, ...testOptions } = options;
  if (browsers && !browsers.includes(BROWSER)) {
    test(name, { skip: `${browsers.join('/')} only: ${why ?? 'see the test'}` }, () => {});
    return;
  }
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
