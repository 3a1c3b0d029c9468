/**
 * The fake browser passes `{}` as every message's sender. Background handlers check the sender
 * (utils/message-access.ts), so tests send as the options page unless they say otherwise.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { SenderInfo } from '@/utils/message-access';

export const OPTIONS_PAGE_SENDER = (): SenderInfo => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html') });

let next: (() => SenderInfo) | null = null;

/** Messages sent from now on come from this sender (null: the options page again). */
export function sendAs(sender: SenderInfo | null): void {
  next = sender ? () => sender : null;
}

type Listener = (message: unknown, sender: unknown, respond: unknown) => unknown;

/** Wraps every runtime.onMessage listener so an empty sender becomes the chosen one. */
export function installFakeSender(): void {
  const onMessage = fakeBrowser.runtime.onMessage as unknown as {
    addListener(l: Listener): void;
    removeListener(l: Listener): void;
    hasListener?(l: Listener): boolean;
  };
  const wrapped = new WeakMap<Listener, Listener>();
  const add = onMessage.addListener.bind(onMessage);
  const remove = onMessage.removeListener.bind(onMessage);
  onMessage.addListener = (listener) => {
    const w: Listener = (message, sender, respond) => {
      const given = !!sender && typeof sender === 'object' && Object.keys(sender).length > 0;
      return listener(message, given ? sender : (next ?? OPTIONS_PAGE_SENDER)(), respond);
    };
    wrapped.set(listener, w);
    add(w);
  };
  onMessage.removeListener = (listener) => remove(wrapped.get(listener) ?? listener);
}
