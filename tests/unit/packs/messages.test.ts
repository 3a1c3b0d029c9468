import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '@/public/_locales/en/messages.json';
import zhCN from '@/public/_locales/zh_CN/messages.json';
import {
  asPackMessage,
  decodeMessage,
  encodeMessage,
  englishText,
  msg,
  renderMessage,
  type Lookup,
} from '@/utils/packs/messages';

type Messages = Record<string, { message: string } | undefined>;
const catalogs = { en: en as Messages, zh_CN: zhCN as Messages };

/** Every `pack_` key the pack code names (messages are built from literal keys). */
function keysInSource(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else if (entry.name.endsWith('.ts')) files.push(join(dir, entry.name));
    }
  };
  walk(resolve('utils/packs'));
  const keys = new Set<string>();
  for (const file of files) for (const m of readFileSync(file, 'utf8').matchAll(/'(pack_[a-z0-9_]+)'/g)) keys.add(m[1]);
  return [...keys].sort();
}

/** Keys that only arrange other text (a path, a URL, a list): the same in every language. */
const LAYOUT_ONLY = new Set(['pack_raw', 'pack_list', 'pack_at_path', 'pack_at_url']);

describe('pack problem messages', () => {
  const used = keysInSource();

  it('finds the keys the pack code uses', () => {
    expect(used.length).toBeGreaterThan(60);
    expect(used).toContain('pack_invalid_json_at');
    expect(used).toContain('pack_fetch_failed');
  });

  it.each(used)('%s has en and zh-CN text with the same placeholders, and the Chinese is not the English', (key) => {
    const enText = catalogs.en[key]?.message;
    const zhText = catalogs.zh_CN[key]?.message;
    expect(enText, `en ${key}`).toBeTypeOf('string');
    expect(zhText, `zh_CN ${key}`).toBeTypeOf('string');
    const placeholders = (s: string) => [...new Set(s.match(/\$\d/g) ?? [])].sort();
    expect(placeholders(zhText!)).toEqual(placeholders(enText!));
    if (!LAYOUT_ONLY.has(key)) {
      expect(zhText).not.toBe(enText);
      expect(zhText).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('renders nested messages and lists, substituting in one pass', () => {
    const lookup: Lookup = (key) => ({ a: 'A($1|$2)', b: 'B:$1', pack_list: '$1' })[key] ?? key;
    expect(renderMessage(msg('a', '$2 stays', 7), lookup)).toBe('A($2 stays|7)');
    expect(renderMessage(msg('a', msg('b', 'x'), [msg('b', 1), msg('b', 2)]), lookup)).toBe('A(B:x|B:1; B:2)');
  });

  it('words a problem in English from the en catalog, as before', () => {
    const problem = msg('pack_at_path', 'tips[3].target', msg('pack_expected_one_of', 'field, selector, page'));
    expect(englishText(problem)).toBe('tips[3].target: expected one of field, selector, page');
    const type = msg('pack_expected_type', msg('pack_type_int'), msg('pack_type_string'));
    expect(englishText(type)).toBe('expected a whole number, found a string');
  });

  it('carries a message through a zod string and back; other text stays as it is', () => {
    const problem = msg('pack_duplicate_id', 'next-step', 'tips[0]');
    expect(decodeMessage(encodeMessage(problem))).toEqual(problem);
    expect(decodeMessage('Invalid input')).toEqual(msg('pack_raw', 'Invalid input'));
  });

  it('accepts only message-shaped data from storage or a reply', () => {
    expect(asPackMessage({ key: 'pack_timed_out' })).toEqual({ key: 'pack_timed_out' });
    expect(asPackMessage({ key: 'pack_at_url', args: ['https://x', { key: 'pack_timed_out' }] })).not.toBeNull();
    expect(asPackMessage('HTTP 500')).toBeNull();
    expect(asPackMessage({ key: 'options_title' })).toBeNull();
    expect(asPackMessage({ key: 'pack_raw', args: [{}] })).toBeNull();
  });
});
