export interface NavTimes { expectTip: boolean; navStart: number; contentAt: number | null; tipAt: number | null }
export interface TipTiming { shown: boolean; contentToTip: number | null; navToTip: number | null; modelReadyToTip: number | null; coachWorkMs: number | null }
export function tipTiming(nav: NavTimes, modelReadyMarks?: number[], batches?: { start: number; duration: number }[]): TipTiming | null;
export interface WindowCost { taskMs: number; cpuMs: number; longTasks: number; extensionMs: number }
export interface RealAppRound { variant: 'with' | 'without'; detail: WindowCost; navs: (WindowCost & { tip?: TipTiming | null })[] }
export function summarizeRealApp(rounds: RealAppRound[]): {
  rounds: { with: number; without: number };
  detail: { withMs: number | null; withoutMs: number | null; ratio: number | null; cpuWithMs: number | null; cpuWithoutMs: number | null; cpuRatio: number | null; extensionMs: number | null };
  navigations: {
    count: number; withMs: number | null; withoutMs: number | null; ratio: number | null; cpuWithMs: number | null; cpuWithoutMs: number | null; cpuRatio: number | null; perNavWithMs: number | null; perNavWithoutMs: number | null;
    extensionMsPerNav: number | null; longTasksWith: number; longTasksWithout: number;
  };
  tip: { expected: number; missing: number; contentToTip: number[]; navToTip: number[]; modelReadyToTip: number[]; coachWorkMs: number[] };
};
