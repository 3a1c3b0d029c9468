// 5. Memory over in-app navigations. The content script shares the page's V8 isolate, so the
// heap is read for the whole page (CDP HeapProfiler.collectGarbage, then Runtime.getHeapUsage)
// after the warm-up navigations (config.memBaselineNavs) and again after N more SPA navigations,
// with and without the extension; the extension's growth is the difference of the two growths.
// DOM node and listener counts come along.
import { serveHeavyPage } from '../heavy-page.mjs';
import { formatBytes } from '../lib/report.mjs';
import { heapAfterGc, launchVariant, sleep, waitForOverlay } from '../lib/browser.mjs';

const MEM_PATH = '/lightning/r/Opportunity/006000000000900AAA/view';

/**
 * Both readings are taken with the coach settled on the page it shows: while navigations come
 * back to back the coach keeps restarting its read and draws nothing, and once they stop it
 * reads the last page and draws its cards (React fibres, card DOM, positioning listeners).
 * Measuring one reading in each state would report the cards as growth. So: one more
 * navigation, the content script's 'crm-coach:model-ready' mark for it (bench builds), and a
 * second for the cards to render.
 */
async function settle(page, variant) {
  const since = await page.evaluate(() => performance.now());
  await page.evaluate(() => window.__crmBench.navigate(1, 5));
  if (variant === 'with') {
    await page.waitForFunction((t) => performance.getEntriesByName('crm-coach:model-ready').some((e) => e.startTime > t), since, { timeout: 15_000 })
      .catch(() => {});
  }
  await sleep(1000);
}

async function memoryRound({ config, server, extDir }, url, variant, navs) {
  const session = await launchVariant(server, variant === 'with' ? extDir : null);
  try {
    const page = await session.context.newPage();
    const cdp = await session.context.newCDPSession(page);
    await page.goto(url, { waitUntil: 'load' });
    await page.evaluate(() => window.__crmBench.ready);
    const overlay = variant === 'with' ? await waitForOverlay(page) : null;
    // A fresh profile: the worker installs the built-in packs before it answers the coach's first
    // state request. Navigations start once the coach has read its first page.
    if (variant === 'with') {
      await page.waitForFunction(() => performance.getEntriesByName('crm-coach:model-ready').length > 0, null, { timeout: 30_000 }).catch(() => {});
    }
    await sleep(1000);
    const t0 = Date.now();
    // The bench build's user-timing entries would accumulate per navigation: clear them first.
    const clearTimeline = () => page.evaluate(() => { performance.clearMarks(); performance.clearMeasures(); });
    await page.evaluate((n) => window.__crmBench.navigate(n, 5), config.memBaselineNavs);
    await settle(page, variant);
    await clearTimeline();
    const base = await heapAfterGc(cdp);
    const more = await page.evaluate(([n, max]) => window.__crmBench.navigate(n, 5, max), [navs, config.memMaxMs]);
    await settle(page, variant);
    await clearTimeline();
    const after = await heapAfterGc(cdp);
    return { variant, overlay, base, after, navigations: more.navigations, growthBytes: after.usedBytes - base.usedBytes, seconds: (Date.now() - t0) / 1000 };
  } finally {
    await session.close();
  }
}

export async function run(ctx) {
  const { config, report } = ctx;
  const url = serveHeavyPage(ctx.server, { fields: config.memFields }, MEM_PATH);
  // With the extension first; without it, the same number of navigations (the time cap may
  // have cut the first short).
  const withExt = await memoryRound(ctx, url, 'with', config.memNavs);
  const without = await memoryRound(ctx, url, 'without', withExt.navigations);
  const navs = Math.min(withExt.navigations, without.navigations);
  const S = `5. Memory: ${navs} SPA navigations after ${config.memBaselineNavs} warm-up ones (${config.memFields}-field page)`;
  if (navs < config.memNavs) {
    report.figure(S, `Navigations done within BENCH_MEM_MAX_MS (${config.memMaxMs / 1000} s)`, navs, {
      display: `${without.navigations} / ${withExt.navigations} of ${config.memNavs} (without / with)`, note: 'the time cap cut the run short',
    });
  }
  report.detail('memory', { url, with: withExt, without, method: 'HeapProfiler.collectGarbage ×3 then Runtime.getHeapUsage (page isolate: main world + content script)' });
  if (withExt.overlay === false) report.na(S, 'Extension present on the page', 'the overlay host never appeared: the content script did not run');
  report.figure(S, 'Heap after baseline, without / with', withExt.base.usedBytes - without.base.usedBytes, {
    unit: 'B', display: `${formatBytes(without.base.usedBytes)} / ${formatBytes(withExt.base.usedBytes)}`,
  });
  report.figure(S, 'Heap growth, without / with', null, { display: `${formatBytes(without.growthBytes)} / ${formatBytes(withExt.growthBytes)}` });
  report.figure(S, "Extension's heap growth (with − without)", withExt.growthBytes - without.growthBytes, {
    unit: 'B', budget: { max: config.memBudgetBytes, text: `≤ ${formatBytes(config.memBudgetBytes)} (noise)` },
  });
  const dom = (r, k) => (r.after.dom && r.base.dom ? r.after.dom[k] - r.base.dom[k] : null);
  if (withExt.after.dom && without.after.dom) {
    report.figure(S, 'DOM nodes growth, without / with', null, { display: `${dom(without, 'nodes')} / ${dom(withExt, 'nodes')}` });
    report.figure(S, 'JS event listeners growth, without / with', dom(withExt, 'jsEventListeners') - dom(without, 'jsEventListeners'), {
      display: `${dom(without, 'jsEventListeners')} / ${dom(withExt, 'jsEventListeners')}`,
    });
  }
}
