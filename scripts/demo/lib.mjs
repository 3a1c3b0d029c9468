// Pure helpers of `npm start` (scripts/demo.mjs): which routes to show, one screenshot name per
// route, the stylesheet each demo page gets, and the summary printed at the end.
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

const CJK = /[\u3400-\u9fff]/;

/** A page in Chinese: CJK in what the page shows, or a China host (crm.zoho.com.cn, acme-cn…). */
export function isChineseRoute(route) {
  const host = new URL(route.url).hostname;
  return CJK.test(JSON.stringify(route.expect ?? {})) || host.endsWith('.cn') || host.split('.')[0].endsWith('-cn');
}

/** A CRM only a pack describes (`sites`): coached after a pack and a toolbar click, not on its own. */
export function isPackSite(route) {
  return Boolean(route.site);
}

const slug = (text) =>
  String(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

function baseName(route) {
  const e = route.expect ?? {};
  const object = CJK.test(e.object ?? '') ? 'opportunity' : slug(e.object ?? 'page');
  return [slug(e.crm ?? 'crm'), isChineseRoute(route) ? 'zh-CN' : null, object, slug(e.page ?? 'page')].filter(Boolean).join('-');
}

/** What tells a route apart from others with the same base name: its host, then its query. */
function variant(route, group) {
  const url = new URL(route.url);
  const hosts = new Set(group.map((r) => new URL(r.url).hostname));
  const parts = [];
  if (hosts.size > 1) parts.push(url.hostname.split('.')[0]);
  const sameHost = group.filter((r) => new URL(r.url).hostname === url.hostname);
  if (sameHost.length > 1) {
    const values = [...url.searchParams.values()].map(slug).filter((v) => v && v.length <= 24);
    parts.push(...values);
  }
  return parts.join('-');
}

/** One distinct file name per route (without extension), saying which CRM and page it shows. */
export function shotNames(routes) {
  const groups = new Map();
  for (const r of routes) {
    const base = baseName(r);
    groups.set(base, [...(groups.get(base) ?? []), r]);
  }
  const names = new Map();
  for (const [base, group] of groups) {
    for (const r of group) {
      const extra = group.length > 1 ? variant(r, group) : '';
      names.set(r, extra ? `${base}-${extra}` : base);
    }
  }
  // Still the same (should not happen with real routes): number them rather than overwrite.
  const seen = new Map();
  for (const [r, name] of names) {
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    if (n > 1) names.set(r, `${name}-${n}`);
  }
  return names;
}

/** The demo stylesheet for a CRM (scripts/demo/styles/<crm>.css), or '' when there is none. */
export function demoStylesheet(crm) {
  const file = path.join(here, 'styles', `${crm}.css`);
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

/** Adds the CRM's demo stylesheet to a fixture page as served (the fixture files stay as they are). */
export function decorateFixture(html, route) {
  const css = demoStylesheet(route.expect?.crm ?? '');
  if (!css) return html;
  const style = `<style data-crm-coach-demo>\n${css}\n</style>`;
  return html.includes('</head>') ? html.replace('</head>', `${style}\n</head>`) : `${style}\n${html}`;
}

/** The summary table: one line per page, coached with how many tips and nudges, or why not. */
export function formatSummary(rows) {
  const width = Math.max(...rows.map((r) => r.name.length), 4);
  const lines = rows.map((r) => {
    const what = r.skipped ? `skipped: ${r.skipped}` : r.error ? `NOT coached: ${r.error}` : `coached: ${plural(r.tips, 'tip')}, ${plural(r.nudges, 'nudge')}, launcher ${r.launcher ? 'shown' : 'missing'}`;
    return `  ${r.name.padEnd(width)}  ${what}`;
  });
  const coached = rows.filter((r) => !r.skipped && !r.error).length;
  const shown = rows.filter((r) => !r.skipped).length;
  return [`Coached ${coached} of ${shown} pages:`, ...lines].join('\n');
}

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
