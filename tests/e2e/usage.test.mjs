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

/**
 * Keeps the worker's thread busy for a while, so messages queue unanswered (Chromium stops a
 * busy worker only once the loop ends: keep it short).
 */
async function stallWorker(session, ext) {
  const worker = await liveWorker(session, ext);
  void worker.evaluate(() => {
    const end = Date.now() + 2_500;
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
  // round's events queued, then is stopped (the content script must resend to the next worker,
  // and a copy the stalled worker did store must not be counted twice).
  const DISRUPT = { 2: 'stop', 5: 'stall', 9: 'stop', 14: 'stall', 17: 'stop', 21: 'stall' };
  let stops = 0;
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
    // The round's events were held by the content script (memory only: storage.local is for
    // trusted contexts) and are resent to the next worker.
    if (mode === 'stall') stops += await stopServiceWorker(session);
  }
  assert.ok(stops >= 6, `the worker was stopped ${stops} times`);

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
}, { browsers: ['chromium'], why: 'stops the MV3 service worker through CDP (Firefox MV2 has a background page)' });

// ---- privacy: the canary test, and no network but pack URLs -------------------------------

/** Customer data the fixture pages show (record names, people, emails, addresses, notes). */
const PAGE_DATA = [
  'Acme - 200 Widgets', 'Acme Corporation', 'Jane Doe', 'jane.doe@example.com', 'Alex Rivera',
  'Send renewal quote to Jane Doe', '(555) 010-2000', '1 Market St', 'VP Purchasing', '$48,000.00',
];
/** Raw record ids (and org/portal ids) from the fixture URLs. */
const RECORD_IDS = [
  '006Dn000004AbCdIAK', '001Dn00000AcMeXIAS', '8f2c4e6a-0b1d-4f3e-9a7c-5d6e7f8a9b0c',
  '5b1d3f7a-2c4e-4a6b-8d0f-1a2b3c4d5e6f', '4000000012345', 'org123456', '5551234', '987654', '1234567',
  '3a5b7c9d-1e2f-4a6b-8c0d-1e2f3a4b5c6d',
];
/** URL paths that carry a record id too short to search for alone (Pipedrive deal 42, person 7). */
const RECORD_PATHS = ['/deal/42', '/person/7', 'record/0-3/', 'record/0-1/'];

/** Fills every visible text input and textarea of the CRM page (not the coach's own) with `text`. */
async function fillEverything(page, text) {
  const handles = await page.locator('input:visible, textarea:visible').elementHandles();
  let filled = 0;
  for (const h of handles) {
    const fillable = await h.evaluate((el) => {
      for (let n = el; n; n = n.getRootNode().host ?? null) {
        if (n.getRootNode().host?.localName === 'crm-coach-overlay') return false;
        if (!n.getRootNode().host) break;
      }
      const type = (el.getAttribute('type') ?? 'text').toLowerCase();
      return !el.readOnly && !el.disabled && (el.localName === 'textarea' || ['text', 'email', 'tel', 'url', 'search', 'number'].includes(type));
    }).catch(() => false);
    if (!fillable) continue;
    const isNumber = await h.evaluate((el) => el.type === 'number');
    await h.fill(isNumber ? '4242424242' : text);
    filled += 1;
  }
  return filled;
}

/** Clicks every shown value (not links) that opens an inline editor; `edit` fills one editor. */
async function editInline(page, valueSelector, edit) {
  const values = await page.locator(`${valueSelector}:visible`).elementHandles();
  let edited = 0;
  for (const v of values) {
    if (await v.evaluate((el) => !el.isConnected || !!el.querySelector('a'))) continue;
    // A coach card may sit over a pencil (as it may for a user, who would scroll): then click it directly.
    await v.click({ timeout: 2_000 }).catch(() => v.evaluate((el) => el.click()));
    if (await edit()) edited += 1;
  }
  return edited;
}

/** Dismisses the tips on screen ("Got it"), as a user does before working under them. */
async function closeTips(page) {
  for (let guard = 0; guard < 6; guard++) {
    const tip = overlay(page, '[data-coach-tip]:visible').first();
    if ((await tip.count()) === 0) return;
    const key = await tip.getAttribute('data-coach-tip');
    await tip.getByRole('button', { name: 'Got it' }).click();
    await overlay(page, `[data-coach-tip="${key}"]`).waitFor({ state: 'detached' });
  }
}

function watchNetwork(session) {
  const seen = [];
  session.context.on('request', (req) => {
    let from;
    try {
      from = req.frame().url();
    } catch {
      from = 'service-worker';
    }
    seen.push({ url: req.url(), from });
  });
  return seen;
}

const PACK_URL = 'https://packs.example.com/team/coach.json';
const TEAM_PACK = {
  format: 'crm-coach/pack@1',
  id: 'team-coach',
  version: '1.0.0',
  title: { en: 'Team coach', 'zh-CN': '团队教练' },
  tips: [{
    id: 'deal-owner',
    when: { crm: ['pipedrive'], object: ['Deal'], page: ['record'] },
    target: { page: true },
    title: 'Keep the deal owner current',
    body: 'Hand deals over in the CRM, not in chat.',
  }],
};

e2eTest('privacy: typed text, record names, emails and ids are stored nowhere; no request but the pack URL', async (session) => {
  const canary = `CANARY-${randomUUID().slice(0, 8)}`;
  const network = watchNetwork(session);
  session.server.extra.set('packs.example.com/team/coach.json', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
    res.end(JSON.stringify(TEAM_PACK));
  });

  // A trainer's pack URL: the one kind of request the extension may make.
  const options = await openOptions(session);
  await options.getByLabel('Add pack URL').fill(PACK_URL);
  await options.getByRole('button', { name: 'Add', exact: true }).click();
  await options.locator('[data-coach-pack="team-coach"]').waitFor({ timeout: 15_000 });

  // Salesforce (inputs inside open shadow roots): dismiss a tip, fill every field, look at
  // "What the coach sees" and type into its filter.
  const sf = await openCrm(session, SF_INLINE);
  const sfTip = overlay(sf, '[data-coach-tip="salesforce-starter/next-step"]');
  await sfTip.waitFor({ state: 'visible', timeout: 15_000 });
  await sfTip.getByRole('button', { name: 'Got it' }).click();
  await sfTip.waitFor({ state: 'detached' });
  assert.ok((await fillEverything(sf, canary)) >= 8, 'Salesforce fields filled');
  await overlay(sf, '[data-coach-missing="Amount"]').waitFor({ state: 'detached', timeout: 10_000 });
  await overlay(sf).getByRole('button', { name: 'CRM Coach' }).click();
  await overlay(sf).getByRole('tab', { name: 'What the coach sees' }).click();
  await overlay(sf).getByLabel('Filter fields').fill(canary);
  await overlay(sf).getByRole('tab', { name: 'Snippets' }).click();
  await overlay(sf).getByLabel('Search snippets').fill(canary);

  const sfNew = await openCrm(session, route({ crm: 'salesforce', object: 'Opportunity', page: 'new' }));
  await overlay(sfNew).getByRole('button', { name: 'CRM Coach' }).waitFor({ timeout: 15_000 });
  assert.ok((await fillEverything(sfNew, canary)) >= 5, 'Salesforce new-record fields filled');

  const hs = await openCrm(session, HS_DEAL);
  await overlay(hs, '[data-coach-nudge="hubspot-starter/deal-hygiene"]').waitFor({ state: 'attached', timeout: 15_000 });
  assert.ok((await fillEverything(hs, canary)) >= 4, 'HubSpot fields filled');

  const d365 = await openCrm(session, D365_OPP);
  await overlay(d365, '[data-coach-nudge="dynamics-starter/opportunity-hygiene"]').waitFor({ state: 'attached', timeout: 15_000 });
  assert.ok((await fillEverything(d365, canary)) >= 8, 'Dynamics fields filled');

  const zohoNew = await openCrm(session, ZOHO_NEW);
  await overlay(zohoNew, '[data-coach-nudge="zoho-starter/deal-hygiene"]').waitFor({ state: 'attached', timeout: 15_000 });
  assert.ok((await fillEverything(zohoNew, canary)) >= 5, 'Zoho create fields filled');
  const zoho = await openCrm(session, ZOHO_DEAL);
  await overlay(zoho, '[data-coach-nudge="zoho-starter/deal-hygiene"]').waitFor({ state: 'attached', timeout: 15_000 });
  await closeTips(zoho);
  await editInline(zoho, 'button.dvEditIcon', async () => true); // Zoho's inline-edit pencils (tests/fixtures/crm/zoho/deal.html)
  assert.ok((await fillEverything(zoho, canary)) >= 5, 'Zoho inline edits');

  const pd = await openCrm(session, PD_DEAL);
  await overlay(pd, '[data-coach-nudge="pipedrive-starter/deal-hygiene"]').waitFor({ state: 'attached', timeout: 15_000 });
  await closeTips(pd);
  // Pipedrive's per-row Edit button opens an input with Save in the row (tests/fixtures/crm/pipedrive/deal.html).
  const pdEdits = await editInline(pd, '[data-testid="fields-list-row"] > button[aria-label="Edit"]', async () => {
    const cell = pd.locator('[data-testid="fields-list-row-field-components"]:has(input)');
    if ((await cell.count()) !== 1) return false;
    await cell.locator('input').fill(canary);
    await cell.getByRole('button', { name: 'Save' }).click();
    await cell.waitFor({ state: 'detached' });
    return true;
  });
  assert.ok(pdEdits >= 4, 'Pipedrive inline edits');
  await overlay(pd, '[data-coach-nudge="pipedrive-starter/deal-hygiene"] [data-coach-missing]').first().waitFor({ state: 'detached', timeout: 10_000 });
  // Every page shows the customer data and the canary: the test is not vacuous.
  for (const p of [sf, hs, d365, pd]) {
    assert.ok((await p.getByText(/Acme - 200 Widgets|Acme Corporation|Alex Rivera|Jane Doe/).count()) > 0, `${p.url()} shows record data`);
    const inInputs = await p.locator('input, textarea').evaluateAll((els, c) => els.some((e) => e.value === c), canary);
    assert.ok(inInputs || (await p.getByText(canary).count()) > 0, `${p.url()} holds the canary`);
  }

  // Wait until the coach recorded what happened: views, shown and filled nudges, a dismissed tip.
  const usage = await eventually(async () => {
    const u = await readUsage(options);
    const kinds = (k) => u.events.filter((e) => e.kind === k).length;
    return u.outbox.length === 0 && kinds('page.view') >= 7 && kinds('nudge.resolved') >= 6 && kinds('tip.dismissed') >= 1 ? u : false;
  }, { timeout: 20_000, message: 'the coach events of every page' });
  assert.ok(usage.events.some((e) => e.kind === 'nudge.resolved' && e.crm === 'pipedrive'));
  assert.ok(usage.events.some((e) => e.recordKey), 'once-per-record events carry a (salted) record key');

  const dump = await dumpExtensionStorage(session);
  assert.ok(dump.includes('"crm-coach"') && dump.includes('page.view'), 'the dump holds the usage database');
  const lower = dump.toLowerCase();
  assert.ok(!lower.includes(canary.toLowerCase()), 'the canary typed into the CRM is stored nowhere');
  for (const s of PAGE_DATA) assert.ok(!lower.includes(s.toLowerCase()), `customer data "${s}" is stored nowhere`);
  for (const id of RECORD_IDS) {
    assert.ok(!new RegExp(`(?<![0-9A-Za-z])${id.replace(/[-]/g, '\\-')}(?![0-9A-Za-z])`, 'i').test(dump), `record id ${id} is stored nowhere`);
  }
  for (const p of RECORD_PATHS) assert.ok(!dump.includes(p), `record path ${p} is stored nowhere`);

  // Network: the server sees every request (every host maps to it). Allowed: the fixture pages
  // themselves (and the browser's favicon requests for them), Chromium's own Google services
  // (component updates, autofill, accounts) and the pack URL.
  const fixtureUrls = new Set(routes.map((r) => { const u = new URL(r.url); return `${u.host}${u.pathname}`; }));
  const chromiumOwn = (host) => /(^|\.)(google\.com|googleapis\.com|gstatic\.com|gvt1\.com)$/.test(host);
  const unexpected = session.server.requests.filter((r) => {
    const u = new URL(r.url);
    const fromExtension = /chrome-extension:/.test(`${r.headers.origin ?? ''} ${r.headers.referer ?? ''}`);
    if (r.url === PACK_URL) return false;
    if (fromExtension) return true;
    return !fixtureUrls.has(`${u.host}${u.pathname}`) && u.pathname !== '/favicon.ico' && !chromiumOwn(u.hostname);
  });
  assert.deepEqual(unexpected.map((r) => r.url), [], 'no request left the browser except pages and the pack URL');
  assert.equal(session.server.requests.filter((r) => r.url === PACK_URL).length >= 1, true, 'the pack URL was fetched');
  // And from Chromium's side: extension pages and the worker load only the extension's own files.
  const fromExtension = network.filter((r) => r.from.startsWith('chrome-extension://') || r.from === 'service-worker');
  const outside = fromExtension.filter((r) => !/^(chrome-extension|data|blob):/.test(r.url) && r.url !== PACK_URL);
  assert.deepEqual(outside.map((r) => r.url), [], 'extension pages made no outside requests');
}, { browsers: ['chromium'], why: 'watches extension and worker requests through Playwright context events; the extension code is the same in Firefox' });

// ---- your data: export -> delete -> import ------------------------------------------------

e2eTest('export my data, delete it, import the export: the popup shows the same progress again', async (session) => {
  // Real usage: fill a nudged field and dismiss a tip on Salesforce, visit a HubSpot deal.
  const sf = await openCrm(session, SF_INLINE);
  const tip = overlay(sf, '[data-coach-tip="salesforce-starter/next-step"]');
  await tip.waitFor({ state: 'visible', timeout: 15_000 });
  await tip.getByRole('button', { name: 'Got it' }).click();
  await sf.locator('input[name="Amount"]').fill('48000');
  await overlay(sf, '[data-coach-missing="Amount"]').waitFor({ state: 'detached', timeout: 10_000 });
  const hs = await openCrm(session, HS_DEAL);
  await overlay(hs, '[data-coach-nudge="hubspot-starter/deal-hygiene"]').waitFor({ state: 'attached', timeout: 15_000 });

  const options = await openOptions(session);
  const stored = await eventually(async () => {
    const u = await readUsage(options);
    return u.outbox.length === 0 && u.events.some((e) => e.kind === 'nudge.resolved') && u.events.some((e) => e.crm === 'hubspot') ? u : false;
  }, { message: 'the usage stored' });
  await sf.close();
  await hs.close();

  const before = await popupNumbers(session);
  assert.ok(before.points > 0, `points earned (${before.points})`);
  assert.ok(before.events > 0, `events counted (${before.events})`);

  // Export.
  const downloading = options.waitForEvent('download');
  await options.getByRole('button', { name: 'Export my data' }).click();
  const download = await downloading;
  const dir = mkdtempSync(path.join(tmpdir(), 'crm-coach-export-'));
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  assert.match(download.suggestedFilename(), /^crm-coach-data-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(exported.format, 'crm-coach/usage-export@1');
  const exportedIds = new Set(exported.events.map((e) => e.id));
  for (const e of stored.events) assert.ok(exportedIds.has(e.id), `event ${e.kind} exported`);

  // Delete, with its confirmation step.
  await options.getByRole('button', { name: 'Delete my data' }).click();
  await options.getByRole('button', { name: 'Yes, delete' }).click();
  await options.getByRole('status').filter({ hasText: 'Your data was deleted.' }).waitFor();
  const emptied = await popupNumbers(session);
  assert.equal(emptied.points, 0);
  assert.equal(emptied.events, 0);
  assert.equal((await readUsage(options)).events.length, 0, 'no event left');

  // Import: the same progress again.
  await importData(options, file);
  await options.getByRole('status').filter({ hasText: `Imported ${exported.events.length} events.` }).waitFor();
  const after = await popupNumbers(session);
  assert.deepEqual(after, before, 'the popup shows what it showed before the delete');
  const restored = await readUsage(options);
  assert.deepEqual(new Set(restored.events.map((e) => e.id)), exportedIds);

  // Importing the same file again changes nothing.
  const again = path.join(dir, 'again.json');
  writeFileSync(again, readFileSync(file));
  await options.getByLabel('Import my data').setInputFiles(again);
  await options.getByRole('status').filter({ hasText: 'Imported 0 events.' }).waitFor();
  assert.deepEqual(await popupNumbers(session), before, 'a second import is idempotent');
}, { browsers: ['chromium'], why: 'reads the export through the Playwright download event' });
