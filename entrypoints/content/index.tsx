import ReactDOM from 'react-dom/client';
import { CRM_CONTENT_MATCHES } from '@/utils/crm/matches';
import { App } from './App';

export default defineContentScript({
  matches: CRM_CONTENT_MATCHES,
  cssInjectionMode: 'ui',
  async main(ctx) {
    try {
      const ui = await createShadowRootUi(ctx, {
        name: 'crm-coach-overlay',
        position: 'overlay',
        anchor: 'body',
        onMount(container) {
          const root = ReactDOM.createRoot(container);
          root.render(<App ctx={ctx} />);
          return root;
        },
        onRemove(root) {
          root?.unmount();
        },
      });
      ui.mount();
    } catch (err) {
      console.warn('[CRM Coach] overlay failed to start', err);
    }
  },
});
