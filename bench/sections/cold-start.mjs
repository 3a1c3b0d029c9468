// 4b. Fresh profile (issue 15): a new browser profile each time, the CRM page opened the moment
// the browser starts, while the extension is still installing its built-in packs. Figure: the
// content script's 'crm-coach:first-tip' mark (the overlay's first render with an anchored tip)
// minus its 'crm-coach:model-ready' mark, median of the launches; beside section 4's warm figure.
import { BUDGETS } from '../lib/config.mjs';
import { coachEntries, waitForMark } from '../lib/browser.mjs';
import { launch } from '../../tests/e2e/harness.mjs';
import { median, round } from '../lib/stats.mjs';
import { salesforceRecordPage } from './common.mjs';

export async function run(ctx) {
  const { config, report, server, extDir } = ctx;
  const target = salesforceRecordPage(server, { fields: config.fields });
  const S = `4b. Fresh profile: ${config.coldRuns} first launches, ${target.kind} opened as the browser starts`;
  const runs = [];
  for (let i = 0; i < config.coldRuns; i++) {
    const session = await launch({ server, extensionDir: extDir, headless: true, firstUrl: target.url });
    try {
      const page = session.firstPage;
      await page.waitForURL(target.url, { waitUntil: 'domcontentloaded', timeout: 20_000 });
      const tipAt = await waitForMark(page, 'crm-coach:first-tip', 20_000);
      const entries = await coachEntries(page);
      const modelReady = entries.find((e) => e.name === 'crm-coach:model-ready')?.start ?? null;
      runs.push({ modelReady, firstTip: tipAt });
    } finally {
      await session.close();
    }
  }
  report.detail('coldStart', { url: target.url, runs });
  const done = runs.filter((r) => r.firstTip !== null && r.modelReady !== null);
  const label = 'Fresh profile: first tip after page model ready';
  if (done.length === 0) {
    report.na(S, label, 'no first tip within 20 s of a fresh start', { budget: { max: BUDGETS.coldFirstTipMs }, unit: 'ms' });
    return;
  }
  const d = done.map((r) => r.firstTip - r.modelReady);
  report.figure(S, `${label} (median of ${d.length})`, median(d), {
    unit: 'ms', budget: { max: BUDGETS.coldFirstTipMs }, display: `${round(median(d))} ms (max ${round(Math.max(...d))})`,
  });
  report.figure(S, `Fresh profile: navigation start → first tip (median of ${d.length})`, median(done.map((r) => r.firstTip)), { unit: 'ms' });
  if (done.length < runs.length) report.figure(S, 'Fresh launches without a tip', runs.length - done.length, { budget: { max: 0 } });
}
