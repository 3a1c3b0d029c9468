/**
 * TypeScript view of PACK_FORMAT.md v1. The zod schema in ./schema.ts is the source of truth
 * for validation; a type test keeps the two in step.
 */
import type { PageKind } from '../crm/types';
import type { EventKind } from '../usage/types';
import type { PackMessage } from './messages';

export const PACK_FORMAT = 'crm-coach/pack@1';

/** A plain string or a map of BCP 47 tags to strings. */
export type LocalizedText = string | Record<string, string>;

export interface Audience {
  roles?: string[];
  tenureDays?: [number, number];
}

export interface When {
  crm?: string[];
  object?: string[];
  page?: PageKind[];
  url?: string;
  fieldEquals?: Record<string, string[]>;
}

export type Target =
  | { field: string }
  | { selector: string; text?: string }
  | { page: true };

export type LearnMore = { snippet: string } | { url: string };

export interface Tip {
  id: string;
  when?: When;
  audience?: Audience;
  target: Target;
  title: LocalizedText;
  body?: LocalizedText;
  show?: 'always' | 'once' | 'until-dismissed';
  maxShows?: number;
  priority?: number;
  learnMore?: LearnMore;
}

export interface Nudge {
  id: string;
  when?: When;
  audience?: Audience;
  fields: string[];
  requiredWhen?: Record<string, string[]>;
  message: LocalizedText;
  severity?: 'info' | 'warn';
  points?: number;
}

export interface Quiz {
  question: LocalizedText;
  choices: LocalizedText[];
  answer: number;
}

export interface Snippet {
  id: string;
  title: LocalizedText;
  minutes?: number;
  body?: LocalizedText;
  steps?: LocalizedText[];
  quiz?: Quiz;
  when?: When;
  audience?: Audience;
  day?: number;
  points?: number;
}

export interface TourStep {
  target: Target;
  title?: LocalizedText;
  body: LocalizedText;
  advanceOn?: 'next' | 'click' | 'input';
}

export interface Tour {
  id: string;
  title: LocalizedText;
  when?: When;
  audience?: Audience;
  steps: TourStep[];
  points?: number;
}

export type MilestoneDone =
  | { event: EventKind; count: number }
  | { snippet: string }
  | { tour: string }
  | { visits: { object: string; count: number } };

export interface Milestone {
  id: string;
  title: LocalizedText;
  description?: LocalizedText;
  day?: number;
  done: MilestoneDone;
  points?: number;
  audience?: Audience;
}

export interface SiteDefinition {
  id: string;
  name: string;
  match: string[];
  /**
   * Where the record type comes from. `names` is the bounded vocabulary: page or URL text that is
   * not one of them is never reported (docs/packs.md "Sites and privacy").
   */
  object?: { urlPattern: string; names?: string[] } | { selector: string; names: string[] };
  page?: Partial<Record<PageKind, string>>;
  field: {
    container: string;
    label: string;
    input: string;
    required?: string;
  };
}

export interface Pack {
  /** Optional JSON Schema URL, so editors offer completion; ignored by the extension. */
  $schema?: string;
  format: typeof PACK_FORMAT;
  id: string;
  version: string;
  title: LocalizedText;
  description?: LocalizedText;
  author?: string;
  audience?: Audience;
  sites?: SiteDefinition[];
  tips?: Tip[];
  nudges?: Nudge[];
  snippets?: Snippet[];
  tours?: Tour[];
  milestones?: Milestone[];
}

export type PackSource = 'builtin' | 'user-file' | 'user-url' | 'policy';

/** A pack as the store keeps it. */
export interface InstalledPack {
  pack: Pack;
  source: PackSource;
  enabled: boolean;
  installedAt: number;
  /** For URL and policy packs. */
  url?: string;
  etag?: string;
  lastModified?: string;
  lastRefreshAt?: number;
  /** Why the last refresh failed, in English (logs, older versions). */
  lastError?: string;
  /** The same as data (a PackMessage), shown in the user's language; absent in packs stored before it existed. */
  lastProblem?: PackMessage;
}
