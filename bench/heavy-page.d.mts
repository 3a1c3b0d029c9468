export const HEAVY_HOST: string;
export const HEAVY_RECORD_ID: string;
export const HEAVY_PATH: string;
export const HEAVY_URL: string;
export const HEAVY_TICK_MS: number;
export function windowTicks(windowMs: number): number;
export function warmupTicks(windowMs: number): number;
export interface BenchField { api: string; label: string; value: string; required: boolean }
export const KEY_FIELDS: { api: string; label: string; value: string; required?: boolean }[];
export function fieldDefs(count: number): BenchField[];
export function pageOptions(options?: { fields?: number; sectionSize?: number; seed?: number }): Record<string, unknown>;
export function heavyPageHtml(options?: { fields?: number; sectionSize?: number; seed?: number }): string;
export function serveHeavyPage(server: { extra: Map<string, unknown> }, options?: { fields?: number; sectionSize?: number; seed?: number }, path?: string): string;
