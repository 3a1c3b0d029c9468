import type { LocalizedText } from './types';

/**
 * Picks the text for a language: the exact tag, then its base language (zh for zh-TW),
 * then en, then the first entry.
 */
export function localize(text: LocalizedText | undefined, lang: string): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  const lower = Object.fromEntries(Object.entries(text).map(([k, v]) => [k.toLowerCase(), v]));
  const tag = lang.toLowerCase();
  const base = tag.split('-')[0];
  return (
    lower[tag] ??
    lower[base] ??
    Object.entries(lower).find(([k]) => k.split('-')[0] === base)?.[1] ??
    lower.en ??
    Object.values(text)[0] ??
    ''
  );
}
