/** The content path never throws into the page: it logs a failure once per kind and carries on. */
const logged = new Set<string>();

export function logOnce(what: string, err: unknown): void {
  if (logged.has(what)) return;
  logged.add(what);
  console.warn('[crm-coach] ' + what, err);
}
// To be replaced by `export { logOnce } from '../log';` (utils/log.ts is the one log-once
// helper, docs/architecture.md); left here while the adapters are being reworked.
