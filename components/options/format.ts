/** Small formatting helpers for the options page. Pure. */
import { t } from '@/utils/i18n';
import { ITEM_LISTS } from '@/utils/packs/limits';
import type { Pack } from '@/utils/packs/types';

export function itemCounts(pack: Pack): string {
  const parts: string[] = [];
  // English needs a singular ("1 tip"); Chinese uses the same text for both.
  const add = (n: number | undefined, key: string) => {
    if (n) parts.push(t(n === 1 ? `${key}_one` : key, n));
  };
  // One message per list: options_count_<list> and options_count_<list>_one.
  for (const list of [...ITEM_LISTS, 'sites'] as const) add(pack[list]?.length, `options_count_${list}`);
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
