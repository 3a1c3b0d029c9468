/** The content path never throws into the page: it logs a failure once per kind and carries on (utils/log.ts, the one log-once helper). */
export { logOnce } from '../log';
