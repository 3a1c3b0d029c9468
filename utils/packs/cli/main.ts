/**
 * crm-coach-pack: the trainers' command line.
 *
 *   crm-coach-pack validate <file...>            JSON or YAML; exit 1 on errors (file:line: path: rule)
 *   crm-coach-pack build <dir> [-o out.json]     a folder of YAML + Markdown to one pack JSON
 *   crm-coach-pack lint <pack> --page <saved.html> [--url <page url>]
 *                                                targets and nudge fields not found on a saved CRM page
 *   crm-coach-pack schema [-o pack.schema.json]  the JSON Schema for editors
 *
 * Built into bin/crm-coach-pack.mjs by scripts/build-cli.mjs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { formatPath, type JsonPath } from '../issues';
import { packJsonSchemaText } from '../json-schema';
import { parseDataText } from '../parse';
import type { Pack } from '../types';
import { ITEM_LISTS } from '../limits';
import { validatePackDetailed } from '../validate';
import { BuildError, buildPackFromDir } from './build-dir';
import { makeLocator } from './locate';
import { lintPackOnPage } from './lint-page';

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

const USAGE = `Usage:
  crm-coach-pack validate <file...>
  crm-coach-pack build <dir> [-o <out.json>]
  crm-coach-pack lint <pack> --page <saved.html> [--url <page url>]
  crm-coach-pack schema [-o <pack.schema.json>]`;

function summary(pack: Pack): string {
  const counts = ([...ITEM_LISTS, 'sites'] as const)
    .map((k) => [k, pack[k]?.length ?? 0] as const)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${n === 1 ? k.slice(0, -1) : k}`);
  return `${pack.id} ${pack.version}${counts.length ? ` (${counts.join(', ')})` : ''}`;
}

/** Reads and validates one file; prints `file:line: path: rule` per problem. */
function validateFile(file: string, io: Io): Pack | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    io.err(`${file}: cannot read: ${(err as Error).message}`);
    return null;
  }
  const parsed = parseDataText(text, file);
  if (!parsed.ok) {
    const line = /\(line (\d+), column \d+\)/.exec(parsed.error)?.[1];
    io.err(`${file}${line ? `:${line}` : ''}: ${parsed.error}`);
    return null;
  }
  const result = validatePackDetailed(parsed.value);
  if (result.ok) return result.pack;
  const locate = makeLocator(text);
  for (const issue of result.issues) {
    const line = issue.path.length > 0 ? locate(issue.path) : null;
    io.err(`${file}${line ? `:${line}` : ''}: ${formatPath(issue.path)}: ${issue.message}`);
  }
  return null;
}

function option(args: string[], ...names: string[]): string | undefined {
  const i = args.findIndex((a) => names.includes(a));
  if (i < 0) return undefined;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
}

export async function run(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  const args = [...rest];
  switch (command) {
    case 'validate': {
      if (args.length === 0) {
        io.err(USAGE);
        return 2;
      }
      let failed = 0;
      for (const file of args) {
        const pack = validateFile(file, io);
        if (pack) io.out(`${file}: ok: ${summary(pack)}`);
        else failed++;
      }
      if (args.length > 1) io.out(`${args.length - failed} of ${args.length} packs valid`);
      return failed > 0 ? 1 : 0;
    }
    case 'build': {
      const outFile = option(args, '-o', '--out');
      const dir = args[0];
      if (!dir) {
        io.err(USAGE);
        return 2;
      }
      let built;
      try {
        built = buildPackFromDir(dir);
      } catch (err) {
        if (err instanceof BuildError) {
          io.err(err.message);
          return 1;
        }
        throw err;
      }
      const result = validatePackDetailed(built.pack);
      if (!result.ok) {
        for (const issue of result.issues) {
          const item = issue.path.slice(0, 2) as JsonPath;
          const from = built.origins.get(formatPath(item));
          io.err(`${from ? `${dir}/${from}` : dir}: ${formatPath(issue.path)}: ${issue.message}`);
        }
        return 1;
      }
      const json = `${JSON.stringify(result.pack, null, 2)}\n`;
      if (outFile) {
        writeFileSync(outFile, json);
        io.out(`${outFile}: ok: ${summary(result.pack)}`);
      } else io.out(json.trimEnd());
      return 0;
    }
    case 'lint': {
      const page = option(args, '--page');
      const url = option(args, '--url');
      const file = args[0];
      if (!file || !page) {
        io.err(USAGE);
        return 2;
      }
      const pack = validateFile(file, io);
      if (!pack) return 1;
      let html: string;
      try {
        html = readFileSync(page, 'utf8');
      } catch (err) {
        io.err(`${page}: cannot read: ${(err as Error).message}`);
        return 1;
      }
      const report = await lintPackOnPage(pack, html, url);
      for (const line of report.info) io.out(line);
      for (const problem of report.problems) io.err(`${file}: ${problem}`);
      if (report.problems.length === 0) io.out(`${file}: every target and nudge field for this page was found`);
      return report.problems.length > 0 || report.fatal ? 1 : 0;
    }
    case 'schema': {
      const outFile = option(args, '-o', '--out');
      if (outFile) {
        writeFileSync(outFile, packJsonSchemaText());
        io.out(`${outFile}: written`);
      } else io.out(packJsonSchemaText().trimEnd());
      return 0;
    }
    case '-h':
    case '--help':
    case 'help':
      io.out(USAGE);
      return 0;
    default:
      io.err(command ? `unknown command "${command}"\n${USAGE}` : USAGE);
      return 2;
  }
}
