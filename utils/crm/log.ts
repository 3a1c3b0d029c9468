/** The content path never throws into the page: it logs a failure once per kind and carries on. */
const logged = new Set<string>();

export function logOnce(what: string, err: unknown): void {
  if (logged.has(what)) return;
  logged.add(what);
  console.warn('[crm-coach] ' + what, err);
}
