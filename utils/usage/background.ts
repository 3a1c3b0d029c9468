import { onMessage } from '../messaging';
import { db } from './db';

export function registerUsageHandlers(): void {
  onMessage('recordEvents', async ({ data }) => {
    await db.events.bulkPut(data);
    return { acked: data.map((e) => e.id) };
  });
}
