// Shared steps of the author-mode end-to-end tests (docs/authoring.md section 4, the observable
// contract): start author mode from the coach panel, point and click, read the proposal, export
// the draft from the options page, import a pack file into a profile. Browser-neutral.
import { eventually, openOptions, overlay } from './harness.mjs';

/** Opens the coach panel and chooses "Author a tip"; the picking banner shows. */
export async function startAuthor(page) {
  await overlay(page, '[data-coach-launcher]').click();
  await overlay(page, '[data-coach-panel]').getByRole('button', { name: 'Author a tip' }).click();
  await overlay(page, '[data-coach-author-banner]').waitFor({ state: 'visible' });
}

/** Center of the first visible element matching a (shadow-piercing) selector. */
export async function pointOf(page, selector, { fromLeft } = {}) {
  for (const el of await page.locator(selector).all()) {
    const box = await el.boundingBox();
    if (box && box.width > 0 && (await el.isVisible())) return { x: fromLeft === undefined ? box.x + box.width / 2 : box.x + fromLeft, y: box.y + box.height / 2 };
  }
  throw new Error(`nothing visible matches ${selector}`);
}

/** Points at an element (the hover outline shows), then clicks it; the author card opens. */
export async function pick(page, selector, options) {
  const { x, y } = await pointOf(page, selector, options);
  await page.mouse.move(x, y);
  await overlay(page, '[data-coach-author-hover]').waitFor({ state: 'visible' });
  await page.mouse.click(x, y);
  await overlay(page, '[data-coach-author]').waitFor({ state: 'visible' });
}

/** What the author card proposes: the target, the live count and the strength. */
export async function proposal(page) {
  const c = overlay(page, '[data-coach-author]');
  return {
    target: JSON.parse(await c.locator('[data-coach-author-target]').innerText()),
    matches: Number(await c.locator('[data-coach-author-matches]').innerText()),
    strength: await c.locator('[data-coach-author-strength]').getAttribute('data-coach-author-strength'),
  };
}

/**
 * "Export pack" in the draft's row, in a format ('json' or 'yaml'): { name, type, text }.
 * Chromium: the real download (Playwright's download event). Firefox (no download event in the
 * BiDi wrapper): the options page's own object URL and link click are observed, and the file's
 * bytes read from the Blob it made.
 */
export async function exportDraft(session, options, format) {
  const row = options.locator('[data-coach-pack="author-draft"]');
  await row.waitFor();
  await row.getByLabel('Export format').selectOption(format);
  const button = row.getByRole('button', { name: 'Export pack', exact: true });
  if (session.browserName === 'chromium') {
    const [download] = await Promise.all([options.waitForEvent('download'), button.click()]);
    const file = await download.path();
    const { readFileSync } = await import('node:fs');
    return { name: download.suggestedFilename(), type: null, text: readFileSync(file, 'utf8') };
  }
  await options.evaluate(() => {
    const made = new Map();
    const create = URL.createObjectURL.bind(URL);
    window.__crmCoachExports = [];
    URL.createObjectURL = (blob) => {
      const url = create(blob);
      made.set(url, blob);
      return url;
    };
    window.HTMLAnchorElement.prototype.click = function () {
      const blob = made.get(this.href);
      if (blob) void blob.text().then((text) => window.__crmCoachExports.push({ name: this.download, type: blob.type, text }));
    };
  });
  await button.click();
  return eventually(() => options.evaluate(() => window.__crmCoachExports[0] ?? null), { message: 'the exported file' });
}

/** "Import pack file" in a profile's options page; throws the alert's text when refused. */
export async function importPackFile(session, file, id) {
  const page = await openOptions(session);
  await page.getByLabel('Import pack file').setInputFiles(file);
  const row = page.locator(`[data-coach-pack="${id}"]`);
  const alert = page.getByRole('alert');
  await row.or(alert).first().waitFor();
  if (await alert.isVisible()) throw new Error(`${file} was refused: ${await alert.innerText()}`);
  await page.close();
}

/**
 * The page's DOM as text, through open shadow roots, without our overlay host (values of controls
 * included): picking, previewing and saving must leave it unchanged. `rootId` limits it to one
 * element's subtree (SuiteCRM's #content: its own alert check rewrites the header meanwhile).
 */
export function domSnapshot(page, rootId = null) {
  return page.evaluate((id) => {
    const out = [];
    const walk = (node, depth) => {
      for (const child of node.childNodes) {
        if (child.nodeType === 3) {
          const text = child.nodeValue.trim();
          if (text) out.push(`${depth}#${text}`);
          continue;
        }
        if (child.nodeType !== 1 || child.localName === 'crm-coach-overlay') continue;
        const attrs = [...child.attributes].map((a) => `${a.name}=${a.value}`).join(' ');
        const value = 'value' in child && typeof child.value === 'string' ? ` value=${child.value}` : '';
        out.push(`${depth}<${child.localName} ${attrs}${value}>`);
        if (child.shadowRoot) walk(child.shadowRoot, depth + 1);
        walk(child, depth + 1);
      }
    };
    walk(id ? document.getElementById(id) : document, 0);
    return out.join('\n');
  }, rootId);
}
