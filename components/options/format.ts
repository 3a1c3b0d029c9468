/** Small formatting helpers for the options page. Pure. */
import { t } from '@/utils/i18n';
import type { Pack } from '@/utils/packs/types';

export function itemCounts(pack: Pack): string {
  const parts: string[] = [];
  // English needs a singular ("1 tip"); Chinese uses the same text for both.
  const add = (n: number | undefined, key: string) => {
    if (n) parts.push(t(n === 1 ? `${key}_one` : key, n));
  };
  add(pack.tips?.length, 'options_count_tips');
  add(pack.nudges?.length, 'options_count_nudges');
  add(pack.snippets?.length, 'options_count_snippets');
  add(pack.tours?.length, 'options_count_tours');
  add(pack.milestones?.length, 'options_count_milestones');
  add(pack.sites?.length, 'options_count_sites');
  return parts.length > 0 ? parts.join(' · ') : t('options_count_none');
}

export function formatWhen(at: number | undefined, lang: string): string {
  if (!at) return '—';
  try {
    return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
  } catch {
    return new Date(at).toISOString();
  }
}

/** Today's date as YYYY-MM-DD in local time (for file names and the date input's max). */
export function localIsoDate(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Hosts of origin patterns, for people: https://crm.acme.example/* -> crm.acme.example. */
export function hostsOf(origins: readonly string[]): string {
  return origins.map((o) => o.replace(/^[^:]+:\/\//, '').replace(/\/.*$/, '')).join(', ');
}
