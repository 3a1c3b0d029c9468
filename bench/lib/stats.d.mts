export function percentile(values: number[], p: number): number | null;
export function median(values: number[]): number | null;
export function sum(values: number[]): number;
export function standardError(values: number[]): number | null;
export function shareOut(total: number, parts: number): number[];
export function max(values: number[]): number | null;
export function summarize(values: number[]): { count: number; median: number | null; p95: number | null; p99: number | null; max: number | null };
export function round(v: number | null | undefined): number | null;
