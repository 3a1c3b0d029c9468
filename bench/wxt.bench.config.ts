/**
 * Build config of the benchmark: the project's own wxt.config.ts, built with `--mode bench` so
 * the content script's bench-only marks (import.meta.env.MODE === 'bench') are compiled in, and
 * with React in its production build. WXT defines process.env.NODE_ENV as the mode for content
 * scripts, which would otherwise ship React's development build in bench mode and make every
 * figure meaningless. Output: .output/chrome-mv3-bench. Used by bench/run.mjs only.
 */
import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';
import base from '../wxt.config';

const productionReact: Plugin = {
  name: 'crm-coach-bench-production-react',
  config(config) {
    config.define = { ...config.define, 'process.env.NODE_ENV': JSON.stringify('production') };
  },
};

export default defineConfig({
  ...base,
  vite: async (env) => {
    const inner = typeof base.vite === 'function' ? await base.vite(env) : {};
    // BENCH_UNMINIFIED=1: readable function names for the profiling tools (bench/tools/).
    const unminified = process.env.BENCH_UNMINIFIED === '1' ? { build: { ...inner.build, minify: false } } : {};
    return { ...inner, ...unminified, plugins: [...(inner.plugins ?? []), productionReact] };
  },
});
