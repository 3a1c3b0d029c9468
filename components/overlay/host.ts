/**
 * The overlay's place in the page: a <crm-coach-overlay> element at the end of <body> with an
 * open shadow root holding the overlay's stylesheet and the container React renders into. The
 * host takes no room (0×0, positioned) and sits above everything; `all: initial` keeps the
 * page's inherited styles out. Keys typed in the overlay (search, quiz) stop at the shadow root
 * so the CRM's keyboard shortcuts never see them. The same shape as WXT's createShadowRootUi
 * with position "overlay", written out because its loader code (CSS fetching, anchors, auto
 * mount) cost the content script 5 KB gzip of its 100 KB budget.
 */
import { OVERLAY_TAG } from '@/utils/crm/dom';

export interface OverlayHost {
  host: HTMLElement;
  shadow: ShadowRoot;
  /** Where the UI renders. */
  container: HTMLElement;
  /** Takes the host out of the page. */
  remove(): void;
}

const ISOLATED_KEYS = ['keydown', 'keyup', 'keypress'] as const;

export function mountOverlayHost(doc: Document, css: string): OverlayHost {
  const host = doc.createElement(OVERLAY_TAG);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = `:host{all:initial !important}\n${css}`;
  const container = doc.createElement('div');
  container.style.cssText = 'position:absolute;top:0;left:0';
  shadow.append(style, container);
  for (const type of ISOLATED_KEYS) shadow.addEventListener(type, (ev) => ev.stopPropagation());
  host.style.cssText = 'display:block;position:relative;width:0;height:0;overflow:visible;z-index:2147483647';
  (doc.body ?? doc.documentElement).append(host);
  return { host, shadow, container, remove: () => host.remove() };
}
