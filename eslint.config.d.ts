/** Types of eslint.config.js for tests/unit/rules/layers.test.ts. */
export declare const LAYERS: { name: string; files: string[]; ignores?: string[]; rules: Record<string, unknown> }[];
declare const config: unknown[];
export default config;
