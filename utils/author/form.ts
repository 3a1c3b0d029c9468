/**
 * The author card's form as data, and what it saves (docs/authoring.md). Pure: the card renders
 * an AuthorForm, and draftItemOf turns it into the item the background adds to the draft pack.
 */
import { PAGE_KINDS, type PageKind, type PageModel } from '../crm/types';
import { ROLE_ID_PATTERN } from '../packs/limits';
import type { Target, TourStep, When } from '../packs/types';
import type { DraftItem } from './draft';
import { whenOfPage } from './draft';

export type AuthorKind = 'tip' | 'nudge-field' | 'tour-step';

export interface AuthorForm {
  kind: AuthorKind;
  title: string;
  body: string;
  /** `when`, as comma-separated lists prefilled from the page. */
  crm: string;
  object: string;
  page: string;
  /** Audience roles, comma separated (empty: everyone). */
  roles: string;
  /** Tour only: the tour's title and how a step moves on. */
  tourTitle: string;
  advanceOn: NonNullable<TourStep['advanceOn']>;
  /** A weak target is saved only when the trainer says so. */
  confirmWeak: boolean;
}

export interface RecordedStep {
  target: Target;
  title: string;
  body: string;
  advanceOn: NonNullable<TourStep['advanceOn']>;
}

export function formForPage(model: Pick<PageModel, 'crm' | 'reader' | 'object' | 'page'>, kind: AuthorKind = 'tip'): AuthorForm {
  const when = whenOfPage(model);
  return {
    kind,
    title: '',
    body: '',
    crm: (when.crm ?? []).join(', '),
    object: (when.object ?? []).join(', '),
    page: (when.page ?? []).join(', '),
    roles: '',
    tourTitle: '',
    advanceOn: 'next',
    confirmWeak: false,
  };
}

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

export type FormProblem = 'title' | 'body' | 'page' | 'roles' | 'weak' | 'field' | 'steps';

/** The `when` of the form; unknown page kinds are a problem (PAGE_KINDS, docs/pack-format.md). */
export function whenOfForm(form: AuthorForm): { when: When } | { problem: FormProblem } {
  const when: When = {};
  const crm = list(form.crm).map((c) => c.toLowerCase());
  if (crm.length) when.crm = crm;
  const object = list(form.object);
  if (object.length) when.object = object;
  const page = list(form.page).map((p) => p.toLowerCase());
  if (page.some((p) => !PAGE_KINDS.includes(p as PageKind))) return { problem: 'page' };
  if (page.length) when.page = page as PageKind[];
  return { when };
}

function audienceOf(form: AuthorForm): { roles?: string[] } | { problem: FormProblem } {
  // Typed in any case; stored as the pack format's role ids (lower case), which the coach compares exactly.
  const roles = list(form.roles).map((r) => r.toLowerCase());
  if (roles.some((r) => !ROLE_ID_PATTERN.test(r))) return { problem: 'roles' };
  return roles.length ? { roles } : {};
}

/**
 * What "Save to draft" sends, or the first problem to fix. `weak` says the target is weak (it
 * needs confirmWeak); a tour saves `steps` (the recorded ones).
 */
export function draftItemOf(form: AuthorForm, target: Target | null, weak: boolean, steps: readonly RecordedStep[] = []): { item: DraftItem } | { problem: FormProblem } {
  const w = whenOfForm(form);
  if ('problem' in w) return w;
  const audience = audienceOf(form);
  if ('problem' in audience) return audience;
  const aud = audience.roles ? { audience: { roles: audience.roles } } : {};
  if (form.kind === 'tour-step') {
    if (!form.tourTitle.trim()) return { problem: 'title' };
    if (!steps.length) return { problem: 'steps' };
    return { item: { kind: 'tour', tour: { title: form.tourTitle, when: w.when, ...aud, steps: steps.map((s) => ({ ...s })) } } };
  }
  if (!target) return { problem: 'field' };
  if (weak && !form.confirmWeak) return { problem: 'weak' };
  if (form.kind === 'nudge-field') {
    if (!('field' in target)) return { problem: 'field' };
    return { item: { kind: 'nudge-field', nudge: { field: target.field, when: w.when, message: form.body.trim() || form.title.trim() || target.field, ...aud } } };
  }
  if (!form.title.trim()) return { problem: 'title' };
  return { item: { kind: 'tip', tip: { title: form.title, body: form.body, target, when: w.when, ...aud } } };
}

/** A tour step from the form (the "Add step" button), or the first problem to fix. */
export function stepOf(form: AuthorForm, target: Target | null, weak: boolean): { step: RecordedStep } | { problem: FormProblem } {
  if (!target) return { problem: 'field' };
  if (weak && !form.confirmWeak) return { problem: 'weak' };
  if (!form.body.trim()) return { problem: 'body' };
  return { step: { target, title: form.title.trim(), body: form.body.trim(), advanceOn: form.advanceOn } };
}
