// Bundle sizes of a built extension: raw and gzip of every file, and per entrypoint the closure
// of files it loads (HTML scripts and preloads, static and dynamic relative imports).
import { gzipSync } from 'node:zlib';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';

/** Relative module specifiers a built JS file imports (static, side-effect and dynamic). */
export function jsImports(code) {
  const out = new Set();
  const re = /(?:\bfrom\s*|\bimport\s*\(?\s*)(["'`])(\.{1,2}\/[^"'`]+)\1/g;
  let m;
  while ((m = re.exec(code))) out.add(m[2]);
  return [...out];
}

/** Script, module-preload and stylesheet URLs an HTML entrypoint references. */
export function htmlAssets(html) {
  const out = new Set();
  const re = /<(script|link)\b([^>]*)>/gi;
  let m;
  while ((m = re.exec(html))) {
    const attrs = m[2];
    const src = /\b(?:src|href)\s*=\s*["']([^"']+)["']/i.exec(attrs)?.[1];
    if (!src || /^[a-z]+:/i.test(src)) continue;
    if (m[1].toLowerCase() === 'link' && !/\brel\s*=\s*["'](?:modulepreload|stylesheet)["']/i.test(attrs)) continue;
    out.add(src);
  }
  return [...out];
}

/** Every file reachable from `start` (paths relative to `dir`), following imports and HTML assets. */
export function closure(dir, start, read = (p) => readFileSync(path.join(dir, p), 'utf8')) {
  const seen = new Set();
  const queue = [...start];
  while (queue.length) {
    const rel = queue.shift().replace(/^\/+/, '');
    if (seen.has(rel)) continue;
    seen.add(rel);
    let text;
    try { text = read(rel); } catch { continue; }
    const refs = rel.endsWith('.html') ? htmlAssets(text).map((s) => (s.startsWith('/') ? s : path.posix.join(path.posix.dirname(rel), s)))
      : rel.endsWith('.js') ? jsImports(text).map((s) => path.posix.normalize(path.posix.join(path.posix.dirname(rel), s)))
        : [];
    queue.push(...refs);
  }
  return [...seen].sort();
}

export function sizeOf(buffer) {
  return { raw: buffer.length, gzip: gzipSync(buffer).length };
}

function walk(dir, base = '') {
  const out = [];
  for (const name of readdirSync(path.join(dir, base))) {
    const rel = base ? `${base}/${name}` : name;
    if (statSync(path.join(dir, rel)).isDirectory()) out.push(...walk(dir, rel));
    else out.push(rel);
  }
  return out;
}

/**
 * Sizes of a built extension directory: every .js/.css/.html file, and per entrypoint the
 * closure total. Entrypoints come from the manifest: background service worker, each content
 * script (its js and css), the action popup and the options page.
 */
export function bundleSizes(dir) {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  const files = {};
  for (const rel of walk(dir).filter((f) => /\.(js|css|html)$/.test(f))) files[rel] = sizeOf(readFileSync(path.join(dir, rel)));
  const entries = {};
  if (manifest.background?.service_worker) entries.background = [manifest.background.service_worker];
  (manifest.content_scripts ?? []).forEach((cs, i) => {
    const name = (manifest.content_scripts.length > 1 ? `content ${i + 1}` : 'content');
    // With cssInjectionMode "ui" the overlay fetches content-scripts/<name>.css at run time.
    const css = (cs.js ?? []).map((j) => j.replace(/\.js$/, '.css')).filter((c) => existsSync(path.join(dir, c)));
    entries[name] = [...(cs.js ?? []), ...(cs.css ?? []), ...css];
  });
  const popup = manifest.action?.default_popup;
  if (popup) entries.popup = [popup];
  const options = manifest.options_ui?.page ?? manifest.options_page;
  if (options) entries.options = [options];
  const result = {};
  for (const [name, start] of Object.entries(entries)) {
    const members = closure(dir, start).filter((f) => files[f]);
    result[name] = {
      files: members,
      raw: members.reduce((a, f) => a + files[f].raw, 0),
      gzip: members.reduce((a, f) => a + files[f].gzip, 0),
    };
  }
  return { files, entries: result };
}

/**
 * The content scripts of a built extension, split by when they load: `everyPage`, every script
 * the manifest runs on each CRM page (with any stylesheet beside it), summed; `onDemand`, each
 * other content-scripts/*.js, which the background injects only when asked (the overlay's React
 * UI, author mode). The 100 KB budget of docs/architecture.md is the every-page sum.
 */
export function contentScriptSizes(dir) {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  const size = (rel) => sizeOf(readFileSync(path.join(dir, rel)));
  const listed = new Set();
  for (const cs of manifest.content_scripts ?? []) {
    for (const js of cs.js ?? []) {
      listed.add(js);
      const css = js.replace(/\.js$/, '.css');
      if (existsSync(path.join(dir, css))) listed.add(css);
    }
    for (const css of cs.css ?? []) listed.add(css);
  }
  const everyPageFiles = [...listed].sort();
  const perFile = Object.fromEntries(everyPageFiles.map((f) => [f, size(f)]));
  const everyPage = {
    files: perFile,
    raw: Object.values(perFile).reduce((a, x) => a + x.raw, 0),
    gzip: Object.values(perFile).reduce((a, x) => a + x.gzip, 0),
  };
  const onDemand = {};
  const scriptsDir = path.join(dir, 'content-scripts');
  const inDir = existsSync(scriptsDir) ? readdirSync(scriptsDir).filter((f) => f.endsWith('.js')).map((f) => `content-scripts/${f}`) : [];
  for (const rel of inDir.sort()) if (!listed.has(rel)) onDemand[path.posix.basename(rel, '.js')] = { file: rel, ...size(rel) };
  return { everyPage, onDemand };
}
