/**
 * UI strings from the browser i18n files, with the user's language choice honoured
 * (browser.i18n only follows the browser UI language). Substitutions: $1, $2 ...
 */
import en from '../public/_locales/en/messages.json';
import zhCN from '../public/_locales/zh_CN/messages.json';

type Messages = Record<string, { message: string }>;
export type UiLanguage = 'en' | 'zh-CN';

const CATALOG: Record<UiLanguage, Messages> = { en, 'zh-CN': zhCN };

let current: UiLanguage = 'en';

/** Resolve 'auto' or a BCP 47 tag to one of the UI languages. */
export function resolveUiLanguage(choice: string | undefined, browserLang: string): UiLanguage {
  const tag = !choice || choice === 'auto' ? browserLang : choice;
  return tag.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function setUiLanguage(lang: UiLanguage): void {
  current = lang;
}

export function uiLanguage(): UiLanguage {
  return current;
}

export function t(key: string, ...subs: (string | number)[]): string {
  const entry = CATALOG[current][key] ?? CATALOG.en[key];
  if (!entry) return key;
  return subs.reduce<string>((text, sub, i) => text.split(`$${i + 1}`).join(String(sub)), entry.message);
}

export function browserUiLanguage(): string {
  try {
    return globalThis.chrome?.i18n?.getUILanguage?.() ?? globalThis.navigator?.language ?? 'en';
  } catch {
    return 'en';
  }
}
