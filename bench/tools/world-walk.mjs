// What would finding the named fields in the page's own world gain? On the heavy page, after each
// SPA navigation, the same pruned walk of the new record page (element to element, into shadow
// roots, a field container tested by its two attributes and never entered: what the live index's
// scan does) runs once in a content script's isolated world and once in the page's main world,
// in alternating order, and each is timed where it runs. The page made its nodes from its own
// world, so there they already have their JavaScript wrappers; the isolated world makes its own
// for every node it touches. A data point for issue 16 (docs/architecture.md, budgets): a
// navigation's scan is most of its cost.
//
// Each walk also times itself per 64 elements (the live index's deadline check) and runs a second
// time at once, over the same page: its slowest chunk shows the pauses a walk meets. The isolated
// world's first walk, which makes the wrappers, has the long ones (issue 16's worst navigations).
//   node bench/tools/world-walk.mjs [navigations]    (after npm run bench, whose build gives the key)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../../tests/e2e/server.mjs';
import { launchVariant, sleep } from '../lib/browser.mjs';
import { serveHeavyPage } from '../heavy-page.mjs';
import { median } from '../lib/stats.mjs';
import { AFTER_SOURCE } from '../lib/page-walk.mjs';
import { writeProbeExtension } from '../lib/probe-extension.mjs';

/**
 * The walk, as source: the same text runs in both worlds. Returns elements visited, roots
 * entered, named fields found, and the slowest 64 elements' time (ms).
 */
const WALK = `function walk(top, names) {
  let visited = 0, roots = 0, named = 0, slowest = 0, lap = performance.now();
  ${AFTER_SOURCE}
  const trees = [top];
  while (trees.length) {
    const tree = trees.pop();
    for (let el = tree.firstElementChild; el; ) {
      if ((++visited & 63) === 0) {
        const now = performance.now();
        slowest = Math.max(slowest, now - lap);
        lap = now;
      }
      if (el.localName === 'records-record-layout-item') {
        const target = el.getAttribute('data-target-selection-name') || '';
        if (names.has(target.slice(target.lastIndexOf('.') + 1)) || names.has(el.getAttribute('field-label'))) named++;
        el = after(el, tree);
        continue;
      }
      const sr = el.shadowRoot;
      if (sr) { roots++; trees.push(sr); }
      el = el.firstElementChild || after(el, tree);
    }
  }
  return { visited, roots, named, slowest };
}`;

const NAMES = ['Amount', 'CloseDate', 'NextStep'];

/** Runs the walk over the current record page of `doc`, measured as `world-walk:<world>` on the page's timeline. */
const RUN = (world) => `(() => {
  const page = [...document.querySelectorAll('.oneContent.active')].pop();
  if (!page) return;
  const t0 = performance.now();
  const r = (${WALK})(page, new Set(${JSON.stringify(NAMES)}));
  const ms = performance.now() - t0;
  r.slowestAgain = (${WALK})(page, new Set(${JSON.stringify(NAMES)})).slowest;
  performance.measure('world-walk:${world}', { start: t0, duration: ms, detail: r });
})()`;

/**
 * A small extension whose content script runs the walk in its isolated world on a page event. It
 * carries the bench build's manifest key (so the id the bench's launcher waits for).
 */
function isolatedWalker() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-world-walk-'));
  return writeProbeExtension(dir, 'world-walk', `document.addEventListener('world-walk', () => ${RUN('isolated')});\n`);
}

const navs = Number(process.argv[2] ?? 12);
const server = await startServer();
const url = serveHeavyPage(server, { fields: 2000 });
const extDir = isolatedWalker();
const session = await launchVariant(server, extDir);
try {
  const page = await session.context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(() => window.__crmBench.ready);
  await sleep(1000);
  const times = { isolated: [], main: [] };
  const slowest = { isolated: [], main: [], isolatedAgain: [], mainAgain: [] };
  let found = null;
  for (let i = 0; i < navs; i++) {
    await page.evaluate(() => window.__crmBench.navigate(1, 0));
    await sleep(300);
    const order = i % 2 === 0 ? ['isolated', 'main'] : ['main', 'isolated'];
    for (const world of order) {
      if (world === 'isolated') await page.evaluate(() => document.dispatchEvent(new Event('world-walk')));
      else await page.evaluate(RUN('main'));
      await sleep(100);
    }
    const got = await page.evaluate(() => performance.getEntriesByType('measure').filter((e) => e.name.startsWith('world-walk:')).map((e) => ({ name: e.name, ms: e.duration, detail: e.detail })));
    for (const world of ['isolated', 'main']) {
      const last = got.filter((e) => e.name === `world-walk:${world}`).at(-1);
      if (!last) throw new Error(`no walk measured in the ${world} world`);
      times[world].push(last.ms);
      slowest[world].push(last.detail.slowest);
      slowest[`${world}Again`].push(last.detail.slowestAgain);
      found ??= last.detail;
    }
    await page.evaluate(() => performance.clearMeasures());
  }
  console.log(`per navigation: ${found.visited} elements walked, ${found.roots} shadow roots entered, ${found.named} named fields found`);
  for (const world of ['isolated', 'main']) {
    const t = times[world];
    console.log(`${world.padEnd(8)} world: median ${median(t).toFixed(2)} ms (min ${Math.min(...t).toFixed(2)}, max ${Math.max(...t).toFixed(2)}) over ${t.length} navigations`);
  }
  console.log('slowest 64 elements of a walk (ms), median / p90 / max over the navigations:');
  for (const [k, label] of [['isolated', 'isolated, first walk'], ['isolatedAgain', 'isolated, same page again'], ['main', 'main, first walk'], ['mainAgain', 'main, same page again']]) {
    const c = [...slowest[k]].sort((a, b) => a - b);
    console.log(`  ${label.padEnd(26)} ${median(c).toFixed(2)} / ${c[Math.floor(c.length * 0.9)].toFixed(2)} / ${c.at(-1).toFixed(2)}`);
  }
} finally {
  await session.close();
  server.close?.();
  fs.rmSync(extDir, { recursive: true, force: true });
}
