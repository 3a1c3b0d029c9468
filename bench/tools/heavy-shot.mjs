// What the coach draws on the bench's heavy page after SPA navigations: loads the 2,000-field page
// with an extension build, navigates, and saves a screenshot (default /tmp/heavy-after-nav.png).
//   node bench/tools/heavy-shot.mjs [extension dir] [navigations] [file]
import path from 'node:path';
import { BENCH_EXTENSION_DIR } from '../lib/config.mjs';
import { openHeavyPage, sleep } from '../lib/browser.mjs';

const extDir = path.resolve(process.argv[2] ?? BENCH_EXTENSION_DIR);
const navs = Number(process.argv[3] ?? 3);
const file = process.argv[4] ?? '/tmp/heavy-after-nav.png';
const { page, close } = await openHeavyPage(extDir, 2000);
try {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.evaluate((n) => window.__crmBench.navigate(n, 50), navs);
  await sleep(1500);
  console.log('address:', page.url());
  await page.screenshot({ path: file });
  console.log('saved', file);
} finally {
  await close();
}
