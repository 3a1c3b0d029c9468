/**
 * The background's side of utils/message-access.ts: registers a handler that first checks the
 * sender against the table, and refuses (with a logged reason) anyone the table does not list.
 */
import { browser } from 'wxt/browser';
import { onMessage, type ProtocolMap } from './messaging';
import { RefusedSender, senderAllowed, type SenderContext, type SenderInfo } from './message-access';
import { CRM_CONTENT_MATCHES } from './crm/matches';
import { matchesAny } from './patterns/match-pattern';
import { siteForUrl } from './site-access';
import { getEnabledPacks } from './packs/store';

/** Built-in CRM hosts, then the sites of enabled packs. */
export async function coachAllowedOn(url: string): Promise<boolean> {
  if (matchesAny(CRM_CONTENT_MATCHES, url)) return true;
  return siteForUrl(await getEnabledPacks(), url) !== null;
}

export function backgroundSenderContext(): SenderContext {
  return { extensionId: browser.runtime.id, extensionBase: browser.runtime.getURL('/'), coachAllowed: coachAllowedOn };
}

type Handler<K extends keyof ProtocolMap> = (message: {
  data: Parameters<ProtocolMap[K]>[0];
  sender: SenderInfo;
}) => ReturnType<ProtocolMap[K]> | Promise<ReturnType<ProtocolMap[K]>>;

const refusedLogged = new Set<string>();

/** onMessage with the sender check of MESSAGE_ACCESS in front; returns the remover. */
export function onGuardedMessage<K extends keyof ProtocolMap>(name: K, handler: Handler<K>): () => void {
  const listen = onMessage as unknown as (name: K, h: (m: { data: Parameters<ProtocolMap[K]>[0]; sender: SenderInfo }) => unknown) => () => void;
  return listen(name, async (message) => {
    if (!(await senderAllowed(name, message.sender, backgroundSenderContext()))) {
      const key = `${name}|${message.sender?.url ?? ''}`;
      if (!refusedLogged.has(key)) {
        refusedLogged.add(key);
        console.warn(`[crm-coach] refused ${name} from ${message.sender?.url ?? 'an unknown sender'}`);
      }
      throw new RefusedSender(name);
    }
    return handler(message);
  });
}
