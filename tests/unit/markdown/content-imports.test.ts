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
    const { files, packages } = reachable(path.join(ROOT, 'entrypoints/content/index.tsx'));
    const rel = [...files].map((f) => path.relative(ROOT, f));
    // The walk itself works: it reaches the overlay's renderer and the tree registry.
    expect(rel).toContain('components/overlay/Markdown.tsx');
    expect(rel).toContain('components/overlay/markdown-trees.ts');
    expect(packages.has('react')).toBe(true);
    expect(packages.has('marked')).toBe(false);
    // Nor the database: the background owns Dexie (docs/architecture.md, "Layers").
    expect(packages.has('dexie')).toBe(false);
    expect(rel).not.toContain('utils/packs/markdown.ts');
  });

  it('would notice the parser if the background module were imported', () => {
    const { packages } = reachable(path.join(ROOT, 'utils/usage/service.ts'));
    expect(packages.has('marked')).toBe(true);
    expect(packages.has('dexie')).toBe(true);
  });
});
