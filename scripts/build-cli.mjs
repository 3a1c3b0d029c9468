#!/usr/bin/env node
// Bundles the trainers' CLI (utils/packs/cli/*.ts) into bin/crm-coach-pack.mjs with vite's build
// API, so the bin runs on plain node without a TypeScript runner. Dependencies (zod, yaml, marked,
// jsdom) stay external: they come from node_modules.
import { chmodSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

await build({
  configFile: false,
  root,
  logLevel: 'warn',
  resolve: { alias: { '@': root.replace(/\/$/, '') } },
  build: {
    ssr: 'utils/packs/cli/entry.ts',
    outDir: 'bin',
    emptyOutDir: false,
    target: 'node20',
    minify: false,
    sourcemap: false,
    copyPublicDir: false,
    rollupOptions: {
      output: {
        entryFileNames: 'crm-coach-pack.mjs',
        format: 'es',
        codeSplitting: false,
        banner: '#!/usr/bin/env node\n// Built by scripts/build-cli.mjs from utils/packs/cli/: do not edit.\n/* eslint-disable */',
      },
    },
  },
});
chmodSync(new URL('../bin/crm-coach-pack.mjs', import.meta.url), 0o755);
console.log('built bin/crm-coach-pack.mjs');
