import '@/utils/i18n-bundled';
import 'fake-indexeddb/auto';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach } from 'vitest';
import { forgetPolicy } from '@/utils/settings-store';

beforeEach(() => {
  fakeBrowser.reset();
  // A fresh worker: nothing known of the enterprise policy.
  forgetPolicy();
});
