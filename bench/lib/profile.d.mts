export interface CpuProfileNode { id: number; callFrame: { url: string; functionName: string; lineNumber: number; columnNumber: number }; children?: number[] }
export interface CpuProfile { nodes: CpuProfileNode[]; samples?: number[]; timeDeltas?: number[]; startTime?: number; endTime?: number }
export function attributeProfile(profile: CpuProfile, urlPrefix: string): {
  sampledMs: number; busyMs: number; attributedMs: number; attributedSamples: number; longestRunMs: number; topFunctions: { frame: string; ms: number }[];
};
/** Prints the extension's CPU, self and inclusive time per function, per unit of `per` (bench tools). */
export function printHot(profile: unknown, prefix: string, per: number): void;
