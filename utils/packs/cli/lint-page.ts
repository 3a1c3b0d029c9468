/**
 * `crm-coach-pack lint <pack> --page <saved.html>`: reads a saved CRM page with the extension's
 * own adapters (utils/crm) and reports the targets and nudge fields of the pack that do not
 * resolve there. Items whose `when` does not match the page are skipped (they are for other pages);
 * `fieldEquals` is ignored, since a saved page holds one record's values.
 */
import { adapterFor } from '../../crm/index';
import { findField, resolveTarget } from '../../crm/targets';
import { packEmptyTexts } from '../../crm/empty-texts';
import type { PageModel } from '../../crm/types';
import { whenFailures } from '../../coach/when';
import type { Pack, Target, When } from '../types';

interface JsdomModule {
  JSDOM: new (html: string, options: { url: string }) => { window: { document: Document; close(): void } };
}

export interface LintReport {
  info: string[];
  problems: string[];
  /** The page could not be checked at all. */
  fatal: boolean;
}

/** The URL Chrome records in a saved page (`<!-- saved from url=(0047)https://... -->`), or its canonical link. */
export function savedPageUrl(html: string): string | null {
  const saved = /<!--\s*saved from url=\(\d+\)(\S+?)\s*-->/i.exec(html);
  if (saved) return saved[1];
  const canonical = /<link\s[^>]*rel=["']?canonical["']?[^>]*href=["']([^"']+)["']/i.exec(html);
  return canonical ? canonical[1] : null;
}

function applies(when: When | undefined, model: PageModel): boolean {
  return whenFailures(when, model).filter((r) => r.code !== 'fieldEquals').length === 0;
}

function describeTarget(target: Target): string {
  if ('field' in target) return `field "${target.field}"`;
  if ('selector' in target) return `selector "${target.selector}"${target.text ? ` with text "${target.text}"` : ''}`;
  return 'the page';
}

export async function lintPackOnPage(pack: Pack, html: string, urlOption?: string): Promise<LintReport> {
  const report: LintReport = { info: [], problems: [], fatal: false };
  const fail = (message: string) => {
    report.problems.push(message);
    report.fatal = true;
    return report;
  };
  const rawUrl = urlOption ?? savedPageUrl(html);
  if (!rawUrl) return fail('cannot tell which URL the page was saved from: pass --url <the CRM page URL>');
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return fail(`not a valid URL: ${rawUrl}`);
  }
  const adapter = adapterFor(url, pack.sites ?? []);
  if (!adapter) {
    return fail(`no adapter reads ${url.host}: it is not a built-in CRM and no sites[].match of this pack covers it`);
  }

  let JSDOM: JsdomModule['JSDOM'];
  try {
    // A dev dependency, loaded only for lint (and untyped here: no @types/jsdom).
    const name = 'jsdom';
    ({ JSDOM } = (await import(/* @vite-ignore */ name)) as JsdomModule);
  } catch {
    return fail('lint needs the jsdom package: npm install jsdom');
  }
  const dom = new JSDOM(html, { url: url.href });
  const doc = dom.window.document;
  const model = adapter.read(doc, url, { salt: 'crm-coach-pack-lint', emptyTexts: packEmptyTexts([pack]) });
  const object = model.object ? `${model.object.label} (${model.object.apiName})` : 'no object';
  report.info.push(`page: ${adapter.name}, ${object}, ${model.page} page, ${model.fields.length} fields`);
  report.info.push(`fields: ${model.fields.map((f) => (f.apiName && f.apiName !== f.label ? `${f.label} [${f.apiName}]` : f.label)).join(', ') || '(none)'}`);

  let checked = 0;
  let skipped = 0;
  const checkTarget = (target: Target, where: string) => {
    if ('page' in target) return;
    const found = 'field' in target ? findField(model, target.field) !== undefined : resolveTarget(target, model, doc) !== null;
    if (!found) report.problems.push(`${where}: ${describeTarget(target)} is not on this page`);
  };

  pack.tips?.forEach((tip, i) => {
    if (!applies(tip.when, model)) return void skipped++;
    checked++;
    checkTarget(tip.target, `tips[${i}] (${tip.id})`);
  });
  pack.tours?.forEach((tour, i) => {
    if (!applies(tour.when, model)) return void skipped++;
    checked++;
    tour.steps.forEach((step, s) => checkTarget(step.target, `tours[${i}].steps[${s}] (${tour.id})`));
  });
  pack.nudges?.forEach((nudge, i) => {
    if (!applies(nudge.when, model)) return void skipped++;
    checked++;
    for (const name of nudge.fields) {
      if (!findField(model, name)) report.problems.push(`nudges[${i}] (${nudge.id}): field "${name}" is not on this page`);
    }
    for (const name of Object.keys(nudge.requiredWhen ?? {})) {
      if (!findField(model, name)) {
        report.info.push(`nudges[${i}] (${nudge.id}): requiredWhen field "${name}" is not on this page, so the nudge stays quiet here`);
      }
    }
  });
  report.info.push(`checked ${checked} items for this page; ${skipped} are for other pages`);
  dom.window.close();
  return report;
}
