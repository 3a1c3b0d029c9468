/**
 * TypeScript types of the pack format v1 (docs/pack-format.md), derived from the zod schema in
 * ./schema.ts with `z.output`: the schema is the one source of truth, so the types cannot drift
 * from what validation accepts. tests/unit/packs/types.test.ts pins the shapes code relies on.
 * Only the store's own records (InstalledPack) are written by hand.
 */
import type { z } from 'zod';
import type { PackMessage } from './messages';
import type {
  audienceSchema,
  learnMoreSchema,
  localizedText,
  milestoneDoneSchema,
  milestoneSchema,
  nudgeSchema,
  packSchema,
  quizSchema,
  siteSchema,
  snippetSchema,
  targetSchema,
  tipSchema,
  tourSchema,
  tourStepSchema,
  whenSchema,
} from './schema';

export { PACK_FORMAT } from './limits';

/** A plain string or a map of BCP 47 tags to strings. */
export type LocalizedText = z.output<typeof localizedText>;
export type Audience = z.output<typeof audienceSchema>;
export type When = z.output<typeof whenSchema>;
export type Target = z.output<typeof targetSchema>;
export type LearnMore = z.output<typeof learnMoreSchema>;
export type Tip = z.output<typeof tipSchema>;
export type Nudge = z.output<typeof nudgeSchema>;
export type Quiz = z.output<typeof quizSchema>;
export type Snippet = z.output<typeof snippetSchema>;
export type TourStep = z.output<typeof tourStepSchema>;
export type Tour = z.output<typeof tourSchema>;
export type MilestoneDone = z.output<typeof milestoneDoneSchema>;
export type Milestone = z.output<typeof milestoneSchema>;
export type SiteDefinition = z.output<typeof siteSchema>;
export type Pack = z.output<typeof packSchema>;
/** Built-in readers for self-hosted CRMs a site entry can name in `crm` (docs/pack-format.md "Sites"). */
export type SelfHostedCrm = NonNullable<SiteDefinition['crm']>;

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
