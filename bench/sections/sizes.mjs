// 1. Bundle sizes: raw and gzip of every built file and each entrypoint's closure; the content
// script (with everything it loads) against its 100 KB gzip budget.
import { bundleSizes } from '../lib/bundle.mjs';
import { formatBytes } from '../lib/report.mjs';
import { BUDGETS } from '../lib/config.mjs';

const S = '1. Bundle sizes (gzip)';

export async function run({ report, extDir }) {
  const { files, entries } = bundleSizes(extDir);
  report.detail('sizes', { files, entries, note: 'gzip = zlib default level (6); sizes of .output/chrome-mv3-bench, a production build with MODE "bench"' });
  const order = ['content', 'background', 'popup', 'options', ...Object.keys(entries).filter((k) => !['content', 'background', 'popup', 'options'].includes(k))];
  for (const name of order) {
    const e = entries[name];
    if (!e) continue;
    report.figure(S, `${name} (${e.files.length} file${e.files.length === 1 ? '' : 's'})`, e.gzip, {
      unit: 'B',
      display: `${formatBytes(e.gzip)} (raw ${formatBytes(e.raw)})`,
      budget: name.startsWith('content') ? { max: BUDGETS.contentGzipBytes, text: '≤ 100 KB' } : null,
    });
  }
  const shared = Object.keys(files).filter((f) => f.startsWith('chunks/') && Object.values(entries).filter((e) => e.files.includes(f)).length > 1);
  for (const f of shared) {
    report.figure(S, `  shared ${f.replace(/^chunks\//, '')}`, files[f].gzip, { unit: 'B', display: `${formatBytes(files[f].gzip)} (raw ${formatBytes(files[f].raw)})` });
  }
}
