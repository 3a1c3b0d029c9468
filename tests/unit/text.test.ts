import { describe, expect, it } from 'vitest';
import { textOf } from '@/utils/packs/text';

describe('textOf (localized text fallback of PACK_FORMAT.md)', () => {
  const text = { en: 'Hello', 'zh-CN': '你好', fr: 'Bonjour' };
  it('picks the exact tag', () => expect(textOf(text, 'zh-CN')).toBe('你好'));
  it('falls back to the base language', () => expect(textOf({ en: 'Hi', zh: '嗨' }, 'zh-TW')).toBe('嗨'));
  it('falls back to a sibling of the base language', () => expect(textOf(text, 'zh-TW')).toBe('你好'));
  it('falls back to en', () => expect(textOf(text, 'de')).toBe('Hello'));
  it('falls back to the first entry', () => expect(textOf({ fr: 'Bonjour', de: 'Hallo' }, 'ja')).toBe('Bonjour'));
  it('returns plain strings as they are', () => expect(textOf('Plain', 'zh-CN')).toBe('Plain'));
});
