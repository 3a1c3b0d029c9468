import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

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
  {
    files: ['**/*.mjs', '**/*.js', 'bin/**', 'scripts/**', 'tests/e2e/**', 'bench/**'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', fetch: 'readonly', performance: 'readonly', document: 'readonly', window: 'readonly', location: 'readonly', chrome: 'readonly', globalThis: 'readonly', TextEncoder: 'readonly', indexedDB: 'readonly', navigator: 'readonly', matchMedia: 'readonly', getComputedStyle: 'readonly', HTMLElement: 'readonly', Element: 'readonly', Event: 'readonly', requestAnimationFrame: 'readonly', history: 'readonly', crypto: 'readonly' },
    },
  },
);
