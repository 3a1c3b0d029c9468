/**
 * `crm-coach-pack build <dir>`: a folder of YAML and Markdown files to one pack.
 *
 *   pack.yaml                 format (optional), id, version, title, description, author, audience
 *   tips.yaml, nudges.yaml …  a YAML list per item kind (tips, nudges, snippets, tours, milestones, sites)
 *   snippets/log-a-call.md    one item per file: YAML front matter between --- lines, the Markdown
 *   snippets/log-a-call.zh-CN.md   after it is `body`; a .<lang>.md twin adds that language
 *   tips/next-step.yaml       one item (or a list) per YAML file
 *
 * Items are taken in file-name order; an item from a .md file gets its id from the file name
 * unless the front matter sets one. Returns the pack and where each item came from.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parseDataText } from '../parse';
import { ITEM_LISTS, PACK_FORMAT } from '../limits';

export const LISTS = ['sites', ...ITEM_LISTS] as const;
type ListName = (typeof LISTS)[number];

export interface BuiltPack {
  pack: Record<string, unknown>;
  /** `tips[3]` -> the file it came from, relative to the folder. */
  origins: Map<string, string>;
}

export class BuildError extends Error {}

function readData(file: string, root: string): unknown {
  const parsed = parseDataText(readFileSync(file, 'utf8'), file, { anyTop: true });
  if (!parsed.ok) throw new BuildError(`${relative(root, file)}: ${parsed.error}`);
  return parsed.value;
}

/** Splits `---\nyaml\n---\nbody` into front matter and body. */
export function splitFrontMatter(text: string): { meta: string; body: string } {
  const m = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  return m ? { meta: m[1], body: m[2] } : { meta: '', body: text };
}

function readYamlText(text: string, where: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  const parsed = parseDataText(text, `${where}.yaml`);
  if (!parsed.ok) throw new BuildError(`${where}: front matter: ${parsed.error}`);
  return parsed.value as Record<string, unknown>;
}

const DATA_EXT = /\.(ya?ml|json)$/i;
const LANG_MD = /^(.+?)\.([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.md$/;

/** Items of one list folder: YAML/JSON files and Markdown files with their language twins. */
function readListFolder(dir: string, root: string): { item: unknown; file: string }[] {
  const files = readdirSync(dir).sort();
  const out: { item: unknown; file: string }[] = [];
  const mdBase = new Map<string, Record<string, unknown>>();
  for (const name of files) {
    const file = join(dir, name);
    if (statSync(file).isDirectory()) continue;
    const rel = relative(root, file);
    if (DATA_EXT.test(name)) {
      const data = readData(file, root);
      for (const item of Array.isArray(data) ? data : [data]) out.push({ item, file: rel });
    } else if (name.endsWith('.md') && !LANG_MD.test(name)) {
      const { meta, body } = splitFrontMatter(readFileSync(file, 'utf8'));
      const item: Record<string, unknown> = { id: basename(name, '.md'), ...readYamlText(meta, rel) };
      const lang = typeof item.lang === 'string' ? item.lang : 'en';
      delete item.lang;
      if (body.trim() !== '') item.body = { [lang]: body.trim() };
      mdBase.set(basename(name, '.md'), item);
      out.push({ item, file: rel });
    }
  }
  // Language twins: log-a-call.zh-CN.md adds body["zh-CN"] (and may localize the title).
  for (const name of files) {
    const m = LANG_MD.exec(name);
    if (!m) continue;
    const base = mdBase.get(m[1]);
    if (!base) throw new BuildError(`${relative(root, join(dir, name))}: no ${m[1]}.md next to it`);
    const { meta, body } = splitFrontMatter(readFileSync(join(dir, name), 'utf8'));
    const extra = readYamlText(meta, relative(root, join(dir, name)));
    base.body = { ...(base.body as object), [m[2]]: body.trim() };
    for (const [key, value] of Object.entries(extra)) {
      const current = base[key];
      base[key] = typeof current === 'string' ? { en: current, [m[2]]: value } : { ...(current as object), [m[2]]: value };
    }
  }
  // A body in English only stays a plain string.
  for (const { item } of out) {
    const it = item as Record<string, unknown>;
    if (it.body && typeof it.body === 'object' && Object.keys(it.body).length === 1 && 'en' in it.body) {
      it.body = (it.body as { en: string }).en;
    }
  }
  return out;
}

export function buildPackFromDir(dir: string): BuiltPack {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new BuildError(`${dir}: not a folder`);
  const head = ['pack.yaml', 'pack.yml', 'pack.json'].map((n) => join(dir, n)).find((f) => existsSync(f));
  if (!head) throw new BuildError(`${dir}: no pack.yaml (it holds id, version and title)`);
  const top = readData(head, dir);
  if (!top || typeof top !== 'object' || Array.isArray(top)) throw new BuildError(`${relative(dir, head)}: expected a mapping`);
  const pack: Record<string, unknown> = { format: PACK_FORMAT, ...(top as object) };
  const origins = new Map<string, string>();
  const headName = relative(dir, head);

  for (const list of LISTS) {
    const items: { item: unknown; file: string }[] = [];
    const inline = pack[list];
    if (inline !== undefined) {
      if (!Array.isArray(inline)) throw new BuildError(`${headName}: ${list} must be a list`);
      for (const item of inline) items.push({ item, file: headName });
    }
    for (const ext of ['yaml', 'yml', 'json']) {
      const file = join(dir, `${list}.${ext}`);
      if (!existsSync(file)) continue;
      const data = readData(file, dir);
      if (!Array.isArray(data)) throw new BuildError(`${list}.${ext}: expected a list of ${list}`);
      for (const item of data) items.push({ item, file: `${list}.${ext}` });
    }
    const folder = join(dir, list);
    if (existsSync(folder) && statSync(folder).isDirectory()) items.push(...readListFolder(folder, dir));
    if (items.length === 0) continue;
    pack[list as ListName] = items.map((i) => i.item);
    items.forEach((i, n) => origins.set(`${list}[${n}]`, i.file));
  }
  return { pack, origins };
}
