export interface TraceEvent { name: string; ph: string; ts?: number; dur?: number; args?: { data?: { type?: string; url?: string; functionName?: string; lineNumber?: number; columnNumber?: number } } }
export function traceFor(cdp: unknown, ms: number): Promise<TraceEvent[]>;
export function summarizeTrace(events: TraceEvent[], urlPrefix: string): {
  extensionCalls: number; extensionMs: number; pageCalls: number; pageMs: number; paints: number; frames: number; timers: number; eventDispatches: Record<string, number>;
  topExtensionFunctions: { frame: string; calls: number }[]; extensionCallTimes: number[]; lastExtensionCallMs: number | null;
};
export function startTrace(cdp: unknown, categories?: string[]): Promise<() => Promise<TraceEvent[]>>;
