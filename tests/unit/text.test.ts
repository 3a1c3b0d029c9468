import { describe, expect, it } from 'vitest';
import { localize } from '@/utils/packs/text';

describe('localize (localized text fallback, docs/pack-format.md "Localized text")', () => {
  const text = { en: 'Hello', 'zh-CN': '你好', fr: 'Bonjour' };
  it('picks the exact tag', () => expect(localize(text, 'zh-CN')).toBe('你好'));
  it('falls back to the base language', () => expect(localize({ en: 'Hi', zh: '嗨' }, 'zh-TW')).toBe('嗨'));
  it('falls back to a sibling of the base language', () => expect(localize(text, 'zh-TW')).toBe('你好'));
  it('falls back to en', () => expect(localize(text, 'de')).toBe('Hello'));
  it('falls back to the first entry', () => expect(localize({ fr: 'Bonjour', de: 'Hallo' }, 'ja')).toBe('Bonjour'));
  it('returns plain strings as they are', () => expect(localize('Plain', 'zh-CN')).toBe('Plain'));
});
