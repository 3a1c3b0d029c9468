/**
 * Host permissions for packs with `sites` (optional_host_permissions). request() must run in the
 * click that asks for it; it may never settle under automation, so callers never wait on it to
 * update the UI: permissions.onAdded tells us when access arrives.
 */
import { browser } from 'wxt/browser';

export interface HostAccess {
  has(origins: string[]): Promise<boolean>;
  request(origins: string[]): Promise<boolean>;
  /** Calls back when permissions change; returns an unsubscribe. */
  onChange(callback: () => void): () => void;
}

export const browserHostAccess: HostAccess = {
  async has(origins) {
    try {
      return await browser.permissions.contains({ origins });
    } catch {
      return false;
    }
  },
  async request(origins) {
    try {
      return await browser.permissions.request({ origins });
    } catch (err) {
      console.warn('[crm-coach] options: host permission request failed', err);
      return false;
    }
  },
  onChange(callback) {
    try {
      browser.permissions.onAdded.addListener(callback);
      browser.permissions.onRemoved.addListener(callback);
      return () => {
        browser.permissions.onAdded.removeListener(callback);
        browser.permissions.onRemoved.removeListener(callback);
      };
    } catch {
      return () => undefined;
    }
  },
};
