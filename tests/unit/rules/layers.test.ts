// @vitest-environment node
/**
 * The layers of docs/architecture.md are enforced by the linter (eslint.config.js, LAYERS). This
 * test lints small snippets as if they were files of each layer, so a rule that stops matching
 * (a typo in a pattern, a layer dropped from the config) fails here, not silently.
 */
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { LAYERS } from '../../../eslint.config.js';

const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(filePath: string, code: string): Promise<boolean> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.some((m) => m.ruleId === '@typescript-eslint/no-restricted-imports');
}

const use = (spec: string, type = false) => `import ${type ? 'type ' : ''}{ a } from '${spec}';\nexport ${type ? 'type' : 'const'} b = a;\n`;

describe('the layering is in the lint config', () => {
  it('names every layer of docs/architecture.md', () => {
    expect(LAYERS.map((l) => l.name)).toEqual(['base', 'packs', 'storage', 'crm', 'coach', 'usage', 'author', 'services', 'overlay', 'popup', 'options', 'author-ui', 'content']);
  });

  // [file of the layer, import, refused?]
  const cases: Array<[string, string, boolean]> = [
    ['utils/day.ts', './packs/limits', true],
    ['utils/log.ts', '@/utils/usage/progress', true],
    ['utils/messaging.ts', './settings-store', true],
    ['utils/packs/x.ts', '../crm/targets', true],
    ['utils/packs/x.ts', '@/utils/coach/engine', true],
    ['utils/packs/x.ts', '../usage/progress', true],
    ['utils/packs/x.ts', '../settings-store', true],
    ['utils/packs/x.ts', '../crm/types', false],
    ['utils/packs/x.ts', '../usage/types', false],
    ['utils/packs/x.ts', '../day', false],
    ['utils/patterns/x.ts', '../packs/limits', true],
    ['utils/packs/x.ts', '../patterns/glob', false],
    ['utils/packs/x.ts', '../storage/items', true],
    ['utils/storage/x.ts', '../packs/limits', false],
    ['utils/storage/x.ts', '../log', false],
    ['utils/storage/x.ts', '../crm/targets', true],
    ['utils/storage/x.ts', '../coach/tour', true],
    ['utils/storage/x.ts', '../usage/rollup', true],
    ['utils/storage/x.ts', '../settings-store', true],
    ['utils/crm/x.ts', '../coach/when', true],
    ['utils/crm/x.ts', '../storage/items', true],
    ['utils/crm/sites.ts', '../patterns/match-pattern', false],
    ['utils/coach/x.ts', '@/utils/storage/items', true],
    ['utils/usage/x.ts', '../storage/items', false],
    ['utils/author/x.ts', '../storage/items', true],
    ['utils/author/x.ts', '../usage/rollup', true],
    ['components/overlay/x.tsx', '@/utils/storage/items', true],
    ['components/popup/x.tsx', '@/utils/storage/items', false],
    ['entrypoints/content/x.ts', '@/utils/storage/items', true],
    ['entrypoints/author.content/x.ts', '@/utils/storage/items', true],
    ['entrypoints/background.ts', '@/utils/storage/items', false],
    ['utils/crm/x.ts', '@/utils/usage/rollup', true],
    ['utils/crm/x.ts', '../packs/refs', false],
    ['utils/crm/sites.ts', '../usage/rollup', true],
    ['utils/coach/x.ts', '../usage/progress', true],
    ['utils/coach/x.ts', '../usage/types', false],
    ['utils/coach/x.ts', '../crm/targets', false],
    ['utils/usage/x.ts', '../coach/engine', true],
    ['utils/usage/x.ts', '@/components/popup/format', true],
    ['utils/usage/x.ts', '../packs/refs', false],
    ['utils/settings-store.ts', '@/components/options/roles', true],
    ['components/overlay/x.tsx', '../popup/format', true],
    ['components/overlay/x.tsx', '@/components/options/roles', true],
    ['components/overlay/x.tsx', '@/utils/settings-store', true],
    ['components/overlay/x.tsx', '@/entrypoints/content/controller', true],
    ['components/overlay/x.tsx', './dom', false],
    ['components/popup/x.tsx', '../overlay/Markdown', true],
    ['components/options/x.tsx', '@/utils/packs/limits', false],
    ['utils/author/x.ts', '../coach/when', false],
    ['utils/author/x.ts', '../packs/store', true],
    ['utils/author/x.ts', '@/components/author/AuthorCard', true],
    ['utils/author/background.ts', '../packs/store', false],
    ['components/author/x.tsx', '../overlay/Panel', true],
    ['components/author/x.tsx', '@/utils/author/background', true],
    ['components/author/x.tsx', '@/utils/author/target', false],
  ];
  it.each(cases)('%s importing %s: refused %s', async (file, spec, refused) => {
    expect(await restricted(file, use(spec))).toBe(refused);
  });

  it('lets types cross layers (erased from the build)', async () => {
    expect(await restricted('utils/coach/x.ts', use('../usage/progress', true))).toBe(false);
    expect(await restricted('utils/packs/x.ts', use('../crm/model', true))).toBe(false);
  });
});
