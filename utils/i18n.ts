/**
 * UI strings with the user's language choice honoured (browser.i18n only follows the browser UI
 * language). The catalogs are the browser i18n files (public/_locales); pages install them whole
 * with utils/i18n-bundled.ts, while the content script receives only its own `coach_` strings from
 * the background (see coachStrings), which keeps both catalogs out of its bundle.
 * Substitutions: $1, $2 ...
 */
export type UiLanguage = 'en' | 'zh-CN';
/** key -> text */
export type Catalog = Record<string, string>;
/** The shape of a messages.json file. */
export type MessagesFile = Record<string, { message: string }>;

/**
 * The registered catalogs and the chosen language. Kept on the realm's global under a registry
 * symbol rather than in this module: the coach's every-page content script and its on-demand
 * overlay script are two bundles, each with its own copy of this module, running in the same
 * isolated world (docs/architecture.md, "Budgets"); the strings the content script registers are
 * the ones the overlay draws with. Pages cannot reach an isolated world's globals.
 */
interface I18nState {
  catalogs: Partial<Record<UiLanguage, Catalog>>;
  current: UiLanguage;
}
const shared = globalThis as { [key: symbol]: I18nState | undefined };
const STATE = Symbol.for('crm-coach.i18n');
const state: I18nState = (shared[STATE] ??= { catalogs: {}, current: 'en' });

/** Resolve 'auto' or a BCP 47 tag to one of the UI languages. */
export function resolveUiLanguage(choice: string | undefined, browserLang: string): UiLanguage {
  const tag = !choice || choice === 'auto' ? browserLang : choice;
  return tag.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function registerCatalog(lang: UiLanguage, catalog: Catalog): void {
  state.catalogs[lang] = { ...state.catalogs[lang], ...catalog };
}

/** The strings of a messages.json file whose keys start with `prefix` (all when empty). */
export function catalogFrom(messages: MessagesFile, prefix = ''): Catalog {
  const out: Catalog = {};
  for (const [key, entry] of Object.entries(messages)) {
    if (key.startsWith(prefix)) out[key] = entry.message;
  }
  return out;
}

export function setUiLanguage(lang: UiLanguage): void {
  state.current = lang;
}

export function uiLanguage(): UiLanguage {
  return state.current;
}

export function t(key: string, ...subs: (string | number)[]): string {
  const text = state.catalogs[state.current]?.[key] ?? state.catalogs.en?.[key];
  if (text === undefined) return key;
  return subs.reduce<string>((out, sub, i) => out.split(`$${i + 1}`).join(String(sub)), text);
}

export function browserUiLanguage(): string {
  try {
    return globalThis.chrome?.i18n?.getUILanguage?.() ?? globalThis.navigator?.language ?? 'en';
  } catch {
    return 'en';
  }
}
