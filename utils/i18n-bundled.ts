/** Installs both UI catalogs whole: for extension pages (popup, options) and tests. */
import en from '../public/_locales/en/messages.json';
import zhCN from '../public/_locales/zh_CN/messages.json';
import { catalogFrom, registerCatalog, type Catalog, type UiLanguage } from './i18n';

registerCatalog('en', catalogFrom(en));
registerCatalog('zh-CN', catalogFrom(zhCN));

/** The overlay's strings in both languages, sent to the content script with its coach state. */
export function coachStrings(): Record<UiLanguage, Catalog> {
  return { en: catalogFrom(en, 'coach_'), 'zh-CN': catalogFrom(zhCN, 'coach_') };
}
