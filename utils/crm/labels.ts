/**
 * Field labels as a person would name them: the punctuation pages put around a label removed
 * before labels are matched against pack field names (docs/adapters.md "Labels").
 * "Expected Close Date:" -> "Expected Close Date"; "Opportunity Name: *" -> "Opportunity Name"
 * (required); "Opportunity Amount: (USD $):" -> "Opportunity Amount" (SuiteCRM's currency suffix,
 * so the label is the same on the detail view and on the edit view, where it reads
 * "Opportunity Amount:"). A parenthesis that is part of the label stays: "Probability (%)".
 */
import { clean, stripRequiredMark } from './dom';

export interface NormalisedLabel {
  label: string;
  /** True when the text carried a required asterisk. */
  marked: boolean;
}

/** "Label: (suffix)" where the suffix follows the label's own colon (a unit or currency). */
const SUFFIX_AFTER_COLON = /^(.+?)\s*:\s*\([^()]*\)$/;
const TRAILING_COLON = /\s*[:：]$/;

export function normaliseLabel(text: string): NormalisedLabel {
  let label = clean(text);
  let marked = false;
  for (let i = 0; i < 3; i++) {
    const before = label;
    const stripped = stripRequiredMark(label);
    marked ||= stripped.marked;
    label = stripped.label.replace(TRAILING_COLON, '');
    label = label.replace(SUFFIX_AFTER_COLON, '$1');
    if (label === before) break;
  }
  return { label: clean(label), marked };
}
