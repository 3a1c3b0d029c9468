/** Inputs and outputs of the coach engine (pure: no DOM reads or writes). */
import type { FieldModel, PageModel } from '../crm/types';
import type { Nudge, Pack, Snippet, Target, Tip, Tour } from '../packs/types';
import type { ItemState } from '../usage/types';

export type ItemKind = 'tip' | 'nudge' | 'snippet' | 'tour';

/** Why an item did not fire (or a note on how it fired). `expected`/`actual` are schema words, never field values. */
export type ReasonCode =
  | 'suspended'
  | 'crm'
  | 'object'
  | 'page'
  | 'url'
  | 'fieldEquals'
  | 'requiredWhen'
  | 'role'
  | 'tenure'
  | 'dismissed'
  | 'snoozed'
  | 'once'
  | 'maxShows'
  | 'target'
  | 'frequency'
  | 'pageTarget'
  | 'noFields'
  | 'allFilled'
  | 'noWhen'
  | 'completed'
  /** A tour step whose field is not on this page: the running tour skips it (expected: step number, actual: the field). */
  | 'stepMissing';

export interface Reason {
  code: ReasonCode;
  /** What the item asks for, e.g. "salesforce, hubspot". */
  expected?: string;
  /** What the page (or the user) has, e.g. "zoho". Field values are never put here. */
  actual?: string;
}

/** Where an item ended up: on the page, in the coach panel, or not at all. */
export type ItemStatus = 'shown' | 'panel' | 'hidden';

export interface ItemExplanation {
  key: string;
  packId: string;
  itemId: string;
  kind: ItemKind;
  status: ItemStatus;
  /** Failed conditions when hidden; notes (frequency, page target, waiting for target) otherwise. */
  reasons: Reason[];
}

export interface UserContext {
  role: string | null;
  /** YYYY-MM-DD, day 0. */
  startDate: string | null;
}

export interface CoachInput {
  model: PageModel;
  /** Enabled packs, in install order. */
  packs: Pack[];
  user: UserContext;
  /** Item state keyed `<packId>/<itemId>`, as it was when this page was opened. */
  items: Record<string, ItemState>;
  now: number;
  /** Anchored tips shown at once (default 1); the rest wait in the panel. */
  maxAnchoredTips?: number;
  /**
   * Whether a selector target is on the page. The engine knows field targets from the model;
   * selector targets need the DOM, so the caller answers. Default: assumed present.
   */
  selectorPresent?: (target: Extract<Target, { selector: string }>) => boolean;
  /** Why a selector is suspended on this page (over its cost budget), or null. */
  selectorSuspended?: (target: Extract<Target, { selector: string }>) => string | null;
  /** Tips the user closed on this page (matters for `show: always`, which survives dismissal across pages). */
  closedOnPage?: ReadonlySet<string>;
}

export interface TipPlan {
  key: string;
  packId: string;
  tip: Tip;
  /** The field the tip is anchored to, when its target is a field. */
  field?: FieldModel;
}

export interface NudgeFieldPlan {
  /** The name the pack uses. */
  name: string;
  field: FieldModel;
  empty: boolean;
}

export interface NudgePlan {
  key: string;
  packId: string;
  nudge: Nudge;
  /** Listed fields present on the page (absent ones are skipped silently). */
  fields: NudgeFieldPlan[];
  /** The present fields that are empty. */
  missing: NudgeFieldPlan[];
}

export interface SnippetPlan {
  key: string;
  packId: string;
  snippet: Snippet;
  completed: boolean;
}

export interface TourPlan {
  key: string;
  packId: string;
  tour: Tour;
  completed: boolean;
  /** Step index (0-based) to resume at; 0 when not started. */
  resumeStep: number;
}

export interface CoachPlan {
  /** Anchored tips to draw now, best first (at most maxAnchoredTips). */
  tips: TipPlan[];
  /** Tips that apply but wait in the coach panel (page targets, frequency rule). */
  panelTips: TipPlan[];
  nudges: NudgePlan[];
  snippets: SnippetPlan[];
  tours: TourPlan[];
  explanations: ItemExplanation[];
}
