#!/usr/bin/env node
// Merge UI strings into both browser i18n files in one quick read-modify-write.
// Usage: node scripts/i18n-add.mjs strings.json
//   strings.json: { "key": { "en": "English text", "zh_CN": "中文" }, ... }
// Keys: lower_snake_case with an area prefix (coach_, popup_, options_).
import { readFileSync, writeFileSync } from 'node:fs';

const input = JSON.parse(readFileSync(process.argv[2], 'utf8'));
for (const lang of ['en', 'zh_CN']) {
  const file = new URL(`../public/_locales/${lang}/messages.json`, import.meta.url);
  const messages = JSON.parse(readFileSync(file, 'utf8'));
  for (const [key, texts] of Object.entries(input)) {
    const text = texts[lang] ?? texts.en;
    if (typeof text !== 'string') throw new Error(`${key}: missing ${lang} text`);
    messages[key] = { message: text };
  }
  const sorted = Object.fromEntries(Object.entries(messages).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(file, JSON.stringify(sorted, null, 2) + '\n');
}
console.log(`merged ${Object.keys(input).length} strings`);
