/**
 * The overlay's React UI (docs/architecture.md, "Budgets"). Not in the manifest's content
 * scripts: the background injects it with scripting.executeScript into the frame whose coach
 * asked (the stage had something to draw, or the user opened the launcher), in the same isolated
 * world as the coach, so it is never a web-accessible resource and the CRM pages where nothing
 * shows never load React. It renders on the stage the content script published on the bridge.
 */
import ReactDOM from 'react-dom/client';
// Inlined into the shadow root: no web-accessible resource for pages to probe.
import overlayCss from '@/components/overlay/overlay.css?inline';
import { overlayBridge } from '@/components/overlay/bridge';
import { CRM_CONTENT_MATCHES } from '@/utils/crm/matches';
import { App } from './App';
import { COACH_SCRIPT_OPTIONS } from '@/utils/content-script-options';

export default defineContentScript({
  matches: CRM_CONTENT_MATCHES,
  registration: 'runtime',
  ...COACH_SCRIPT_OPTIONS,
  main() {
    // Injected once per ask: a second copy, or one arriving after the coach was replaced by a
    // navigation, finds the overlay already mounted or no bridge, and does nothing.
    const bridge = overlayBridge();
    if (!bridge || bridge.unmount) return;
    if (import.meta.env.MODE === 'bench') performance.mark('crm-coach:overlay-running');
    const style = bridge.doc.createElement('style');
    style.textContent = overlayCss;
    bridge.shadow.append(style);
    const root = ReactDOM.createRoot(bridge.stage.before);
    root.render(<App coach={bridge.coach} stage={bridge.stage} />);
    bridge.unmount = () => {
      root.unmount();
      style.remove();
    };
  },
});
