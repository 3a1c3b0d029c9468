/**
 * Match patterns at validation: the problems of utils/patterns/match-pattern.ts (the one parser
 * and matcher) worded as pack messages.
 */
import { englishText, msg, type PackMessage } from './messages';
import { parseMatchPattern, type PatternProblem } from '../patterns/match-pattern';

export { originOfPattern } from '../patterns/match-pattern';

function problemMessage(p: PatternProblem): PackMessage {
  switch (p.code) {
    case 'shape':
      return msg('pack_pattern_shape');
    case 'scheme':
      return msg('pack_pattern_scheme', p.scheme);
    case 'no_path':
      return msg('pack_pattern_no_path');
    case 'file_host':
      return msg('pack_pattern_file_host');
    case 'no_host':
      return msg('pack_pattern_no_host');
    case 'star':
      return msg('pack_pattern_star');
    case 'host':
      return msg('pack_pattern_host', p.host);
  }
}

/** Why a pattern is invalid, as data, or null when it is a valid match pattern. */
export function matchPatternMessage(pattern: string): PackMessage | null {
  const parsed = parseMatchPattern(pattern);
  return parsed.ok ? null : problemMessage(parsed.problem);
}

/** Why a pattern is invalid, in English, or null when it is a valid match pattern. */
export function matchPatternProblem(pattern: string): string | null {
  const problem = matchPatternMessage(pattern);
  return problem ? englishText(problem) : null;
}

export function isMatchPattern(pattern: string): boolean {
  return parseMatchPattern(pattern).ok;
}
