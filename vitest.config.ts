import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/component/**/*.test.{ts,tsx}'],
    environment: 'happy-dom',
    setupFiles: ['tests/setup.ts'],
    restoreMocks: true,
    // Tests assert behaviour, never time: a loaded 2-core machine (CI, parallel work) must not fail
    // a test that spawns the CLI or runs axe only because it took longer than vitest's default 5 s.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
