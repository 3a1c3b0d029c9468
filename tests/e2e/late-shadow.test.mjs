// Shadow roots attached late are reported without changing what the page's attachShadow does
// (docs/adapters.md "Shadow roots"): in Chromium by the main-world script, in Firefox by a function
// the isolated content script builds from the page's own objects over Element.prototype.attachShadow. The fields
// read inside late roots are checked by adapters-real and crm-pages; this file checks the page's
// side: return values, exceptions, the event, and (Firefox) a page whose add-on went away.
import assert from 'node:assert/strict';
import { IS_FIREFOX, e2eTest, openCrm, routes } from './harness.mjs';

const LATE = routes.find((r) => new URL(r.url).hostname.startsWith('late.'));

/* global DOMException, ShadowRoot */
/** Runs attachShadow the ways a page does, in the page's own world; reports what it saw. */
function probeAttachShadow() {
  const seen = [];
  const listen = (e) => seen.push(e.composedPath()[0].nodeName.toLowerCase());
  document.addEventListener('crm-coach-shadow-root', listen, true);
  const caught = (fn) => {
    try {
      fn();
      return 'no error';
    } catch (e) {
      return `${e instanceof DOMException ? 'DOMException' : e instanceof TypeError ? 'TypeError' : 'foreign'} ${e.name}`;
    }
  };
  const detached = document.createElement('div');
  const openRoot = detached.attachShadow({ mode: 'open' });
  const box = document.createElement('probe-box');
  document.body.append(box);
  const closedRoot = box.attachShadow({ mode: 'closed' });
  const out = {
    open: openRoot instanceof ShadowRoot && openRoot === detached.shadowRoot && openRoot.mode === 'open',
    closed: closedRoot instanceof ShadowRoot && closedRoot.host === box && box.shadowRoot === null && closedRoot.mode === 'closed',
    twice: caught(() => box.attachShadow({ mode: 'open' })),
    notAHost: caught(() => document.createElement('a').attachShadow({ mode: 'open' })),
    noMode: caught(() => document.createElement('span').attachShadow({})),
    events: seen,
  };
  box.remove();
  document.removeEventListener('crm-coach-shadow-root', listen, true);
  return out;
}

const EXPECTED = {
  open: true,
  closed: true,
  twice: 'DOMException NotSupportedError',
  notAHost: 'DOMException NotSupportedError',
  noMode: 'TypeError TypeError',
  // Chromium: the host that was in the page when it got its root, once. Firefox: every call
  // pings the document first (the page-realm report names no host; utils/crm/shadow-root.ts).
  events: IS_FIREFOX ? Array(5).fill('#document') : ['probe-box'],
};

e2eTest('the late shadow root report leaves the page\'s attachShadow as it was (values, exceptions) and reports roots as they are attached', async (session) => {
  assert.ok(LATE, 'routes.json has the late shadow root page');
  const page = await openCrm(session, LATE);
  try {
    assert.deepEqual(await page.evaluate(probeAttachShadow), EXPECTED);
  } finally {
    await page.close();
  }
});

e2eTest('Firefox: a page whose add-on was removed (disabled, updated, uninstalled) still attaches shadow roots', async (session) => {
  const page = await openCrm(session, LATE);
  try {
    await session.uninstallExtension();
    assert.deepEqual(await page.evaluate(probeAttachShadow), EXPECTED);
  } finally {
    await page.close();
  }
}, { browsers: ['firefox'], why: 'only Firefox destroys the content script\'s sandbox that set the report up; Chromium\'s runs in the page\'s own world' });
