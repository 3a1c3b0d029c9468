// Quiet roots (docs/adapters.md "Quiet roots"): on a Lightning-like record page the rows whose
// fields no pack names are not observed, so their re-renders cost the page nothing. What that
// gives up, and how it is caught: a named field the page puts into such a row is not seen at
// once, but at the user's next input on the page the quiet rows are observed and read again,
// and the coach nudges the field where it now is. The page is the bench's generated one
// (bench/heavy-page.mjs, 200 fields in rows of two, each component in its own shadow root).
import assert from 'node:assert/strict';
import { e2eTest, eventually, openCrm, outlineCovers, overlay, screenshot } from './harness.mjs';
import { serveHeavyPage } from '../../bench/heavy-page.mjs';

/**
 * In the page's world, as Lightning re-renders a field elsewhere: the empty Next Step field is
 * taken out of its row, and a new Next Step field (built as the page builds its fields) is put
 * into the row of `Bench Field 10`, beside it. True when the new one is in that row's shadow root.
 */
function moveNextStep() {
  const record = document.querySelector('.oneContent.active');
  const find = (root, label) => {
    const hit = root.querySelector(`records-record-layout-item[field-label="${label}"]`);
    if (hit) return hit;
    for (const el of root.querySelectorAll('*')) {
      const inner = el.shadowRoot && find(el.shadowRoot, label);
      if (inner) return inner;
    }
    return null;
  };
  const old = find(record, 'Next Step');
  const beside = find(record, 'Bench Field 10');
  const item = document.createElement('records-record-layout-item');
  for (const a of ['field-label', 'data-target-selection-name', 'class']) item.setAttribute(a, old.getAttribute(a));
  const root = item.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = old.shadowRoot.adoptedStyleSheets;
  root.append(...[...old.shadowRoot.childNodes].map((n) => n.cloneNode(true)));
  old.remove();
  beside.after(item);
  return item.getRootNode() === beside.getRootNode() && item.getRootNode() !== document;
}

e2eTest('a named field put into a row of fields no pack names is nudged there after the user\'s next input', async (session) => {
  const url = serveHeavyPage(session.server, { fields: 200 });
  const page = await openCrm(session, url);
  await page.evaluate(() => window.__crmBench.ready);
  const ring = overlay(page, '[data-coach-highlight="Next Step"]');
  await ring.waitFor({ state: 'visible', timeout: 15_000 });

  // The page takes the empty Next Step field out of its row (observed: it holds named fields) and
  // puts a new one into a row of two fields no pack names (quiet: not observed).
  assert.equal(await page.evaluate(moveNextStep), true, 'a new Next Step in the quiet row');
  // The coach saw the old one leave (its row is observed) and not the new one arrive: the outline goes.
  await ring.waitFor({ state: 'hidden', timeout: 10_000 });
  await page.waitForTimeout(1000);
  assert.equal(await ring.isVisible(), false, 'not seen in the quiet row before any input');

  // The user types anywhere on the page: the quiet rows are observed and read again.
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.id = 'search';
    document.body.prepend(input);
  });
  await page.locator('#search').fill('acme');
  await ring.waitFor({ state: 'visible', timeout: 10_000 });
  const moved = page.locator('.oneContent.active records-record-layout-item[field-label="Next Step"]');
  await eventually(() => outlineCovers(ring, moved), { message: 'the outline over Next Step in its new row' });
  await screenshot(page, 'quiet-roots-after-input');
});
