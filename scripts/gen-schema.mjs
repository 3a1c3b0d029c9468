#!/usr/bin/env node
// Writes docs/pack.schema.json (the JSON Schema of pack format 1, from the zod schema) through
// the trainers' CLI, building the CLI first. tests/unit/packs/json-schema.test.ts fails when the
// committed file is out of date: run `npm run schema` and commit the result.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
execFileSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: root, stdio: 'inherit' });
execFileSync(process.execPath, ['bin/crm-coach-pack.mjs', 'schema', '-o', 'docs/pack.schema.json'], { cwd: root, stdio: 'inherit' });
