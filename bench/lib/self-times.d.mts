export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
}
export interface SelfTimes {
  self: Map<string, number>;
  taskMs: number;
  cpuMs: number;
  frames: number;
  paints: number;
}
export function mainThread(events: TraceEvent[]): { list: TraceEvent[]; taskUs: number };
export function selfTimes(events: TraceEvent[]): SelfTimes;
export function addSelfTimes(into: Partial<SelfTimes> & { self: Map<string, number> }, t: SelfTimes): SelfTimes;
export function printSelfDiff(without: SelfTimes, withExt: SelfTimes, top?: number): void;
