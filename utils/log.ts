/**
 * Logging, the one implementation (docs/architecture.md, "Rules that do not bend": when something
 * fails, catch, log once, carry on). A failure is logged once per `what` for the life of the
 * page or worker, so a failure that repeats on every mutation or message cannot flood the console.
 * `what` names the part and the failure, e.g. "usage: could not clear outbox keys".
 */
const logged = new Set<string>();

export function logOnce(what: string, err: unknown): void {
  if (logged.has(what)) return;
  logged.add(what);
  console.warn('[crm-coach] ' + what, err);
}
