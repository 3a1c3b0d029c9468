/**
 * Author mode's script (docs/authoring.md). Not in the manifest's content scripts: the background
 * injects it with scripting.executeScript into the tab whose coach asked (a trainer clicked
 * "Author a tip"), in the same isolated world as the coach, so it is never a web-accessible
 * resource and costs the coach's content script nothing on the CRM pages where no one authors.
 */
import ReactDOM from 'react-dom/client';
import en from '../../public/_locales/en/messages.json';
import zhCN from '../../public/_locales/zh_CN/messages.json';
import { catalogFrom, registerCatalog, resolveUiLanguage, setUiLanguage } from '@/utils/i18n';
import { authorBridge } from '@/utils/author/bridge';
import { CRM_CONTENT_MATCHES } from '@/utils/crm/matches';
import { AuthorMode } from '@/components/author/AuthorMode';
import authorCss from '@/components/author/author.css?inline';
import { COACH_SCRIPT_OPTIONS } from '@/utils/content-script-options';

export default defineContentScript({
  matches: CRM_CONTENT_MATCHES,
  registration: 'runtime',
  ...COACH_SCRIPT_OPTIONS,
  main() {
    const host = authorBridge();
    if (!host || host.open) return;
    registerCatalog('en', catalogFrom(en, 'author_'));
    registerCatalog('zh-CN', catalogFrom(zhCN, 'author_'));

    const style = host.doc.createElement('style');
    style.textContent = authorCss;
    const container = host.doc.createElement('div');
    container.setAttribute('data-coach-author-root', '');
    host.shadow.append(style, container);
    let root: ReactDOM.Root | null = null;

    const close = () => {
      const r = root;
      root = null;
      // Called from the author mode's own event handlers: unmount after they return.
      if (r) queueMicrotask(() => r.unmount());
    };
    host.open = () => {
      setUiLanguage(resolveUiLanguage(host.view()?.lang, 'en'));
      close();
      root = ReactDOM.createRoot(container);
      root.render(<AuthorMode host={host} onExit={close} />);
    };
    host.open();
  },
});
