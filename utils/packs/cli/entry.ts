/** Node entry of bin/crm-coach-pack.mjs. */
import { run } from './main';

run(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`crm-coach-pack: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 2;
  },
);
