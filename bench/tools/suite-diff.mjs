// Where does the real SuiteCRM's extra main-thread time go with the extension? Runs the bench's
// SuiteCRM sequence (section 8: the start record, the toolbar click that starts the coach, then
// the ajaxUI navigations) once per variant under a Chromium trace, and prints the self time per
// trace event on the renderer main thread for both (bench/lib/self-times.mjs).
// PROFILE=1: the extension's round only, under the V8 sampling profiler instead, printing its
// hottest functions per navigation (build unminified for names: BENCH_UNMINIFIED=1).
//   node bench/tools/suite-diff.mjs [extension dir]      (SuiteCRM up: ../shared/realcrm/up.sh)
import path from 'node:path';
import { startServer } from '../../tests/e2e/server.mjs';
import { BENCH_EXTENSION_DIR } from '../lib/config.mjs';
import { EXTENSION_ORIGIN, launchVariant, sleep, startProfiler, stopProfiler } from '../lib/browser.mjs';
import { printHot } from '../lib/profile.mjs';
import { startTrace } from '../lib/trace.mjs';
import { printSelfDiff, selfTimes } from '../lib/self-times.mjs';
import { NAVIGATIONS } from '../sections/suitecrm.mjs';
import { ID, TOOLBAR_CLICK_ARGS, ajaxUiUrl, clickToolbarButton, innerDetail, installPack, login } from '../../tests/e2e/suitecrm-lib.mjs';

const extDir = path.resolve(process.argv[2] ?? BENCH_EXTENSION_DIR);
const server = await startServer();

const PROFILE = process.env.PROFILE === '1';

async function round(withExt) {
  const session = await launchVariant(server, withExt ? extDir : null, { args: TOOLBAR_CLICK_ARGS });
  try {
    if (withExt) await installPack(session);
    const page = await login(session);
    await page.goto(ajaxUiUrl(innerDetail(ID(3), 'Opportunities')), { waitUntil: 'load' });
    await sleep(1500);
    const cdp = await session.context.newCDPSession(page);
    const stop = PROFILE ? (await startProfiler(cdp, 100), () => stopProfiler(cdp)) : await startTrace(cdp, ['devtools.timeline', 'toplevel', 'v8', 'blink', 'cc', 'disabled-by-default-devtools.timeline']);
    if (withExt) await clickToolbarButton(session, page);
    await sleep(4000);
    for (const nav of NAVIGATIONS) {
      await page.evaluate(({ click, inner }) => {
        const link = click && document.querySelector(click);
        if (link) link.click();
        else location.hash = `ajaxUILoc=${encodeURIComponent(inner)}`;
      }, { click: nav.click ?? null, inner: innerDetail(nav.to.id, nav.to.module) });
      await sleep(2500);
    }
    return PROFILE ? await stop() : selfTimes(await stop());
  } finally {
    await session.close();
  }
}

if (PROFILE) {
  printHot(await round(true), EXTENSION_ORIGIN, NAVIGATIONS.length + 1);
} else {
  const without = await round(false);
  const withExt = await round(true);
  printSelfDiff(without, withExt);
}
server.close?.();
