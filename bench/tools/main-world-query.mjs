// What would a main-world helper gain on the heavy page? Without the extension, an init script
// records every shadow root the page attaches (in the page's own world, where its nodes already
// have their wrappers); after each SPA navigation it times (1) one querySelectorAll per new root
// for the 10 fields the starter pack names, the least a helper that finds named fields in the
// roots it saw attached could do, and (2) one querySelectorAll('*') per new root with a loop over
// every element, for comparison. A data point for issue 16's p99 (README, "Performance figures"):
// the 8 ms budget is per mutation batch, and a navigation here attaches about 4,800 roots.
//   node bench/tools/main-world-query.mjs
import { startServer } from '../../tests/e2e/server.mjs';
import { launchVariant, sleep } from '../lib/browser.mjs';
import { serveHeavyPage } from '../heavy-page.mjs';
const server = await startServer();
const url = serveHeavyPage(server, { fields: 2000 });
const session = await launchVariant(server, null);
try {
  await session.context.addInitScript(() => {
    const roots = (window.__roots = []);
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (init) { const r = attach.call(this, init); roots.push(r); return r; };
  });
  const page = await session.context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(() => window.__crmBench.ready);
  await sleep(1000);
  for (let i = 0; i < 6; i++) {
    const r = await page.evaluate(async () => {
      const names = ['OwnerId', 'Name', 'AccountId', 'CloseDate', 'StageName', 'Amount', 'NextStep', 'Probability', 'Type', 'LeadSource'];
      const sel = names.map((n) => `[data-target-selection-name$=".${n}" i]`).join(',');
      const before = window.__roots.length;
      await window.__crmBench.navigate(1, 0);
      const fresh = window.__roots.slice(before);
      const t0 = performance.now();
      const hits = [];
      let live = 0;
      for (const root of fresh) {
        if (!root.host.isConnected) continue;
        live++;
        if (!root.firstElementChild) continue;
        const found = root.querySelectorAll(sel);
        for (let k = 0; k < found.length; k++) hits.push(found[k]);
      }
      const t1 = performance.now();
      // For comparison: the same roots, one querySelectorAll('*') each and a JS loop over every element.
      let n = 0;
      for (const root of fresh) {
        if (!root.host.isConnected || !root.firstElementChild) continue;
        const all = root.querySelectorAll('*');
        for (let k = 0; k < all.length; k++) if (all[k].localName.length > 0) n++;
      }
      const t2 = performance.now();
      return { fresh: fresh.length, live, hits: hits.length, queryMs: +(t1 - t0).toFixed(2), walkMs: +(t2 - t1).toFixed(2), elements: n };
    });
    console.log(JSON.stringify(r));
  }
} finally {
  await session.close();
  await server.close();
}
