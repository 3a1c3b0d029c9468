export interface Budget { max?: number; min?: number; text?: string }
export type Status = 'pass' | 'over' | 'info' | 'n/a' | 'error';
export interface Row { section: string; figure: string; value: number | string | null; unit: string; display: string; budget: string; status: Status; note: string }
export function judge(value: number | null | undefined, budget: Budget | null): Status;
export function formatValue(value: unknown, unit?: string): string;
export function formatBytes(n: number): string;
export class Report {
  rows: Row[];
  details: Record<string, unknown>;
  errors: { section: string; message: string; stack?: string }[];
  figure(section: string, name: string, value: number | string | null, options?: { unit?: string; budget?: Budget | null; display?: string | null; note?: string }): Row;
  na(section: string, name: string, reason: string, options?: { budget?: Budget | null; unit?: string }): void;
  error(section: string, err: unknown): void;
  detail(section: string, data: Record<string, unknown>): void;
  table(): string;
}
