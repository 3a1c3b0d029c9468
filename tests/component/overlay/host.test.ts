import { afterEach, describe, expect, it, vi } from 'vitest';
import { mountOverlayHost } from '@/components/overlay/host';

afterEach(() => {
  document.body.replaceChildren();
});

describe('mountOverlayHost', () => {
  it('adds one zero-size <crm-coach-overlay> at the end of <body> with the CSS in an open shadow root', () => {
    document.body.append(document.createElement('main'));
    const overlay = mountOverlayHost(document, '.cc-root{color:red}');
    expect(document.body.lastElementChild).toBe(overlay.host);
    expect(overlay.host.localName).toBe('crm-coach-overlay');
    expect(overlay.host.shadowRoot).toBe(overlay.shadow);
    expect(overlay.host.style.width).toBe('0px');
    expect(overlay.host.style.zIndex).toBe('2147483647');
    const style = overlay.shadow.querySelector('style')!;
    expect(style.textContent).toContain(':host{all:initial !important}');
    expect(style.textContent).toContain('.cc-root{color:red}');
    expect(overlay.container.parentNode).toBe(overlay.shadow);
  });

  it('keeps keys typed in the overlay from the page, and lets other events through', () => {
    const overlay = mountOverlayHost(document, '');
    const input = document.createElement('input');
    overlay.container.append(input);
    const pageKeys = vi.fn();
    const pageClicks = vi.fn();
    document.addEventListener('keydown', pageKeys);
    document.addEventListener('click', pageClicks);
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', bubbles: true, composed: true }));
    input.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    document.removeEventListener('keydown', pageKeys);
    document.removeEventListener('click', pageClicks);
    expect(pageKeys).not.toHaveBeenCalled();
    expect(pageClicks).toHaveBeenCalledTimes(1);
  });

  it('remove() takes the host out of the page', () => {
    const overlay = mountOverlayHost(document, '');
    overlay.remove();
    expect(document.querySelector('crm-coach-overlay')).toBeNull();
  });
});
