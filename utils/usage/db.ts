import Dexie, { type EntityTable } from 'dexie';
import type { UsageEvent } from './types';

export class UsageDb extends Dexie {
  events!: EntityTable<UsageEvent, 'id'>;
  constructor(name = 'crm-coach') {
    super(name);
    this.version(1).stores({ events: 'id, at, kind' });
  }
}

export const db = new UsageDb();
