import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/*
 * The layers of docs/architecture.md ("Layers and what each may import"), enforced here. Each
 * entry names the files of a layer and the modules they must not import at run time. `import
 * type` may cross layers: it is erased from the build and cannot create a run-time dependency.
 * A module specifier is matched as written (relative or `@/`), so each pattern is a regex on the
 * path after the last `utils/`, `components/` or `entrypoints/` or `../`.
 */
const mod = (path) => `(^|/)${path}(\\.tsx?)?$`;
const dir = (path) => `(^|/)${path}/`;
/** A folder's modules except its `types.ts`: the vocabulary modules (types and constant lists) are importable from every layer. */
const notVocabulary = (folder) => `(^|/)${folder}/(?!types(\\.ts)?$)`;
const UP = {
  packs: { regex: notVocabulary('(utils/)?crm') + '|' + notVocabulary('(utils/)?usage') + '|' + dir('(utils/)?(coach|storage|author)'), message: 'utils/packs is below storage, crm, coach, usage and author (docs/architecture.md): import only their */types.ts.' },
  storage: { regex: notVocabulary('(utils/)?crm') + '|' + notVocabulary('(utils/)?usage') + '|' + dir('(utils/)?(coach|author)'), message: 'utils/storage is below crm, coach, usage and author (docs/architecture.md).' },
  /** storage.local is for trusted contexts only: the code content scripts run never reads it. */
  noStorage: { regex: dir('(utils/)?storage'), message: 'Content-script code never touches storage.local (docs/architecture.md, "Stored data"): ask the background by message.' },
  crm: { regex: dir('(utils/)?(coach|author)') + '|' + notVocabulary('(utils/)?usage'), message: 'utils/crm is below coach, usage and author (docs/architecture.md).' },
  coach: { regex: notVocabulary('(utils/)?usage') + '|' + dir('(utils/)?author'), message: 'utils/coach is below usage and author (docs/architecture.md): import only usage/types.ts.' },
  usage: { regex: notVocabulary('(utils/)?coach') + '|' + dir('(utils/)?author'), message: 'utils/usage does not import the engine or author mode (docs/architecture.md).' },
  author: { regex: notVocabulary('(utils/)?usage'), message: 'utils/author does not import usage (docs/architecture.md): import only usage/types.ts.' },
  services: { regex: mod('(utils/)?(settings-store|site-access|popup-request|i18n-bundled)') + '|' + mod('(utils/)?packs/(store|background|url-fetch)') + '|' + mod('(utils/)?usage/(background|service)') + '|' + mod('(utils/)?author/background'), message: 'Background services are imported by entry points and other services only (docs/architecture.md).' },
  domains: { regex: dir('(utils/)?(packs|storage|crm|coach|usage|author)'), message: 'The base layer imports nothing from the domain folders (docs/architecture.md).' },
  ui: { regex: dir('components') + '|' + dir('entrypoints') + '|' + mod('entrypoints/[a-z-]+'), message: 'utils/ never imports components or entry points (docs/architecture.md).' },
  entrypoints: { regex: dir('entrypoints') + '|' + mod('entrypoints/[a-z-]+'), message: 'Components never import entry points (docs/architecture.md).' },
  otherUi: (self) => ({ regex: `(^|/)components/(?!${self}/)|^\\.\\./(?!\\.\\./)`, message: `components/${self} does not import another UI's components (docs/architecture.md).` }),
};
const restrict = (...patterns) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns: patterns.map((p) => ({ ...p, allowTypeImports: true })) }],
});
/** The base layer: imports packages only (and each other). */
const BASE = ['utils/day.ts', 'utils/log.ts', 'utils/i18n.ts', 'utils/settings.ts', 'utils/markdown-tree.ts', 'utils/messaging.ts', 'utils/patterns/**/*.ts'];
/** Exported for tests/unit/rules/layers.test.ts, which checks each layer's rule on real code. */
export const LAYERS = [
  { name: 'base', files: BASE, rules: restrict(UP.domains, UP.services, UP.ui) },
  {
    name: 'packs',
    files: ['utils/packs/**/*.ts'],
    ignores: ['utils/packs/store.ts', 'utils/packs/background.ts', 'utils/packs/url-fetch.ts', 'utils/packs/cli/**'],
    rules: restrict(UP.packs, UP.services, UP.ui),
  },
  { name: 'storage', files: ['utils/storage/**/*.ts'], rules: restrict(UP.storage, UP.services, UP.ui) },
  { name: 'crm', files: ['utils/crm/**/*.ts'], rules: restrict(UP.crm, UP.noStorage, UP.services, UP.ui) },
  { name: 'coach', files: ['utils/coach/**/*.ts'], rules: restrict(UP.coach, UP.noStorage, UP.services, UP.ui) },
  { name: 'usage', files: ['utils/usage/**/*.ts'], ignores: ['utils/usage/background.ts', 'utils/usage/service.ts'], rules: restrict(UP.usage, UP.services, UP.ui) },
  { name: 'author', files: ['utils/author/**/*.ts'], ignores: ['utils/author/background.ts'], rules: restrict(UP.author, UP.noStorage, UP.services, UP.ui) },
  { name: 'services', files: ['utils/*.ts', 'utils/author/background.ts', 'utils/packs/store.ts', 'utils/packs/background.ts', 'utils/packs/url-fetch.ts', 'utils/usage/background.ts', 'utils/usage/service.ts', 'utils/packs/cli/**/*.ts'], ignores: BASE, rules: restrict(UP.ui) },
  { name: 'overlay', files: ['components/overlay/**/*.{ts,tsx}'], rules: restrict(UP.entrypoints, UP.otherUi('overlay'), UP.noStorage, UP.services) },
  { name: 'popup', files: ['components/popup/**/*.{ts,tsx}'], rules: restrict(UP.entrypoints, UP.otherUi('popup')) },
  { name: 'options', files: ['components/options/**/*.{ts,tsx}'], rules: restrict(UP.entrypoints, UP.otherUi('options')) },
  { name: 'author-ui', files: ['components/author/**/*.{ts,tsx}'], rules: restrict(UP.entrypoints, UP.otherUi('author'), UP.noStorage, UP.services) },
  { name: 'content', files: ['entrypoints/content/**/*.{ts,tsx}', 'entrypoints/*.content.ts', 'entrypoints/*.content/**/*.{ts,tsx}'], rules: restrict(UP.noStorage) },
];

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'bench/.tmp/**', 'tests/e2e/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Pack text must never reach innerHTML.' },
        { property: 'outerHTML', message: 'Pack text must never reach outerHTML.' },
        { property: 'insertAdjacentHTML', message: 'Pack text must never reach HTML sinks.' },
      ],
    },
  },
  ...LAYERS.map(({ name, files, ignores, rules }) => ({ name: `layer/${name}`, files, ...(ignores ? { ignores } : {}), rules })),
  {
    files: ['**/*.mjs', '**/*.js', 'bin/**', 'scripts/**', 'tests/e2e/**', 'bench/**'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', fetch: 'readonly', performance: 'readonly', document: 'readonly', window: 'readonly', location: 'readonly', chrome: 'readonly', globalThis: 'readonly', TextEncoder: 'readonly', indexedDB: 'readonly', navigator: 'readonly', matchMedia: 'readonly', getComputedStyle: 'readonly', HTMLElement: 'readonly', Element: 'readonly', Event: 'readonly', CSSStyleSheet: 'readonly', requestAnimationFrame: 'readonly', history: 'readonly', crypto: 'readonly' },
    },
  },
);
