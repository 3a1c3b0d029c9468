/** Pack problems (data from the background) in the user's language, with their JSON paths as written. */
import { t } from '@/utils/i18n';
import { asPackMessage, renderMessage, type PackFailure, type PackMessage } from '@/utils/packs/messages';
import type { InstalledPack } from '@/utils/packs/types';

export function problemText(problem: PackMessage): string {
  return renderMessage(problem, (key) => t(key));
}

/** The lines of a refused install: each problem in the user's language (English text if none came). */
export function failureTexts(failure: PackFailure): string[] {
  const problems = Array.isArray(failure.problems) ? failure.problems.map(asPackMessage) : [];
  if (problems.length === 0 || problems.some((p) => p === null)) return failure.errors;
  return (problems as PackMessage[]).map(problemText);
}

/** Why a pack's last refresh failed, in the user's language; packs stored before problems had data keep their English text. */
export function refreshErrorText(installed: Pick<InstalledPack, 'lastError' | 'lastProblem'>): string | undefined {
  const problem = asPackMessage(installed.lastProblem);
  return problem ? problemText(problem) : installed.lastError;
}
