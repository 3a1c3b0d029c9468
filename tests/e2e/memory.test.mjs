// What the coach keeps alive of the pages a CRM takes out. A Lightning-like record page (the bench's
// generated page, bench/heavy-page.mjs: 200 fields, each component in its own shadow root) is
// replaced by SPA navigations, the CRM keeping the previous page hidden and dropping the one
// before. After garbage collection, the nodes Blink still holds (CDP Memory.getDOMCounters) must
// be those in the document, give or take a few hundred: a page the coach still referenced (a tip
// card's handler holding the plan it was drawn with, and through its field the whole page it came
// from) is about 2,600 more.
import assert from 'node:assert/strict';
import { e2eTest, openCrm, overlay } from './harness.mjs';
import { serveHeavyPage } from '../../bench/heavy-page.mjs';

/** Nodes in the document, shadow roots (and the nodes in them) included. */
function nodesInDocument() {
  let n = 0;
  const walk = (root) => {
    n += 1;
    const tw = document.createTreeWalker(root, 0xffffffff); // NodeFilter.SHOW_ALL
    for (let node = tw.nextNode(); node; node = tw.nextNode()) {
      n += 1;
      if (node.shadowRoot) walk(node.shadowRoot);
    }
  };
  walk(document);
  return n;
}

/** Blink's live nodes after collecting garbage, minus those in the document. */
async function nodesOutsideDocument(page, cdp) {
  await page.evaluate(() => {
    performance.clearMarks();
    performance.clearMeasures();
  });
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const { nodes } = await cdp.send('Memory.getDOMCounters');
  return nodes - (await page.evaluate(nodesInDocument));
}

e2eTest(
  'SPA navigations: the coach keeps no record page the CRM removed',
  async (session) => {
    const url = serveHeavyPage(session.server, { fields: 200 });
    const page = await openCrm(session, url);
    await page.evaluate(() => window.__crmBench.ready);
    const tip = overlay(page, '[data-coach-tip="salesforce-starter/next-step"]');
    await tip.waitFor({ state: 'visible', timeout: 10_000 });
    const cdp = await session.context.newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    const before = await nodesOutsideDocument(page, cdp);

    // Four record pages later: the first two are out of the document.
    await page.evaluate(() => window.__crmBench.navigate(4, 300));
    await page.waitForURL(/006000000000005AAA/);
    await tip.waitFor({ state: 'visible', timeout: 10_000 });
    await page.waitForTimeout(500);
    const counts = await page.evaluate(() => window.__crmBench.counts());
    assert.ok(counts.fieldsOnPage >= 200, `the page shows its fields (${JSON.stringify(counts)})`);
    const after = await nodesOutsideDocument(page, cdp);
    assert.ok(after - before < 1000, `nodes outside the document: ${before} before the navigations, ${after} after`);
  },
  { browsers: ['chromium'], why: 'reads Blink DOM counters and collects garbage through CDP' },
);
