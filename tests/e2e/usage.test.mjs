// Usage tracking end to end (issue 6): events survive a stopped service worker with none lost
// and none doubled; nothing typed into a CRM, no record name, email or id is stored; the
// extension makes no network request except pack URLs; export -> delete -> import restores
// the same progress.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  EXTENSION_ID, dumpExtensionStorage, e2eTest, eventually, openCrm, openOptions, overlay, route,
  routes, stopServiceWorker,
} from './harness.mjs';
import { importData, popupNumbers, readUsage, rollupCount, totalsCount } from './usage-lib.mjs';

const SF_OPP = route({ crm: 'salesforce', object: 'Opportunity', page: 'record' });
const SF_ACC = route({ crm: 'salesforce', object: 'Account', page: 'record' });
const SF_INLINE = routes.find((r) => r.url.includes('c__fixtureMode=inline-edit'));
const HS_DEAL = route({ crm: 'hubspot', object: 'Deal', page: 'record' });
const D365_OPP = route({ crm: 'dynamics', object: 'Opportunity', page: 'record' });
const ZOHO_NEW = route({ crm: 'zoho', object: 'Deal', page: 'new' });
const ZOHO_DEAL = routes.find((r) => r.url === 'https://crm.zoho.com/crm/org123456/tab/Potentials/4000000012345');
const PD_DEAL = route({ crm: 'pipedrive', object: 'Deal', page: 'record' });

const pathOf = (r) => new URL(r.url).pathname;

/** The live extension service worker (woken through the open extension page when stopped). */
async function liveWorker(session, ext) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const worker = session.context.serviceWorkers().filter((w) => w.url().includes(EXTENSION_ID)).at(-1);
    if (worker && (await worker.evaluate(() => true).catch(() => false))) return worker;
    const started = session.context.waitForEvent('serviceworker', { timeout: 5_000 }).catch(() => null);
    await ext.reload();
    await started;
  }
  throw new Error('no live service worker');
}

/** Keeps the worker's thread busy, so messages queue unanswered until it is stopped. */
async function stallWorker(session, ext) {
  const worker = await liveWorker(session, ext);
  void worker.evaluate(() => {
    const end = Date.now() + 10_000;
    while (Date.now() < end);
  }).catch(() => {});
}

e2eTest('page views survive the service worker being stopped mid-flow: none lost, none doubled', async (session) => {
  const ext = await openOptions(session);
  const page = await openCrm(session, SF_OPP);
  const oppNudge = overlay(page, '[data-coach-nudge="salesforce-starter/opp-hygiene"]');
  await oppNudge.waitFor({ state: 'attached', timeout: 15_000 });
  let views = 1; // the first load

  const ROUNDS = 24;
  // 'stop': stopped while a navigation is in flight; 'stall': the worker hangs with the
  // round's events queued, then is stopped (the sender must resend, and the next worker's
  // start drains the same events from storage: one of the two copies must be dropped).
  const DISRUPT = { 2: 'stop', 5: 'stall', 9: 'stop', 14: 'stall', 17: 'stop', 21: 'stall' };
  let stops = 0;
  let pendingSeen = 0;
  let leftover = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const toAccount = i % 2 === 0;
    const mode = DISRUPT[i];
    if (mode === 'stall') await stallWorker(session, ext);
    const stopping = mode === 'stop' ? stopServiceWorker(session) : null;
    await page.evaluate((p) => window.sfFixture.navigate(p), pathOf(toAccount ? SF_ACC : SF_OPP));
    // The overlay follows the page only after the content script handled the navigation,
    // which is when it records the page.view: one view per round, counted here.
    await oppNudge.waitFor({ state: toAccount ? 'detached' : 'attached', timeout: 15_000 });
    views += 1;
    if (stopping) stops += await stopping;
    if (mode === 'stall') {
      const u = await eventually(async () => {
        const r = await readUsage(ext);
        return r.outbox.length > 0 ? r : false;
      }, { message: 'the unanswered events to wait in storage.local' });
      pendingSeen = Math.max(pendingSeen, u.outbox.length);
      stops += await stopServiceWorker(session);
    }

    if (i === 12) {
      // A tab that closes with an undelivered page view: only storage.local holds it, and the
      // next worker start must drain it.
      const hs = await openCrm(session, HS_DEAL);
      await overlay(hs, '[data-coach-nudge="hubspot-starter/deal-hygiene"]').waitFor({ state: 'attached', timeout: 15_000 });
      await eventually(async () => (await readUsage(ext)).events.some((e) => e.crm === 'hubspot' && e.object === 'Deal'), {
        message: 'the deal view stored',
      });
      await stallWorker(session, ext);
      await hs.locator('a[href$="/record/0-1/5551234"]').click();
      await overlay(hs, '[data-coach-nudge="hubspot-starter/deal-hygiene"]').waitFor({ state: 'detached', timeout: 15_000 });
      const u = await eventually(async () => {
        const r = await readUsage(ext);
        return r.outbox.length > 0 ? r : false;
      }, { message: 'the contact view to wait in storage.local' });
      await hs.close();
      stops += await stopServiceWorker(session);
      leftover = u.outbox.length;
      views += 2;
    }
  }
  assert.ok(stops >= 7, `the worker was stopped ${stops} times`);
  assert.ok(pendingSeen > 0 && leftover > 0, 'events waited in storage.local while the worker was stalled');

  // Wake a fresh worker (its start drains leftover outbox keys), then wait until every view arrived.
  await stopServiceWorker(session);
  await ext.reload(); // the options page asks the worker for its data: a fresh worker starts
  const settled = await eventually(async () => {
    const u = await readUsage(ext);
    const n = u.events.filter((e) => e.kind === 'page.view').length;
    return u.outbox.length === 0 && n >= views ? u : false;
  }, { timeout: 45_000, message: `${views} page views stored and the outbox empty` });

  const stored = settled.events.filter((e) => e.kind === 'page.view');
  assert.equal(stored.length, views, 'every page view stored exactly once');
  assert.equal(new Set(stored.map((e) => e.id)).size, views, 'distinct event ids');
  assert.equal(stored.filter((e) => e.crm === 'hubspot').length, 2, 'the closed tab’s views arrived once each');
  assert.equal(stored.filter((e) => e.crm === 'hubspot' && e.object === 'Contact').length, 1);
  assert.equal(stored.filter((e) => e.object === 'Account').length, ROUNDS / 2);
  assert.equal(rollupCount(settled, 'page.view'), views, 'the daily rollups count each view once');
  assert.equal(totalsCount(settled, 'page.view'), views, 'the running totals count each view once');

  // Another restart later changes nothing: no resend is counted twice.
  await stopServiceWorker(session);
  await ext.reload();
  await ext.getByLabel('Start date', { exact: true }).waitFor();
  const again = await readUsage(ext);
  assert.equal(again.events.filter((e) => e.kind === 'page.view').length, views);
  assert.equal(rollupCount(again, 'page.view'), views);
  assert.deepEqual(again.outbox, []);
});
