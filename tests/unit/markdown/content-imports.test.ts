// @vitest-environment node
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../../..');

/** Module files and packages a source file imports at run time (type-only imports are erased). */
function runtimeImports(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  const specs: string[] = [];
  const re = /(?:^|\n)\s*(?:import|export)\s+(type\s+)?(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]/g;
  for (const m of src.matchAll(re)) if (!m[1]) specs.push(m[2]);
  for (const m of src.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) specs.push(m[1]);
  return specs;
}

function resolveLocal(from: string, spec: string): string | null {
  const bare = spec.replace(/\?.*$/, '');
  const base = bare.startsWith('@/') ? path.join(ROOT, bare.slice(2)) : bare.startsWith('.') ? path.resolve(path.dirname(from), bare) : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) {
    if (existsSync(candidate) && /\.(ts|tsx)$/.test(candidate)) return candidate;
  }
  return null;
}

/** Every project file and package reachable from an entry through run-time imports. */
function reachable(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const spec of runtimeImports(file)) {
      const local = resolveLocal(file, spec);
      if (local) queue.push(local);
      else if (!spec.startsWith('.') && !spec.startsWith('@/')) packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
    }
  }
  return { files, packages };
}

describe('the content script carries no Markdown parser', () => {
  it('reaches neither marked nor the background parser from its entry', () => {
    const { files, packages } = reachable(path.join(ROOT, 'entrypoints/content/index.ts'));
    const rel = [...files].map((f) => path.relative(ROOT, f));
    // The walk itself works: it reaches the controller and the tree registry it fills.
    expect(rel).toContain('entrypoints/content/controller.ts');
    expect(rel).toContain('components/overlay/markdown-trees.ts');
    expect(packages.has('marked')).toBe(false);
    // Nor the database: the background owns Dexie (docs/architecture.md, "Layers").
    expect(packages.has('dexie')).toBe(false);
    expect(rel).not.toContain('utils/packs/markdown.ts');
  });

  it('nor React: the overlay UI is the on-demand overlay script; tip cards are plain DOM (docs/architecture.md, "Budgets")', () => {
    const content = reachable(path.join(ROOT, 'entrypoints/content/index.ts'));
    for (const pkg of ['react', 'react-dom']) expect(content.packages.has(pkg)).toBe(false);
    expect([...content.files].filter((f) => f.endsWith('.tsx')).map((f) => path.relative(ROOT, f))).toEqual([]);
    // The anchored tips are the stage's, rendered with the one Markdown renderer.
    const everyPage = [...content.files].map((f) => path.relative(ROOT, f));
    expect(everyPage).toContain('components/overlay/tip-layer.ts');
    expect(everyPage).toContain('components/overlay/markdown-dom.ts');

    const overlay = reachable(path.join(ROOT, 'entrypoints/overlay.content/index.tsx'));
    const rel = [...overlay.files].map((f) => path.relative(ROOT, f));
    expect(rel).toContain('components/overlay/Markdown.tsx');
    expect(rel).toContain('components/overlay/markdown-trees.ts');
    expect(overlay.packages.has('react')).toBe(true);
    expect(overlay.packages.has('marked')).toBe(false);
    // It talks to the coach through the bridge only: no controller, no adapters, no messaging.
    expect(rel).not.toContain('entrypoints/content/controller.ts');
    expect(rel).not.toContain('utils/messaging.ts');
    for (const reader of ['utils/crm/index.ts', 'utils/crm/live-page.ts', 'utils/crm/watch.ts']) expect(rel).not.toContain(reader);
  });

  it('would notice the parser if the background module were imported', () => {
    const { packages } = reachable(path.join(ROOT, 'utils/usage/service.ts'));
    expect(packages.has('marked')).toBe(true);
    expect(packages.has('dexie')).toBe(true);
  });
});
