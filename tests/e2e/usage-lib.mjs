// Helpers shared by usage.test.mjs and popup.test.mjs: read the usage database and the outbox
// from an extension page, drive the options page's data and profile controls, and build a
// usage export (crm-coach/usage-export@1) with real-looking history for seeding the popup.
import { openOptions, openPopup } from './harness.mjs';

export const DB = 'crm-coach';
export const OUTBOX_PREFIX = 'outbox:';

/**
 * Reads, from an extension page, the outbox keys left in storage.local and the usage tables.
 * Never creates the database: it is opened only when indexedDB.databases() lists it.
 */
export async function readUsage(page) {
  return page.evaluate(async ({ db, prefix }) => {
    const local = await chrome.storage.local.get(null);
    const outbox = Object.keys(local).filter((k) => k.startsWith(prefix));
    const out = { outbox, events: [], rollups: [], items: [], meta: [] };
    const names = (await indexedDB.databases()).map((d) => d.name);
    if (!names.includes(db)) return out;
    const conn = await new Promise((resolve, reject) => {
      const req = indexedDB.open(db);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    try {
      for (const table of ['events', 'rollups', 'items', 'meta']) {
        if (!conn.objectStoreNames.contains(table)) continue;
        out[table] = await new Promise((resolve, reject) => {
          const req = conn.transaction(table).objectStore(table).getAll();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
      }
    } finally {
      conn.close();
    }
    return out;
  }, { db: DB, prefix: OUTBOX_PREFIX });
}

/** Sum of one event kind over all daily rollups. */
export function rollupCount(usage, kind) {
  return usage.rollups.reduce((n, r) => n + (r.counts?.[kind] ?? 0), 0);
}

/** The running totals row's count for a kind (undefined when there is no totals row). */
export function totalsCount(usage, kind) {
  const row = usage.meta.find((m) => m.key === 'totals');
  return row ? (row.value?.counts?.[kind] ?? 0) : undefined;
}

/** Local calendar date (YYYY-MM-DD) `days` days from now (negative: in the past). */
export function localIso(days = 0, from = new Date()) {
  const d = new Date(from.getFullYear(), from.getMonth(), from.getDate() + days, 12);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Sets the start date through the options page's "Start date" control. */
export async function setStartDate(session, iso) {
  const page = await openOptions(session);
  const input = page.getByLabel('Start date', { exact: true });
  await input.fill(iso);
  await page.getByRole('status').filter({ hasText: /Saved|已保存/ }).first().waitFor();
  await page.close();
}

/** Sets the UI language through the options page's "Language" select ('auto', 'en', 'zh-CN'). */
export async function setLanguage(session, value) {
  const page = await openOptions(session);
  // The page may already be in Chinese: "语言" is "Language".
  await page.getByLabel(/^(Language|语言)$/).selectOption(value);
  await page.getByRole('status').first().waitFor();
  await page.close();
}

/** Imports a usage export (a file path) through "Import my data"; resolves when the page confirms. */
export async function importData(page, file) {
  await page.getByLabel('Import my data').setInputFiles(file);
  await page.getByRole('status').filter({ hasText: /Imported \d+ events|已导入/ }).waitFor();
}

/** The numbers the popup shows: points, events recorded, streak, level, day text. */
export async function popupNumbers(session, query = '') {
  const popup = await openPopup(session, query);
  const read = async (sel) => (await popup.locator(sel).first().innerText()).trim();
  await popup.locator('[data-coach-points]').waitFor();
  const out = {
    points: Number(await read('[data-coach-points]')),
    events: Number(await read('[data-coach-events]')),
    streak: Number(await read('[data-coach-streak]')),
    level: await read('[data-coach-level]'),
    day: await read('[data-coach-day]'),
  };
  await popup.close();
  return out;
}

// ---- seeded history ------------------------------------------------------------------------

/** A small deterministic PRNG so seeded histories are the same on every run. */
function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

let seq = 0;
function uuid(rand) {
  const h = () => Math.floor(rand() * 16).toString(16);
  const part = (n) => Array.from({ length: n }, h).join('');
  seq += 1;
  return `${part(8)}-${part(4)}-4${part(3)}-a${part(3)}-${String(seq).padStart(12, '0')}`;
}

function bump(map, key, by = 1) {
  if (key === undefined) return;
  map[key] = (map[key] ?? 0) + by;
}

/**
 * A usage export of `days` days of history ending today (the start date is `days` days ago):
 * page views, tips, missing-field nudges shown and filled on work days (weekends idle), and the
 * `completions` given: { kind: 'snippet.completed' | 'milestone.done', packId, itemId, day
 * (days after the start), points }. Events, daily rollups and item state agree, the way the
 * background builds them.
 */
export function seededExport({ days, seed = 7, completions = [] } = {}) {
  const rand = prng(seed);
  const now = new Date();
  const events = [];
  const rollups = new Map();
  const items = new Map();
  const objects = [
    ['salesforce', 'Opportunity', ['Amount', 'Next Step', 'Close Date']],
    ['salesforce', 'Account', ['Website', 'Type']],
    ['hubspot', 'Deal', ['Amount', 'Close date', 'Next step']],
    ['salesforce', 'Contact', ['Phone', 'Title']],
  ];
  const add = (offset, hour, e) => {
    const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() - offset, hour, Math.floor(rand() * 60));
    const day = localIso(-offset, now);
    const ev = { id: uuid(rand), at: Math.min(d.getTime(), now.getTime() - 60_000), ...e };
    events.push(ev);
    let r = rollups.get(day);
    if (!r) rollups.set(day, (r = { day, counts: {}, points: 0, crms: {}, visits: {}, nudgeShown: {}, nudgeResolved: {}, emptyFields: {} }));
    bump(r.counts, ev.kind);
    r.points += ev.points ?? 0;
    if (ev.kind === 'page.view') {
      bump(r.crms, ev.crm);
      bump(r.visits, ev.object);
    } else if (ev.kind === 'nudge.shown') {
      bump(r.nudgeShown, ev.object);
      bump(r.emptyFields, `${ev.object} · ${ev.field}`);
    } else if (ev.kind === 'nudge.resolved') {
      bump(r.nudgeResolved, ev.object);
    }
    const key = ev.packId && ev.itemId ? `${ev.packId}/${ev.itemId}` : null;
    if (key && ['snippet.completed', 'milestone.done', 'tip.shown'].includes(ev.kind)) {
      const s = items.get(key) ?? { key, shown: 0, dismissed: false, completed: false };
      if (ev.kind === 'tip.shown') {
        s.shown += 1;
        s.lastShownAt = Math.max(s.lastShownAt ?? 0, ev.at);
      } else {
        s.completed = true;
        s.completedAt = Math.min(s.completedAt ?? ev.at, ev.at);
      }
      items.set(key, s);
    }
  };

  for (let offset = days; offset >= 0; offset--) {
    const date = new Date(now.getFullYear(), now.getMonth(), now.getDate() - offset);
    if (date.getDay() === 0 || date.getDay() === 6) continue;
    const tenure = days - offset;
    // Busier as the user settles in, with some variation from day to day.
    const ramp = Math.min(1, 0.4 + tenure / 40);
    const views = Math.round((6 + rand() * 18) * ramp) + 1;
    for (let i = 0; i < views; i++) {
      const [crm, object] = objects[Math.floor(rand() * objects.length)];
      add(offset, 9 + Math.floor(rand() * 8), { kind: 'page.view', crm, object, page: 'record' });
    }
    const tips = Math.floor(rand() * 4 * ramp) + 1;
    for (let i = 0; i < tips; i++) {
      add(offset, 10, { kind: 'tip.shown', packId: 'salesforce-starter', itemId: 'next-step', crm: 'salesforce', object: 'Opportunity', page: 'record' });
    }
    const shown = Math.floor(rand() * 6) + 1;
    for (let i = 0; i < shown; i++) {
      const [crm, object, fields] = objects[Math.floor(rand() * 3)];
      const field = fields[Math.floor(rand() * fields.length)];
      const nudge = { packId: `${crm}-starter`, itemId: 'hygiene', crm, object, page: 'record', field };
      add(offset, 11, { kind: 'nudge.shown', ...nudge });
      // Filling gets better over the weeks.
      if (rand() < 0.45 + 0.4 * Math.min(1, tenure / 90)) add(offset, 12, { kind: 'nudge.resolved', ...nudge, points: 5 });
    }
  }
  for (const c of completions) {
    add(Math.max(0, days - c.day), 15, { kind: c.kind, packId: c.packId, itemId: c.itemId, points: c.points ?? 0 });
  }
  events.sort((a, b) => a.at - b.at);
  return {
    format: 'crm-coach/usage-export@1',
    exportedAt: now.toISOString(),
    schemaVersion: 2,
    events,
    rollups: [...rollups.values()].sort((a, b) => (a.day < b.day ? -1 : 1)),
    items: [...items.values()],
    rewards: [],
  };
}
