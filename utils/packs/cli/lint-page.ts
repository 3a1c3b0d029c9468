/** Placeholder until the CRM adapters land (utils/crm/index.ts). */
import type { Pack } from '../types';

export interface LintReport {
  info: string[];
  problems: string[];
  fatal: boolean;
}

export async function lintPackOnPage(_pack: Pack, _html: string, _url?: string): Promise<LintReport> {
  return { info: [], problems: ['lint is not available yet'], fatal: true };
}
