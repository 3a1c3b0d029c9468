// Tip packs end to end (issue 3), driven through the options page the way a person uses it:
// built-in packs on first run, "Import pack file" (good and bad packs), "Add pack URL" served by
// the test server with conditional refreshes and failures, version rules, the managed policy
// written for Chromium, enable/disable/remove seen on a CRM page, and screenshots.
import assert from 'node:assert/strict';
import { after } from 'node:test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  ROOT,
  canWritePolicy,
  e2eTest,
  eventually,
  inWorker,
  openCrm,
  openOptions,
  overlay,
  route,
  screenshot,
} from './harness.mjs';
import { startServer } from './server.mjs';

const PACKS = path.join(ROOT, 'tests/fixtures/packs');
const BAD = path.join(PACKS, 'bad');
const E2E = path.join(PACKS, 'e2e');
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

const CLOSE_DATE_PACK = path.join(E2E, 'close-date-coach.json');
const CLOSE_DATE_TIP = '[data-coach-tip="e2e-close-date/close-date"]';
const CLOSE_DATE_TITLE = 'Close date coach';
const SALESFORCE_OPPORTUNITY = route({ crm: 'salesforce', object: 'Opportunity', page: 'record' });
const zh = readJson(path.join(ROOT, 'public/_locales/zh_CN/messages.json'));

/** Opens the options page once the packs table is there (the built-in packs install on first run). */
async function packsPage(session) {
  const page = await openOptions(session);
  await page.locator('tr[data-coach-pack]').first().waitFor({ timeout: 10_000 });
  return page;
}

/** What a person sees of each installed pack: id, the row's text, whether it is on. */
function visibleRows(page) {
  return page.locator('tr[data-coach-pack]').evaluateAll((rows) =>
    rows.map((row) => ({
      id: row.getAttribute('data-coach-pack'),
      text: row.innerText.replace(/\s+/g, ' ').trim(),
      on: row.querySelector('[role="switch"]')?.checked ?? null,
    })),
  );
}

/** The stored packs, straight from the extension's storage. */
const storedPacks = (session) => inWorker(session, async () => (await chrome.storage.local.get('packs')).packs ?? {});

/** Imports a file through "Import pack file". */
async function importFile(page, file, label = 'Import pack file') {
  await page.getByLabel(label, { exact: true }).setInputFiles(file);
}

/** Waits for the import result of `fileName`: the error alert or the success status. */
async function importError(page, fileName) {
  const alert = page.getByRole('alert').filter({ hasText: `${fileName} was not installed` });
  await alert.waitFor({ timeout: 10_000 });
  return alert.innerText();
}

const row = (page, id) => page.locator(`tr[data-coach-pack="${id}"]`);

/**
 * A pack server as docs/packs.md asks for it: the extension reads packs with CORS (it has no
 * permission for arbitrary hosts), so the server allows any origin, answers the preflight that
 * the conditional headers cause, and exposes its ETag.
 */
function packServer(handler) {
  return (req, res) => {
    const cors = {
      'access-control-allow-origin': '*',
      'access-control-expose-headers': 'ETag, Last-Modified',
    };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...cors, 'access-control-allow-headers': 'If-None-Match, If-Modified-Since', 'access-control-max-age': '0' });
      return res.end();
    }
    const writeHead = res.writeHead.bind(res);
    res.writeHead = (status, headers = {}) => writeHead(status, { ...cors, ...headers });
    return handler(req, res);
  };
}

e2eTest('first run: every built-in pack of public/packs/index.json is listed as a built-in row', async (session) => {
  const index = readJson(path.join(ROOT, 'public/packs/index.json'));
  const builtins = index.packs.map((file) => readJson(path.join(ROOT, 'public/packs', file)));
  assert.ok(builtins.length >= 5, 'the index lists the starter packs');
  const page = await packsPage(session);
  await eventually(async () => (await visibleRows(page)).length === builtins.length, {
    message: `${builtins.length} pack rows`,
  });
  const rows = await visibleRows(page);
  assert.deepEqual(rows.map((r) => r.id).sort(), builtins.map((p) => p.id).sort());
  for (const pack of builtins) {
    const shown = rows.find((r) => r.id === pack.id);
    const title = typeof pack.title === 'string' ? pack.title : pack.title.en;
    assert.ok(shown.text.includes(title), `${pack.id} shows its title "${title}": ${shown.text}`);
    assert.ok(shown.text.includes(pack.version), `${pack.id} shows version ${pack.version}`);
    assert.match(shown.text, /Built in/, `${pack.id} is marked built in`);
    assert.equal(shown.on, true, `${pack.id} is on`);
  }
});

e2eTest('"Import pack file" installs a pack and its tip shows on the Salesforce opportunity', async (session) => {
  const page = await packsPage(session);
  await importFile(page, CLOSE_DATE_PACK);
  await page.getByRole('status').filter({ hasText: `Installed “${CLOSE_DATE_TITLE}” version 1.0.0` }).waitFor();
  const added = row(page, 'e2e-close-date');
  await added.waitFor();
  const text = await added.innerText();
  assert.match(text, /File/);
  assert.match(text, /1 tip\b/);
  assert.equal(await page.getByRole('switch', { name: `Use ${CLOSE_DATE_TITLE}` }).isChecked(), true);

  const crm = await openCrm(session, SALESFORCE_OPPORTUNITY);
  const tip = overlay(crm, CLOSE_DATE_TIP);
  await tip.waitFor({ state: 'visible', timeout: 10_000 });
  assert.match(await tip.innerText(), /Is this close date still real\?/);
});

e2eTest('each pack of the bad corpus shows its message with the JSON path and leaves the packs as they were', async (session) => {
  const expected = readJson(path.join(BAD, 'expected.json'));
  const page = await packsPage(session);
  // The installed version that older-version.json is refused against.
  await importFile(page, path.join(PACKS, 'good/acme-versioned-1.2.0.json'));
  await row(page, 'acme-versioned').waitFor();
  const rowsBefore = await visibleRows(page);
  const storedBefore = await storedPacks(session);
  assert.ok(storedBefore['acme-versioned'], 'the good pack is stored');

  for (const [file, fragments] of Object.entries(expected)) {
    await importFile(page, path.join(BAD, file));
    const message = await importError(page, file);
    for (const full of fragments) {
      // A JavaScript engine's own words in parentheses (a RegExp error) differ between V8 and
      // SpiderMonkey: outside Chromium the message must still say everything before them.
      const fragment = session.browserName === 'chromium' ? full : full.replace(/ \([^)]*\)$/, '');
      assert.ok(message.includes(fragment), `${file}: the alert names "${fragment}"; it reads:\n${message}`);
    }
    assert.match(message, /Your installed packs were not changed/);
    assert.deepEqual(await visibleRows(page), rowsBefore, `${file}: the pack rows are unchanged`);
    assert.deepEqual(await storedPacks(session), storedBefore, `${file}: the stored packs are unchanged`);
  }
});

e2eTest('an older version over a newer one is refused naming the installed version; a newer one replaces it', async (session) => {
  const page = await packsPage(session);
  await importFile(page, path.join(PACKS, 'good/acme-versioned-1.2.0.json'));
  await row(page, 'acme-versioned').filter({ hasText: '1.2.0' }).waitFor();

  await importFile(page, path.join(BAD, 'older-version.json'));
  const message = await importError(page, 'older-version.json');
  assert.match(message, /version: 1\.0\.0 is older than the installed version 1\.2\.0 of "acme-versioned"/);
  const kept = await row(page, 'acme-versioned').innerText();
  assert.match(kept, /1\.2\.0/);
  assert.doesNotMatch(kept, /\(old\)/);

  await importFile(page, path.join(E2E, 'acme-versioned-1.3.0.json'));
  await page.getByRole('status').filter({ hasText: 'version 1.3.0' }).waitFor();
  await row(page, 'acme-versioned').filter({ hasText: '1.3.0' }).waitFor();
  assert.equal(await page.locator('tr[data-coach-pack="acme-versioned"]').count(), 1, 'replaced, not added twice');
});

e2eTest('"Add pack URL": installed from the server, refreshed with If-None-Match (304), a failed refresh keeps the last good copy', async (session) => {
  const url = 'https://packs.acme.example/onboarding.json';
  const body = readFileSync(path.join(E2E, 'url-onboarding-1.0.0.json'), 'utf8');
  const etag = '"onboarding-v1"';
  let mode = 'ok';
  session.server.extra.set('packs.acme.example/onboarding.json', packServer((req, res) => {
    if (mode === '500') {
      res.writeHead(500, { 'content-type': 'text/plain' });
      return res.end('boom');
    }
    if (mode === 'invalid') {
      res.writeHead(200, { 'content-type': 'application/json', etag: '"broken"' });
      return res.end('{ "format": "crm-coach/pack@1", "id": ');
    }
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag });
      return res.end();
    }
    res.writeHead(200, { 'content-type': 'application/json', etag, 'last-modified': 'Mon, 06 Jan 2025 09:00:00 GMT' });
    return res.end(body);
  }));
  const requestsFor = () => session.server.requests.filter((r) => r.url === url && r.method === 'GET');

  const page = await packsPage(session);
  await page.getByLabel('Add pack URL').fill(url);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'Installed “Acme onboarding (by URL)” version 1.0.0' }).waitFor();
  const urlRow = row(page, 'acme-url-onboarding');
  assert.match(await urlRow.innerText(), /URL/);
  assert.match(await urlRow.innerText(), /packs\.acme\.example\/onboarding\.json/);
  assert.equal(requestsFor().length, 1);
  assert.equal(requestsFor()[0].headers['if-none-match'], undefined, 'the first request is unconditional');
  const installed = (await storedPacks(session))['acme-url-onboarding'];
  assert.equal(installed.etag, etag);

  const refresh = async (said = 'Packs refreshed.') => {
    const before = requestsFor().length;
    await page.getByRole('button', { name: 'Refresh packs' }).click();
    await page.getByRole('status').filter({ hasText: said }).waitFor();
    await eventually(() => requestsFor().length > before, { message: 'the refresh request' });
    return requestsFor().at(-1);
  };

  // 304: the conditional header arrived and the pack is unchanged.
  const conditional = await refresh();
  assert.equal(conditional.headers['if-none-match'], etag);
  assert.equal(conditional.headers['if-modified-since'], 'Mon, 06 Jan 2025 09:00:00 GMT');
  const after304 = (await storedPacks(session))['acme-url-onboarding'];
  assert.deepEqual(after304.pack, installed.pack);
  assert.equal(after304.lastError, undefined);
  assert.equal(await urlRow.locator('[data-coach-pack-error]').count(), 0);

  // 500: the last good copy stays, the row shows the error.
  mode = '500';
  await refresh('Packs refreshed, but Acme onboarding (by URL) could not be refreshed: its row says why.');
  const error500 = urlRow.locator('[data-coach-pack-error]');
  await error500.waitFor();
  assert.match(await error500.innerText(), /HTTP 500/);
  assert.match(await error500.innerText(), /previous copy is still in use/);
  assert.deepEqual((await storedPacks(session))['acme-url-onboarding'].pack, installed.pack);
  assert.match(await urlRow.innerText(), /1\.0\.0/);
  await screenshot(page, 'options-url-refresh-error', { fullPage: true });

  // Invalid JSON: refused whole, the last good copy stays, the validators are not replaced.
  mode = 'invalid';
  const invalid = await refresh('Packs refreshed, but Acme onboarding (by URL) could not be refreshed: its row says why.');
  assert.equal(invalid.headers['if-none-match'], etag);
  await urlRow.locator('[data-coach-pack-error]').filter({ hasText: /not valid JSON/ }).waitFor();
  const afterInvalid = (await storedPacks(session))['acme-url-onboarding'];
  assert.deepEqual(afterInvalid.pack, installed.pack);
  assert.equal(afterInvalid.etag, etag);

  // Back to normal: a 304 clears the error.
  mode = 'ok';
  await refresh();
  await urlRow.locator('[data-coach-pack-error]').waitFor({ state: 'detached' });
});

e2eTest('pack servers with less CORS: none is refused with a message that says what to check; no preflight still refreshes', async (session) => {
  const page = await packsPage(session);
  const rowsBefore = await visibleRows(page);

  // No CORS at all: the extension cannot read it.
  const closed = 'https://intranet.acme.example/packs/onboarding.json';
  session.server.extra.set('intranet.acme.example/packs/onboarding.json', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(readFileSync(path.join(E2E, 'url-onboarding-1.0.0.json')));
  });
  await page.getByLabel('Add pack URL').fill(closed);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const alert = page.getByRole('alert').filter({ hasText: `${closed} was not installed` });
  await alert.waitFor();
  assert.match(await alert.innerText(), /could not fetch: .*Access-Control-Allow-Origin/);
  assert.deepEqual(await visibleRows(page), rowsBefore);

  // Access-Control-Allow-Origin on responses, but no answer to the preflight that the conditional
  // headers of a refresh cause (a common static-server setup): refreshes still bring new versions.
  const open = 'https://static.acme.example/onboarding.json';
  let version = '1.0.0';
  session.server.extra.set('static.acme.example/onboarding.json', (req, res) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(405);
      return res.end();
    }
    const pack = readJson(path.join(E2E, 'url-onboarding-1.0.0.json'));
    res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*', 'last-modified': 'Mon, 06 Jan 2025 09:00:00 GMT' });
    return res.end(JSON.stringify({ ...pack, version }));
  });
  await page.getByLabel('Add pack URL').fill(open);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'version 1.0.0' }).waitFor();
  version = '1.1.0';
  await page.getByRole('button', { name: 'Refresh packs' }).click();
  await page.getByRole('status').filter({ hasText: 'Packs refreshed.' }).waitFor();
  const urlRow = row(page, 'acme-url-onboarding');
  await urlRow.filter({ hasText: '1.1.0' }).waitFor();
  assert.equal(await urlRow.locator('[data-coach-pack-error]').count(), 0);
  const conditional = session.server.requests.filter((r) => r.url === open && r.method === 'OPTIONS');
  assert.ok(conditional.length >= 1, 'the refresh tried a conditional request first');
});

// The policy pack is served by a server that exists before Chromium starts: the background
// installs policy packs as soon as it starts.
const POLICY_URL = 'https://packs.acme.example/policy.json';
const policyWritable = canWritePolicy();
const policyServer = policyWritable ? await startServer() : null;
after(() => policyServer?.close());
policyServer?.extra.set('packs.acme.example/policy.json', packServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', etag: '"policy-v2"' });
  res.end(readFileSync(path.join(E2E, 'policy-pack.json')));
}));

e2eTest('enterprise policy (managed policy file): the pack URL is installed and locked, role and start date locked, user packs off', async (session, t) => {
  if (!policyWritable) {
    t.skip('cannot write /etc/chromium/policies/managed (run as a user who may), so the policy cannot be tested for real');
    return;
  }
  const page = await packsPage(session);
  const policyRow = row(page, 'acme-policy-pack');
  await policyRow.waitFor({ timeout: 15_000 });
  assert.ok(session.server.requests.some((r) => r.url === POLICY_URL), 'the policy pack URL was fetched');
  const text = await policyRow.innerText();
  assert.match(text, /Acme sales playbook/);
  assert.match(text, /2\.0\.0/);
  assert.match(text, /Organisation/);
  assert.match(text, /Set by your organisation/);
  const toggle = page.getByRole('switch', { name: 'Use Acme sales playbook' });
  assert.equal(await toggle.isChecked(), true);
  assert.equal(await toggle.isDisabled(), true, 'a policy pack cannot be turned off');
  assert.equal(await page.getByRole('button', { name: 'Remove Acme sales playbook' }).count(), 0, 'nor removed');
  assert.equal((await storedPacks(session))['acme-policy-pack'].source, 'policy');

  const role = page.getByLabel('Your role');
  assert.equal(await role.inputValue(), 'sales-manager');
  assert.equal(await role.isDisabled(), true);
  assert.equal(await describedBy(role), 'Set by your organisation');
  assert.equal(await page.locator('select:disabled option:checked').first().innerText(), 'Sales manager');
  const start = page.getByLabel('Start date');
  assert.equal(await start.inputValue(), '2025-01-06');
  assert.equal(await start.isDisabled(), true);
  assert.equal(await describedBy(start), 'Set by your organisation');

  // allowUserPacks: false
  assert.equal(await page.getByLabel('Import pack file').isDisabled(), true);
  assert.equal(await page.getByLabel('Add pack URL').isDisabled(), true);
  assert.equal(await page.getByRole('button', { name: 'Add', exact: true }).isDisabled(), true);
  await page.getByText('Your organisation manages your packs').waitFor();
  await screenshot(page, 'options-policy', { fullPage: true });
}, {
  launchOptions: policyWritable
    ? {
        server: policyServer,
        policy: {
          packUrls: [POLICY_URL],
          role: 'sales-manager',
          startDate: '2025-01-06',
          allowUserPacks: false,
          refreshMinutes: 60,
        },
      }
    : {},
});

/** The text of the element that describes a control (aria-describedby). */
function describedBy(locator) {
  return locator.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
      .join(' ')
      .trim(),
  );
}

e2eTest('turning a pack off hides its tip on the CRM page, on shows it again, and Remove takes it away', async (session) => {
  const page = await packsPage(session);
  await importFile(page, CLOSE_DATE_PACK);
  await row(page, 'e2e-close-date').waitFor();

  const crm = await openCrm(session, SALESFORCE_OPPORTUNITY);
  await overlay(crm, CLOSE_DATE_TIP).waitFor({ state: 'visible', timeout: 10_000 });

  const toggle = page.getByRole('switch', { name: `Use ${CLOSE_DATE_TITLE}` });
  await toggle.uncheck();
  await eventually(async () => (await storedPacks(session))['e2e-close-date']?.enabled === false, { message: 'the pack to be off' });
  await crm.reload({ waitUntil: 'domcontentloaded' });
  // The overlay is alive (the starter pack's own tip takes the place) but the disabled pack's is not.
  await overlay(crm, '[data-coach-tip^="salesforce-starter/"]').first().waitFor({ state: 'visible', timeout: 10_000 });
  assert.equal(await overlay(crm, CLOSE_DATE_TIP).count(), 0, 'a disabled pack shows no tip');

  // Still off after the options page is opened again.
  await page.reload();
  await row(page, 'e2e-close-date').waitFor();
  assert.equal(await toggle.isChecked(), false);

  await toggle.check();
  await eventually(async () => (await storedPacks(session))['e2e-close-date']?.enabled === true, { message: 'the pack to be on' });
  await crm.reload({ waitUntil: 'domcontentloaded' });
  await overlay(crm, CLOSE_DATE_TIP).waitFor({ state: 'visible', timeout: 10_000 });

  await page.getByRole('button', { name: `Remove ${CLOSE_DATE_TITLE}` }).click();
  await row(page, 'e2e-close-date').waitFor({ state: 'detached' });
  assert.equal((await storedPacks(session))['e2e-close-date'], undefined);
  await crm.reload({ waitUntil: 'domcontentloaded' });
  await overlay(crm, '[data-coach-tip^="salesforce-starter/"]').first().waitFor({ state: 'visible', timeout: 10_000 });
  assert.equal(await overlay(crm, CLOSE_DATE_TIP).count(), 0, 'a removed pack shows no tip');

  // A removed built-in pack stays removed when the page is opened again.
  await page.getByRole('button', { name: 'Remove Salesforce starter' }).click();
  await row(page, 'salesforce-starter').waitFor({ state: 'detached' });
  await page.reload();
  await row(page, 'crm-habits').waitFor();
  assert.equal(await row(page, 'salesforce-starter').count(), 0);
});

/** Options page screenshots with an import error shown, in English and in Chinese. */
async function screenshotsWithError(session, scheme) {
  const page = await packsPage(session);
  await page.setViewportSize({ width: 1280, height: 900 });
  await importFile(page, CLOSE_DATE_PACK);
  await row(page, 'e2e-close-date').waitFor();
  await importFile(page, path.join(BAD, 'unknown-target.json'));
  await importError(page, 'unknown-target.json');
  const shots = [await screenshot(page, `options-${scheme}-en`, { fullPage: true })];

  await page.getByLabel('Language').selectOption('zh-CN');
  await page.getByRole('heading', { level: 1 }).filter({ hasText: /设置/ }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  await importFile(page, path.join(BAD, 'duplicate-ids.json'), zh.options_import_pack_file.message);
  const title = zh.options_import_failed.message.replace('$1', 'duplicate-ids.json');
  await page.getByRole('alert').filter({ hasText: title }).waitFor();
  assert.ok(await page.getByRole('switch', { name: `${zh.options_pack_enabled.message.replace('$1', '结束日期教练')}` }).isVisible(),
    'the pack title is shown in Chinese');
  shots.push(await screenshot(page, `options-${scheme}-zh-CN`, { fullPage: true }));
  return shots;
}

e2eTest('screenshots: options page, light, en and zh-CN, with an import error', async (session) => {
  const shots = await screenshotsWithError(session, 'light');
  assert.equal(shots.length, 2);
});

e2eTest('screenshots: options page, dark, en and zh-CN, with an import error', async (session) => {
  const page = await openOptions(session);
  assert.equal(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches), true);
  await page.close();
  const shots = await screenshotsWithError(session, 'dark');
  assert.equal(shots.length, 2);
}, { launchOptions: { colorScheme: 'dark' } });
