// The part of Playwright's Page / Locator / BrowserContext API the end-to-end tests use,
// implemented over puppeteer-core's Firefox (WebDriver BiDi) so every test file runs unchanged
// in Firefox ESR. Locators keep Playwright's own semantics: the selectors (getByRole, getByLabel,
// getByText, filter, nth, CSS through open shadow roots) are resolved in the page by
// playwright-core's injected selector engine, the same code Playwright runs in Chromium.
// Clicks and keys are real input (BiDi input.performActions), so user-gesture rules apply.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

const DEFAULT_TIMEOUT = 15_000;
const POLL = 100;

/** playwright-core's injected script (a string inside its bundle), read once. */
const INJECTED = (() => {
  const pkg = createRequire(import.meta.url).resolve('playwright-core/package.json');
  const bundle = readFileSync(path.join(path.dirname(pkg), 'lib/coreBundle.js'), 'utf8');
  const marker = "source5 = '";
  const start = bundle.indexOf(marker);
  if (start < 0) throw new Error('playwright-core layout changed: injected script not found (pinned 1.65.1)');
  let i = start + marker.length;
  while (bundle[i] !== "'") i += bundle[i] === '\\' ? 2 : 1;
  return vm.runInNewContext(bundle.slice(start + marker.length - 1, i + 1));
})();

/** Playwright's selector builders (getByRole etc.), taken from the same injected source. */
const BUILD = vm.runInNewContext(
  `${INJECTED}\n;({ getByRoleSelector, getByLabelSelector, getByTextSelector, escapeForTextSelector })`,
  { module: {} },
);

const INSTALL = `globalThis.__crmCoachPw = globalThis.__crmCoachPw || (() => { const module = {};
${INJECTED}
return new (module.exports.InjectedScript())(globalThis, ${JSON.stringify({
  isUnderTest: false, sdkLanguage: 'javascript', testIdAttributeName: 'data-testid', stableRafCount: 1,
  browserName: 'firefox', shouldPrependErrorPrefix: false, isUtilityWorld: false, customEngines: [],
})}); })(); 0`;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const MIME = { '.json': 'application/json', '.yaml': 'application/yaml', '.yml': 'application/yaml', '.txt': 'text/plain' };

function filePayload(file) {
  if (typeof file === 'string') {
    return { name: path.basename(file), mimeType: MIME[path.extname(file)] ?? 'application/octet-stream', buffer: readFileSync(file).toString('base64') };
  }
  return { name: file.name, mimeType: file.mimeType, buffer: Buffer.from(file.buffer).toString('base64') };
}

/** Playwright key names ("Shift+Tab", "Control+a") to puppeteer's down/press/up. */
async function pressKey(keyboard, combo) {
  const parts = combo.split('+').filter(Boolean);
  const key = parts.pop();
  const mods = parts.map((m) => (m === 'ControlOrMeta' ? 'Control' : m));
  for (const m of mods) await keyboard.down(m);
  await keyboard.press(key);
  for (const m of mods.reverse()) await keyboard.up(m);
}

export class FirefoxLocator {
  constructor(page, selector) {
    this._page = page;
    this._selector = selector;
  }

  _chain(selector) {
    return new FirefoxLocator(this._page, `${this._selector} >> ${selector}`);
  }

  locator(selector) { return this._chain(selector instanceof FirefoxLocator ? `internal:chain=${JSON.stringify(selector._selector)}` : selector); }
  getByRole(role, options = {}) { return this._chain(BUILD.getByRoleSelector(role, options)); }
  getByLabel(text, options = {}) { return this._chain(BUILD.getByLabelSelector(text, options)); }
  getByText(text, options = {}) { return this._chain(BUILD.getByTextSelector(text, options)); }
  or(other) { return new FirefoxLocator(this._page, `${this._selector} >> internal:or=${JSON.stringify(other._selector)}`); }
  and(other) { return new FirefoxLocator(this._page, `${this._selector} >> internal:and=${JSON.stringify(other._selector)}`); }
  first() { return this._chain('nth=0'); }
  last() { return this._chain('nth=-1'); }
  nth(i) { return this._chain(`nth=${i}`); }
  filter(options = {}) {
    let sel = this._selector;
    if (options.hasText !== undefined) sel += ` >> internal:has-text=${BUILD.escapeForTextSelector(options.hasText, false)}`;
    if (options.hasNotText !== undefined) sel += ` >> internal:has-not-text=${BUILD.escapeForTextSelector(options.hasNotText, false)}`;
    if (options.has) sel += ` >> internal:has=${JSON.stringify(options.has._selector)}`;
    if (options.hasNot) sel += ` >> internal:has-not=${JSON.stringify(options.hasNot._selector)}`;
    if (options.visible !== undefined) sel += ` >> visible=${options.visible ? 'true' : 'false'}`;
    return new FirefoxLocator(this._page, sel);
  }

  /** Runs `fn(injected, elements, arg)` in the page; installs the selector engine when missing. */
  async _query(fn, arg) {
    return this._page._inPage(
      (injected, selector) => [...injected.querySelectorAll(injected.parseSelector(selector), document)],
      fn, this._selector, arg,
    );
  }

  async count() { return this._query((els) => els.length); }
  /** As Playwright's: one locator per element matching now (nth=0, nth=1, ...). */
  async all() { return Array.from({ length: await this.count() }, (_, i) => this.nth(i)); }

  async _state(state) {
    return this._query((els, s) => {
      const pw = globalThis.__crmCoachPw;
      return els.length > 0 && pw.elementState(els[0], s, true).matches;
    }, state);
  }

  async isVisible() { return this._query((els) => els.length > 0 && globalThis.__crmCoachPw.elementState(els[0], 'visible', true).matches); }
  async isHidden() { return !(await this.isVisible()); }

  async waitFor({ state = 'visible', timeout = DEFAULT_TIMEOUT } = {}) {
    const end = Date.now() + timeout;
    for (;;) {
      const ok = await this._query((els, s) => {
        if (s === 'attached') return els.length > 0;
        if (s === 'detached') return els.length === 0;
        const visible = els.length > 0 && globalThis.__crmCoachPw.elementState(els[0], 'visible', true).matches;
        return s === 'visible' ? visible : !visible;
      }, state).catch(() => false);
      if (ok) return;
      if (Date.now() > end) throw new Error(`locator.waitFor: timeout ${timeout}ms waiting for ${this._selector} to be ${state}`);
      await sleep(POLL);
    }
  }

  /** The single matching element (strict, as Playwright), waiting until it exists and meets `states`. */
  async _handle({ states = [], timeout = DEFAULT_TIMEOUT } = {}) {
    const end = Date.now() + timeout;
    let last;
    for (;;) {
      const handle = await this._page._inPageHandle((injected, selector, wanted) => {
        const els = [...injected.querySelectorAll(injected.parseSelector(selector), document)];
        if (els.length > 1) return `strict mode violation: ${els.length} elements`;
        if (els.length === 0) return 'no element';
        for (const s of wanted) if (!injected.elementState(els[0], s, true).matches) return `not ${s}`;
        return els[0];
      }, this._selector, states);
      const el = handle.asElement();
      if (el) return el;
      last = await handle.jsonValue();
      await handle.dispose();
      if (String(last).startsWith('strict')) throw new Error(`${this._selector}: ${last}`);
      if (Date.now() > end) throw new Error(`Timed out (${timeout}ms) waiting for ${this._selector}: ${last}`);
      await sleep(POLL);
    }
  }

  async _withElement(fn, arg, options = {}) {
    const el = await this._handle(options);
    try {
      return await this._page._page.evaluate(fn, el, arg);
    } finally {
      await el.dispose();
    }
  }

  async click(options = {}) {
    const el = await this._handle({ states: options.force ? [] : ['visible', 'enabled'], timeout: options.timeout });
    try {
      await el.click({ count: options.clickCount ?? 1, button: options.button ?? 'left' });
    } finally {
      await el.dispose();
    }
  }

  async dblclick(options = {}) { return this.click({ ...options, clickCount: 2 }); }

  async hover(options = {}) {
    const el = await this._handle({ states: ['visible'], timeout: options.timeout });
    try { await el.hover(); } finally { await el.dispose(); }
  }

  async focus(options = {}) { await this._withElement((el) => el.focus(), undefined, options); }

  async fill(value, options = {}) {
    const result = await this._withElement((el, v) => {
      // Inputs Playwright sets directly (date, time, color, range…): through the prototype's
      // setter, as Playwright's isolated world does, so React's value tracker sees the change.
      const type = el.localName === 'input' ? el.type.toLowerCase() : '';
      if (['color', 'date', 'time', 'datetime-local', 'month', 'range', 'week'].includes(type)) {
        el.focus();
        Object.getOwnPropertyDescriptor(el.ownerDocument.defaultView.HTMLInputElement.prototype, 'value').set.call(el, v.trim());
        el.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
        el.dispatchEvent(new Event('change', { bubbles: true }));
        return 'done';
      }
      return globalThis.__crmCoachPw.fill(el, v);
    }, value, { states: ['visible', 'enabled', 'editable'], timeout: options.timeout });
    if (result === 'needsinput') {
      await this._page._page.evaluate((v) => {
        if (v) document.execCommand('insertText', false, v);
        else document.execCommand('delete', false);
      }, value);
    } else if (result !== 'done') {
      throw new Error(`fill ${this._selector}: ${result}`);
    }
  }

  async pressSequentially(text) {
    await this.focus();
    await this._page._page.keyboard.type(text);
  }

  async type(text) { return this.pressSequentially(text); }

  async press(key, options = {}) {
    await this.focus(options);
    await pressKey(this._page._page.keyboard, key);
  }

  async selectOption(values, options = {}) {
    const list = (Array.isArray(values) ? values : [values]).map((v) => (typeof v === 'string' ? { valueOrLabel: v } : v));
    const result = await this._withElement((el, opts) => globalThis.__crmCoachPw.selectOptions(el, opts), list, { states: ['visible', 'enabled'], timeout: options.timeout });
    if (typeof result === 'string') throw new Error(`selectOption ${this._selector}: ${result}`);
    return result;
  }

  async setInputFiles(files) {
    const payloads = (Array.isArray(files) ? files : [files]).map(filePayload);
    const result = await this._withElement((el, p) => globalThis.__crmCoachPw.setInputFiles(el, p), payloads);
    if (typeof result === 'string') throw new Error(`setInputFiles ${this._selector}: ${result}`);
  }

  async _setChecked(checked, options) {
    const isChecked = await this._withElement((el) => globalThis.__crmCoachPw.elementState(el, 'checked').matches, undefined, options);
    if (isChecked !== checked) await this.click(options);
  }

  async check(options = {}) { return this._setChecked(true, options); }
  async uncheck(options = {}) { return this._setChecked(false, options); }
  async setChecked(checked, options = {}) { return this._setChecked(checked, options); }

  async isChecked(options = {}) { return this._withElement((el) => globalThis.__crmCoachPw.elementState(el, 'checked').matches, undefined, options); }
  async isDisabled(options = {}) { return this._withElement((el) => globalThis.__crmCoachPw.elementState(el, 'disabled').matches, undefined, options); }
  async isEnabled(options = {}) { return this._withElement((el) => globalThis.__crmCoachPw.elementState(el, 'enabled').matches, undefined, options); }
  async isEditable(options = {}) { return this._withElement((el) => globalThis.__crmCoachPw.elementState(el, 'editable').matches, undefined, options); }

  async innerText(options = {}) { return this._withElement((el) => el.innerText, undefined, options); }
  async textContent(options = {}) { return this._withElement((el) => el.textContent, undefined, options); }
  async inputValue(options = {}) { return this._withElement((el) => el.value, undefined, options); }
  async getAttribute(name, options = {}) { return this._withElement((el, n) => el.getAttribute(n), name, options); }
  async allInnerTexts() { return this._query((els) => els.map((e) => e.innerText)); }
  async allTextContents() { return this._query((els) => els.map((e) => e.textContent ?? '')); }

  async evaluate(fn, arg, options = {}) {
    const el = await this._handle(options);
    try {
      return await this._page._page.evaluate(fn, el, arg);
    } finally {
      await el.dispose();
    }
  }

  async evaluateAll(fn, arg) {
    await this._page._ensureInjected();
    const list = await this._page._page.evaluateHandle(
      (selector) => { const pw = globalThis.__crmCoachPw; return [...pw.querySelectorAll(pw.parseSelector(selector), document)]; },
      this._selector,
    );
    try {
      return await this._page._page.evaluate(fn, list, arg);
    } finally {
      await list.dispose();
    }
  }

  async dispatchEvent(type, init = {}) {
    await this._withElement((el, a) => el.dispatchEvent(new Event(a.type, { bubbles: true, composed: true, cancelable: true, ...a.init })), { type, init });
  }

  async scrollIntoViewIfNeeded(options = {}) {
    await this._withElement((el) => el.scrollIntoView({ block: 'center', inline: 'center' }), undefined, options);
  }

  async boundingBox(options = {}) {
    const el = await this._handle(options);
    try {
      return await el.boundingBox();
    } finally {
      await el.dispose();
    }
  }

  async screenshot(options = {}) {
    const el = await this._handle({ states: ['visible'] });
    try {
      return await el.screenshot(options);
    } finally {
      await el.dispose();
    }
  }
}

/** A puppeteer Page with Playwright's method names. */
export class FirefoxPage {
  constructor(page, context) {
    this._page = page;
    this._context = context;
    this._url = null; // extension pages: puppeteer's url() stays about:blank after browsingContext.navigate
    this.keyboard = {
      press: (key) => pressKey(page.keyboard, key),
      type: (text) => page.keyboard.type(text),
      down: (key) => page.keyboard.down(key),
      up: (key) => page.keyboard.up(key),
      insertText: (text) => page.evaluate((t) => document.execCommand('insertText', false, t), text),
    };
    this.mouse = {
      move: (x, y) => page.mouse.move(x, y),
      click: (x, y, o) => page.mouse.click(x, y, o),
      down: (o) => page.mouse.down(o),
      up: (o) => page.mouse.up(o),
      wheel: (deltaX, deltaY) => page.mouse.wheel({ deltaX, deltaY }),
    };
  }

  async _ensureInjected() {
    const ok = await this._page.evaluate(() => !!globalThis.__crmCoachPw);
    if (!ok) await this._page.evaluate(INSTALL);
  }

  /** `fn(elements, arg)` in the page for the elements `find(injected, selector, arg)` returns. */
  async _inPage(find, fn, selector, arg) {
    await this._ensureInjected();
    // Node builds one function from both sources; puppeteer sends it as source (BiDi callFunction,
    // which extension-page CSP does not block).
    const run = new Function('sel', 'a', `const pw = globalThis.__crmCoachPw;
      const els = (${find.toString()})(pw, sel, a);
      return (${fn.toString()})(els, a);`);
    return this._page.evaluate(run, selector, arg);
  }

  async _inPageHandle(fn, selector, arg) {
    await this._ensureInjected();
    const run = new Function('sel', 'a', `return (${fn.toString()})(globalThis.__crmCoachPw, sel, a);`);
    return this._page.evaluateHandle(run, selector, arg);
  }

  locator(selector) { return new FirefoxLocator(this, selector); }
  getByRole(role, options = {}) { return new FirefoxLocator(this, BUILD.getByRoleSelector(role, options)); }
  getByLabel(text, options = {}) { return new FirefoxLocator(this, BUILD.getByLabelSelector(text, options)); }
  getByText(text, options = {}) { return new FirefoxLocator(this, BUILD.getByTextSelector(text, options)); }

  async goto(url, { waitUntil = 'load', timeout = 30_000 } = {}) {
    if (/^moz-extension:/.test(url)) {
      this._url = url;
      await this._page.mainFrame().browsingContext.navigate(url, 'complete');
      return null;
    }
    this._url = null;
    return this._page.goto(url, { waitUntil: waitUntil === 'domcontentloaded' ? 'domcontentloaded' : 'load', timeout });
  }

  url() {
    const current = this._page.url();
    return this._url && (current === 'about:blank' || current.startsWith('moz-extension:')) ? this._url : current;
  }

  async reload() {
    if (this._url) return this.goto(this._url);
    return this._page.reload({ waitUntil: 'load' });
  }

  async waitForURL(expected, { timeout = DEFAULT_TIMEOUT } = {}) {
    const end = Date.now() + timeout;
    const matches = (u) => (expected instanceof RegExp ? expected.test(u) : typeof expected === 'function' ? expected(new URL(u)) : u === expected);
    for (;;) {
      const href = await this._page.evaluate(() => location.href).catch(() => '');
      if (matches(href)) return;
      if (Date.now() > end) throw new Error(`waitForURL ${expected}: still at ${href}`);
      await sleep(POLL);
    }
  }

  /**
   * History traversal alone (BiDi browsingContext.traverseHistory resolves once it is done).
   * Puppeteer's goBack also waits for a navigation event, which Firefox ESR 140.12 no longer
   * sends for a same-document entry (a pushState), so it timed out; callers wait for the URL.
   */
  async goBack() { await this._page.mainFrame().browsingContext.traverseHistory(-1); }
  async goForward() { await this._page.mainFrame().browsingContext.traverseHistory(1); }
  async waitForTimeout(ms) { await sleep(ms); }

  async evaluate(fn, arg) {
    if (this.url().startsWith('moz-extension:')) await this._page.evaluate(shimChrome);
    return this._page.evaluate(fn, arg);
  }

  async evaluateHandle(fn, arg) { return this._page.evaluateHandle(fn, arg); }

  async waitForFunction(fn, arg, options = {}) { return this._page.waitForFunction(fn, { timeout: options.timeout ?? DEFAULT_TIMEOUT }, arg); }

  on(event, listener) { this._page.on(event, listener); return this; }
  off(event, listener) { this._page.off(event, listener); return this; }
  once(event, listener) { this._page.once(event, listener); return this; }

  async waitForEvent(event, options = {}) {
    const timeout = options.timeout ?? DEFAULT_TIMEOUT;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`waitForEvent ${event}: timeout`)), timeout);
      this._page.once(event, (value) => { clearTimeout(timer); resolve(value); });
    });
  }

  async setViewportSize(size) {
    await setViewport(this._page, size);
    this._size = { width: size.width, height: size.height };
  }
  viewportSize() { return this._size ?? this._context._viewport ?? this._page.viewport(); }
  async bringToFront() { await this._page.bringToFront(); }
  async screenshot(options = {}) { return this._page.screenshot(options); }
  async addScriptTag(options) { return this._page.addScriptTag(options); }
  async content() { return this._page.content(); }
  async title() { return this._page.title(); }
  async emulateMedia({ colorScheme } = {}) {
    // The launch pref sets the scheme for the whole browser; per page where the driver allows it.
    if (colorScheme) await this._page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: colorScheme }]).catch(() => {});
  }
  isClosed() { return this._page.isClosed(); }
  context() { return this._context; }
  async close() { await this._page.close().catch(() => {}); }
}

/**
 * The page's viewport through WebDriver BiDi's browsingContext.setViewport alone. Puppeteer's
 * page.setViewport also sends emulation.setScreenOrientationOverride, which Firefox ESR 140.12
 * answers with "unknown command" (the viewport itself is set either way).
 */
async function setViewport(page, { width, height }) {
  await page.mainFrame().browsingContext.setViewport({ viewport: { width, height } });
}

/** Extension pages in Firefox MV2: `chrome.*` takes callbacks; tests' page code uses promises. */
function shimChrome() {
  if (globalThis.browser?.runtime?.id && globalThis.chrome !== globalThis.browser) globalThis.chrome = globalThis.browser;
}

/** The browser with Playwright's BrowserContext method names (newPage, pages, on('page')). */
export class FirefoxContext {
  constructor(browser, viewport) {
    this._browser = browser;
    this._viewport = viewport;
    this._pages = new Map(); // puppeteer Page -> FirefoxPage
  }

  _wrap(page) {
    let wrapped = this._pages.get(page);
    if (!wrapped) {
      wrapped = new FirefoxPage(page, this);
      this._pages.set(page, wrapped);
      page.once('close', () => this._pages.delete(page));
    }
    return wrapped;
  }

  async newPage() {
    const page = await this._browser.newPage();
    if (this._viewport) await setViewport(page, this._viewport);
    return this._wrap(page);
  }

  pages() { return [...this._pages.values()].filter((p) => !p.isClosed()); }

  on(event, listener) {
    if (event === 'page') {
      this._browser.on('targetcreated', async (target) => {
        const page = await target.page().catch(() => null);
        if (page) listener(this._wrap(page));
      });
    }
    return this;
  }

  serviceWorkers() { return []; }
  browser() { return this._browser; }
  async close() { await this._browser.close(); }
}
