import '@/utils/i18n-bundled';
import 'fake-indexeddb/auto';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach } from 'vitest';
import { forgetPolicy } from '@/utils/settings-store';
import { installFakeSender, sendAs } from './fake-sender';

installFakeSender();

beforeEach(() => {
  fakeBrowser.reset();
  sendAs(null);
  // A fresh worker: nothing known of the enterprise policy.
  forgetPolicy();
});
