#!/usr/bin/env node
// Prints the content scripts' gzip sizes of a built extension, split by when they load: on every
// CRM page (the manifest's content scripts, budget 100 KB gzip, docs/architecture.md "Budgets")
// and on demand (injected by the background: the overlay's React UI, author mode).
// Usage: npm run build && node scripts/content-size.mjs [.output/chrome-mv3]
// Exits 1 when the every-page part is over budget.
import path from 'node:path';
import { contentScriptSizes } from '../bench/lib/bundle.mjs';
import { BUDGETS } from '../bench/lib/config.mjs';

const dir = path.resolve(process.argv[2] ?? '.output/chrome-mv3');
const { everyPage, onDemand } = contentScriptSizes(dir);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`${dir}`);
console.log(`every CRM page: ${kb(everyPage.gzip)} gzip (raw ${kb(everyPage.raw)}), budget ${kb(BUDGETS.contentGzipBytes)}`);
for (const [file, x] of Object.entries(everyPage.files)) console.log(`  ${file.padEnd(34)} ${kb(x.gzip).padStart(9)} gzip  ${kb(x.raw).padStart(9)} raw`);
console.log('on demand (injected by the background when asked):');
for (const x of Object.values(onDemand)) console.log(`  ${x.file.padEnd(34)} ${kb(x.gzip).padStart(9)} gzip  ${kb(x.raw).padStart(9)} raw`);
process.exitCode = everyPage.gzip <= BUDGETS.contentGzipBytes ? 0 : 1;
