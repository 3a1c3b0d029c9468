/**
 * The draft pack: what a trainer authored in the page (docs/authoring.md). Pure functions: a new
 * draft, adding a tip, a tour or a field to a nudge, the `when` of the page, and the lint behind
 * "Test this pack on this page". The background stores the result like any pack (source "draft").
 */
import type { PageModel } from '../crm/types';
import { PACK_FORMAT, type Audience, type LocalizedText, type Nudge, type Pack, type Target, type Tip, type Tour, type TourStep, type When } from '../packs/types';
import { whenFailures } from '../coach/when';
import { itemKey } from '../packs/refs';
import { BUILTIN_CRMS, SELF_HOSTED_CRMS } from '../packs/limits';

export const DRAFT_ID = 'author-draft';

/** Authored tips win over starter packs' tips (priority 70 at most) so the preview shows at once. */
export const DRAFT_TIP_PRIORITY = 80;

export function emptyDraft(): Pack {
  return {
    format: PACK_FORMAT,
    id: DRAFT_ID,
    version: '0.1.0',
    title: { en: 'Draft pack', 'zh-CN': '草稿包' },
    description: 'Tips and tours authored in the page with CRM Coach.',
  };
}

/** 1.2.3 -> 1.2.4 (each save is a newer version, so a re-imported export replaces the older one). */
export function nextPatch(version: string): string {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  return m ? `${m[1]}.${m[2]}.${Number(m[3]) + 1}` : '0.1.0';
}

/** An item id from a title: lower-case words joined by '-', unique among `taken`. */
export function itemIdFrom(title: string, taken: readonly string[], fallback: string): string {
  const base =
    title
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48) || fallback;
  let id = base;
  for (let n = 2; taken.includes(id); n++) id = `${base}-${n}`;
  return id;
}

/**
 * The CRM id a draft item may name for this page: a built-in CRM, or the built-in reader a pack
 * site names (`sites[].crm`, e.g. suitecrm), which names every site that reader reads. A site of
 * another pack with no such reader is known only to that pack: null (docs/authoring.md).
 */
export function draftCrmOf(model: Pick<PageModel, 'crm' | 'reader'>): string | null {
  const readers: readonly string[] = [...BUILTIN_CRMS, ...SELF_HOSTED_CRMS];
  if (readers.includes(model.crm)) return model.crm;
  return model.reader && readers.includes(model.reader) ? model.reader : null;
}

/** `when` prefilled from the page: its CRM, object and page kind (never a record or a value). */
export function whenOfPage(model: Pick<PageModel, 'crm' | 'reader' | 'object' | 'page'>): When {
  const crm = draftCrmOf(model);
  const when: When = crm ? { crm: [crm] } : {};
  if (model.object) when.object = [model.object.apiName || model.object.label];
  when.page = [model.page];
  return when;
}

export interface TipDraft {
  title: string;
  body: string;
  target: Target;
  when: When;
  audience?: Audience;
  priority?: number;
}

export interface TourDraft {
  title: string;
  when: When;
  audience?: Audience;
  steps: { target: Target; title?: string; body: string; advanceOn?: TourStep['advanceOn'] }[];
}

export interface NudgeFieldDraft {
  /** The field's name as a target names it (API name or label). */
  field: string;
  when: When;
  message: string;
  audience?: Audience;
}

export type DraftItem = { kind: 'tip'; tip: TipDraft } | { kind: 'tour'; tour: TourDraft } | { kind: 'nudge-field'; nudge: NudgeFieldDraft };

const text = (s: string): LocalizedText => s.trim();

function withAudience<T extends object>(item: T, audience: Audience | undefined): T & { audience?: Audience } {
  const roles = audience?.roles?.filter(Boolean);
  if (!roles?.length && !audience?.tenureDays) return item;
  return { ...item, audience: { ...(roles?.length ? { roles } : {}), ...(audience?.tenureDays ? { tenureDays: audience.tenureDays } : {}) } };
}

/** Same `when` (order of keys and values ignored). */
function sameWhen(a: When | undefined, b: When | undefined): boolean {
  const norm = (w: When | undefined) =>
    JSON.stringify(
      Object.entries(w ?? {})
        .map(([k, v]) => [k, Array.isArray(v) ? [...v].map(String).sort() : v])
        .sort(([x], [y]) => String(x).localeCompare(String(y))),
    );
  return norm(a) === norm(b);
}

/** The draft with one more item; returns the new pack and the item's `<packId>/<itemId>` key. */
export function addToDraft(current: Pack | null, item: DraftItem): { pack: Pack; key: string } {
  const base = current ?? emptyDraft();
  const pack: Pack = { ...base, version: current ? nextPatch(base.version) : base.version };
  if (item.kind === 'tip') {
    const tips = pack.tips ?? [];
    const id = itemIdFrom(item.tip.title, tips.map((t) => t.id), 'tip');
    const tip: Tip = withAudience(
      {
        id,
        when: item.tip.when,
        target: item.tip.target,
        title: text(item.tip.title),
        ...(item.tip.body.trim() ? { body: text(item.tip.body) } : {}),
        priority: item.tip.priority ?? DRAFT_TIP_PRIORITY,
      },
      item.tip.audience,
    );
    pack.tips = [...tips, tip];
    return { pack, key: itemKey(pack.id, id) };
  }
  if (item.kind === 'tour') {
    const tours = pack.tours ?? [];
    const id = itemIdFrom(item.tour.title, tours.map((t) => t.id), 'tour');
    const tour: Tour = withAudience(
      {
        id,
        title: text(item.tour.title),
        when: item.tour.when,
        steps: item.tour.steps.map((s) => ({
          target: s.target,
          ...(s.title?.trim() ? { title: text(s.title) } : {}),
          body: text(s.body),
          ...(s.advanceOn && s.advanceOn !== 'next' ? { advanceOn: s.advanceOn } : {}),
        })),
      },
      item.tour.audience,
    );
    pack.tours = [...tours, tour];
    return { pack, key: itemKey(pack.id, id) };
  }
  // A field added to the draft's nudge for the same page (one nudge per `when` and audience).
  const nudges = pack.nudges ?? [];
  const wanted = withAudience({ when: item.nudge.when }, item.nudge.audience);
  const at = nudges.findIndex((n) => sameWhen(n.when, wanted.when) && JSON.stringify(n.audience ?? null) === JSON.stringify(wanted.audience ?? null));
  if (at >= 0) {
    const n = nudges[at];
    const fields = n.fields.some((f) => f.toLowerCase() === item.nudge.field.toLowerCase()) ? n.fields : [...n.fields, item.nudge.field];
    const next: Nudge = { ...n, fields };
    pack.nudges = nudges.map((x, i) => (i === at ? next : x));
    return { pack, key: itemKey(pack.id, n.id) };
  }
  const id = itemIdFrom(`fields ${item.nudge.when.object?.[0] ?? ''} ${item.nudge.when.page?.[0] ?? ''}`, nudges.map((n) => n.id), 'fields');
  const nudge: Nudge = { id, ...wanted, fields: [item.nudge.field], message: text(item.nudge.message) };
  pack.nudges = [...nudges, nudge];
  return { pack, key: itemKey(pack.id, id) };
}

export interface LintRow {
  /** `<packId>/<itemId>` and, for a tour step, its number from 1. */
  key: string;
  step?: number;
  /** JSON path of the target, e.g. `tours[0].steps[2].target`. */
  path: string;
  target: Target;
  matches: number;
}

/**
 * "Test this pack on this page": every anchored target of the items whose `when` holds on this
 * page, with its match count. Rows with a count other than one are the ones to fix.
 */
export function lintPack(pack: Pack, model: PageModel, count: (target: Target) => number): LintRow[] {
  const rows: LintRow[] = [];
  const applies = (when: When | undefined) => whenFailures(when, model).length === 0;
  (pack.tips ?? []).forEach((tip, i) => {
    if (!applies(tip.when) || 'page' in tip.target) return;
    rows.push({ key: itemKey(pack.id, tip.id), path: `tips[${i}].target`, target: tip.target, matches: count(tip.target) });
  });
  (pack.tours ?? []).forEach((tour, i) => {
    if (!applies(tour.when)) return;
    tour.steps.forEach((step, j) => {
      if ('page' in step.target) return;
      rows.push({ key: itemKey(pack.id, tour.id), step: j + 1, path: `tours[${i}].steps[${j}].target`, target: step.target, matches: count(step.target) });
    });
  });
  (pack.nudges ?? []).forEach((nudge, i) => {
    if (!applies(nudge.when)) return;
    nudge.fields.forEach((field, j) => {
      rows.push({ key: itemKey(pack.id, nudge.id), path: `nudges[${i}].fields[${j}]`, target: { field }, matches: count({ field }) });
    });
  });
  return rows;
}

/** The rows to fix: targets matching nothing or more than one element. */
export function lintProblems(rows: readonly LintRow[]): LintRow[] {
  return rows.filter((r) => r.matches !== 1);
}
