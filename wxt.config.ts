import { createRequire } from 'node:module';
import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';

import { CRM_CONTENT_MATCHES } from './utils/crm/matches';
import { CRM_HOST_MATCHES } from './utils/crm/registry';


// Fixed public key: the extension id is hleadkajkmgjljmaomoklmpoighnceim everywhere
// (tests, enterprise policy files, unpacked installs).
const MANIFEST_KEY = 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAw2eveMahaJjsjOPzir73Cc7ZaVSGxis8v+vFoGeLKEYn5mc5aEPB8z4MOWtqnNlQjSo6X/ueiAK2hk7j1a8s0uWqD6Al+8BrV2cl3vkJ2215gpujl6XDCx8qdTHpjn8uD+5IFex3QFlnv1pfjZD0z1w7fLmYz5vxti+eamJRzWqbDpyGLAE1mj60lEJCVLPILpaR08Hnu7XIRtuvfR8AcrEhPM7sMbHrcCbOfzD8gr9XRBz22HBFdhyReOwG0601O2ln7yYvAymifB57HSlHQ6DjAPQ1SuhNh/1wbqVdXU4CeP1Tqj9CWCzMNVecB22ENuYe0QuTyF1OjraHQ7/dvwIDAQAB';

const OPTIONAL_HOSTS = ['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*'];

/**
 * The content script runs on every CRM page and has a 100 KB gzip budget (docs/architecture.md), its
 * overlay script (loaded on demand) calls no extension API at all, and popup-request.js runs
 * before the popup's HTML is even parsed: these use WXT's plain `browser`
 * (Firefox's own `browser`, Chrome's promise-returning MV3 `chrome`) for their few calls instead
 * of webextension-polyfill (2.7 KB gzip); every other entrypoint keeps the polyfill that
 * @wxt-dev/webextension-polyfill aliases `wxt/browser` to.
 */
function lightEntriesWithoutPolyfill(): Plugin {
  const plainBrowser = createRequire(import.meta.url).resolve('wxt/browser');
  let light = false;
  return {
    name: 'crm-coach-light-entries-without-polyfill',
    enforce: 'pre',
    buildStart(options) {
      const input = options.input;
      const entries = typeof input === 'string' ? [input] : Array.isArray(input) ? input : Object.values(input ?? {});
      light = entries.some((entry) => /[\\/]entrypoints[\\/](content[\\/]index\.ts|overlay\.content[\\/]index\.tsx|popup-request\.ts)$/.test(entry));
    },
    resolveId(source) {
      return light && source === '@wxt-dev/webextension-polyfill/browser' ? plainBrowser : null;
    },
  };
}

export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    ...(browser === 'firefox' ? {} : { key: MANIFEST_KEY }),
    permissions: ['storage', 'alarms', 'unlimitedStorage', 'scripting', 'activeTab'],
    host_permissions: CRM_CONTENT_MATCHES,
    // Hosts a pack's `sites` may ask for. MV2 (the Firefox build) has no optional_host_permissions:
    // there they are optional_permissions, or permissions.request refuses them.
    ...(browser === 'firefox'
      ? { optional_permissions: OPTIONAL_HOSTS as unknown as chrome.runtime.ManifestPermission[] }
      : { optional_host_permissions: OPTIONAL_HOSTS }),
    storage: { managed_schema: 'managed-schema.json' },
    action: { default_title: 'CRM Coach' },
    ...(browser === 'firefox'
      ? {
          // Late shadow roots (entrypoints/shadow-roots-firefox.ts): MV2 runs no main-world script.
          content_scripts: [{ matches: CRM_HOST_MATCHES, js: ['shadow-roots-firefox.js'], run_at: 'document_start' }],
          browser_specific_settings: {
            // Nothing leaves the machine: Firefox's data collection declaration says so.
            gecko: { id: 'crm-coach@crm-coach.dev', data_collection_permissions: { required: ['none'] } },
          },
        }
      : {}),
  }),
  // CRM_COACH_SOURCEMAP=1 writes source maps so the bundle's composition can be measured.
  vite: () => ({ build: { sourcemap: process.env.CRM_COACH_SOURCEMAP === '1' }, plugins: [lightEntriesWithoutPolyfill()] }),
  zip: { excludeSources: ['.output/**', 'node_modules/**', 'tests/**', 'bench/**'] },
});
