export const TASK_EVENT_NAMES: string[];
export const LONG_TASK_MS: number;
export interface WindowTraceEvent { name: string; ph: string; pid?: number; tid?: number; ts?: number; dur?: number; tdur?: number; args?: { data?: { url?: string } } }
export interface MarkWindow { label: string; pid?: number; tid?: number; start: number; end: number }
export function markWindows(events: WindowTraceEvent[], prefix: string): MarkWindow[];
export function mergeIntervals(intervals: [number, number][]): [number, number][];
export function taskTimeInWindows(events: WindowTraceEvent[], windows: MarkWindow[], options?: { extensionPrefix?: string | null }): {
  label: string; windowMs: number; taskMs: number; cpuMs: number; longTasks: number; maxTaskMs: number; extensionMs: number;
}[];
