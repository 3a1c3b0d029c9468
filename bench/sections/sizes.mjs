// 1. Bundle sizes: raw and gzip of every built file and each entrypoint's closure. The content
// scripts are split by when they load: what runs on every CRM page (the manifest's content
// scripts, against the 100 KB gzip budget) and each script the background injects on demand
// (the overlay's React UI when there is something to show, author mode), reported apart.
import { bundleSizes, contentScriptSizes } from '../lib/bundle.mjs';
import { formatBytes } from '../lib/report.mjs';
import { BUDGETS } from '../lib/config.mjs';

const S = '1. Bundle sizes (gzip)';

const display = (x) => `${formatBytes(x.gzip)} (raw ${formatBytes(x.raw)})`;

export async function run({ report, extDir }) {
  const { files, entries } = bundleSizes(extDir);
  const content = contentScriptSizes(extDir);
  report.detail('sizes', { files, entries, content, note: 'gzip = zlib default level (6); sizes of .output/chrome-mv3-bench, a production build with MODE "bench"' });
  const names = Object.keys(content.everyPage.files).map((f) => f.replace(/^content-scripts\//, '')).join(' + ');
  report.figure(S, `content scripts on every CRM page (${names})`, content.everyPage.gzip, {
    unit: 'B',
    display: display(content.everyPage),
    budget: { max: BUDGETS.contentGzipBytes, text: '≤ 100 KB' },
  });
  for (const [name, x] of Object.entries(content.onDemand)) {
    report.figure(S, `  on demand: ${name}.js`, x.gzip, { unit: 'B', display: display(x) });
  }
  const order = ['background', 'popup', 'options', ...Object.keys(entries).filter((k) => !k.startsWith('content') && !['background', 'popup', 'options'].includes(k))];
  for (const name of order) {
    const e = entries[name];
    if (!e) continue;
    report.figure(S, `${name} (${e.files.length} file${e.files.length === 1 ? '' : 's'})`, e.gzip, { unit: 'B', display: display(e) });
  }
  const shared = Object.keys(files).filter((f) => f.startsWith('chunks/') && Object.values(entries).filter((e) => e.files.includes(f)).length > 1);
  for (const f of shared) {
    report.figure(S, `  shared ${f.replace(/^chunks\//, '')}`, files[f].gzip, { unit: 'B', display: display(files[f]) });
  }
}
