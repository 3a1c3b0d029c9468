/**
 * The zod schema of the pack format v1 (docs/pack-format.md): the source of truth for validation,
 * for the TypeScript types (./types.ts is `z.output` of these) and for the JSON Schema trainers'
 * editors use (docs/pack.schema.json). Objects are strict so a typo such as
 * `objects` instead of `object` is an error rather than a `when` that silently matches everything.
 * Rules a JSON Schema cannot express (links in Markdown, regexes, match patterns) are refinements;
 * rules across the whole pack (references, duplicate ids) live in ./cross-checks.ts.
 */
import { z } from 'zod';
import { PAGE_KINDS } from '../crm/types';
import { EVENT_KINDS } from '../usage/types';
import {
  ITEM_ID_PATTERN,
  ITEM_LISTS,
  type ItemList,
  LANG_TAG_PATTERN,
  MAX_ITEMS,
  MAX_TEXT,
  PACK_FORMAT,
  PACK_ID_PATTERN,
  ROLE_ID_PATTERN,
  SELF_HOSTED_CRMS,
  CRMS_WITH_EMPTY_DEFAULTS,
  SEMVER_PATTERN,
  ATTRIBUTE_NAME_PATTERN,
} from './limits';
import { disguisedHost, isAllowedLink, linkScheme, markdownLinkMessages } from './markdown-links';
import { matchPatternMessage } from './match-pattern';
import { MAX_SELECTOR_CHARS, selectorMessage } from './selector-rules';
import { packRegexProblem } from '../patterns/regex';
import { encodeMessage, msg, type MessageArg } from './messages';

// No `new Function('')` probe for zod's JIT: extension CSP forbids eval anyway, and web-ext lint
// flags the probe (docs: README, Firefox section).
z.config({ jitless: true });

/** A rule's message for zod (carried as a string; validate.ts reads it back as data). */
const says = (key: string, ...args: MessageArg[]) => encodeMessage(msg(key, ...args));

const text = (max = MAX_TEXT) => z.string().min(1).max(max);

export const itemId = z
  .string()
  .regex(ITEM_ID_PATTERN, { error: says('pack_item_id_rule') })
  .describe('Item id, unique inside its list; addressed globally as <packId>/<itemId>.');

export const localizedText = z
  .union(
    [
      text(),
      z
        .record(z.string().regex(LANG_TAG_PATTERN, { error: says('pack_lang_tag') }), text())
        .refine((o) => Object.keys(o).length > 0, { error: says('pack_at_least_one_language') }),
    ],
    { error: says('pack_localized_text') },
  )
  .describe('A plain string or an object of BCP 47 language tags to strings, e.g. { "en": "...", "zh-CN": "..." }.');

/** Markdown body: localized text whose links are https: or mailto: only. */
export const markdown = localizedText.superRefine((value, ctx) => {
  const texts = typeof value === 'string' ? [['', value]] : Object.entries(value);
  for (const [lang, body] of texts) {
    for (const problem of markdownLinkMessages(body)) {
      ctx.addIssue({ code: 'custom', message: encodeMessage(problem), path: lang ? [lang] : [] });
    }
  }
});

const fieldName = text(200);
const valueList = z.array(text(500)).min(1).max(100);

/**
 * A pack regex: in the safe class of utils/patterns/regex.ts (linear-time in practice on the
 * browser's engine), so validation and the content script accept exactly the same sources.
 */
/** A site's object vocabulary: the only object names its page or URL text may yield. */
const objectNames = z.array(z.string().min(1).max(100)).min(1).max(100);

const regexSource = (mustHaveGroup?: string) =>
  z
    .string()
    .min(1)
    .max(1000)
    .superRefine((source, ctx) => {
      const problem = packRegexProblem(source);
      if (problem) {
        const message =
          problem.code === 'syntax'
            ? says('pack_regex_invalid', problem.detail.split(': ').pop() ?? '')
            : says(`pack_regex_${problem.code}`);
        ctx.addIssue({ code: 'custom', message });
        return;
      }
      if (mustHaveGroup && !source.includes(`(?<${mustHaveGroup}>`)) {
        ctx.addIssue({ code: 'custom', message: says('pack_regex_group', mustHaveGroup) });
      }
    });

/** A CSS selector of the allowed subset (docs/packs.md, "Selectors"). */
const cssSelector = text(MAX_SELECTOR_CHARS)
  .superRefine((selector, ctx) => {
    const problem = selectorMessage(selector);
    if (problem) ctx.addIssue({ code: 'custom', message: encodeMessage(problem) });
  })
  .describe('A CSS selector: type, #id, .class, [attribute] and simple pseudo-classes; no :has(). See docs/packs.md.');

const matchPattern = z
  .string()
  .min(1)
  .max(500)
  .superRefine((pattern, ctx) => {
    const problem = matchPatternMessage(pattern);
    if (problem) ctx.addIssue({ code: 'custom', message: says('pack_match_pattern', problem) });
  });

export const audienceSchema = z
  .strictObject({
    roles: z
      .array(z.string().regex(ROLE_ID_PATTERN, { error: says('pack_role_id') }))
      .min(1)
      .max(50)
      .optional(),
    tenureDays: z
      .tuple([z.int().min(0).max(36500), z.int().min(0).max(36500)])
      .refine(([from, to]) => from <= to, { error: says('pack_tenure_order') })
      .optional(),
  })
  .describe('Who an item is for. Unset means everyone.');

export const whenSchema = z
  .strictObject({
    crm: z
      .array(z.string().regex(ITEM_ID_PATTERN, { error: says('pack_crm_id') }))
      .min(1)
      .max(50)
      .optional(),
    object: valueList.optional(),
    page: z.array(z.enum(PAGE_KINDS)).min(1).optional(),
    url: matchPattern.optional(),
    fieldEquals: z.record(fieldName, valueList).optional(),
  })
  .describe('Where an item applies; every key that is set must hold.');

export const targetSchema = z
  .union(
    [
      z.strictObject({ field: fieldName }),
      z.strictObject({ selector: cssSelector, text: text(500).optional() }),
      z.strictObject({ page: z.literal(true) }),
    ],
    { error: says('pack_expected_one_of', 'field, selector, page') },
  )
  .describe('{ "field": label or API name } | { "selector": CSS, "text"?: visible text } | { "page": true }');

const snippetRef = z
  .string()
  .regex(/^(?:[a-z0-9-]{3,64}\/)?[a-z0-9._-]{1,64}$/, { error: says('pack_ref_id', 'snippet') });

const httpsUrl = z
  .string()
  .max(2000)
  .superRefine((url, ctx) => {
    if (linkScheme(url) === 'https:' && isAllowedLink(url)) return;
    const scheme = linkScheme(url);
    const host = disguisedHost(url);
    ctx.addIssue({
      code: 'custom',
      message:
        host !== null
          ? says('pack_link_userinfo', host)
          : scheme
            ? says('pack_https_url_found', scheme)
            : says('pack_https_url'),
    });
  });

export const learnMoreSchema = z.union(
  [z.strictObject({ snippet: snippetRef }), z.strictObject({ url: httpsUrl })],
  { error: says('pack_expected_one_of', 'snippet, url') },
);

const points = z.int().min(0).max(10000);
const day = z.int().min(0).max(3650);

export const tipSchema = z.strictObject({
  id: itemId,
  when: whenSchema.optional(),
  audience: audienceSchema.optional(),
  target: targetSchema,
  title: localizedText,
  body: markdown.optional(),
  show: z.enum(['always', 'once', 'until-dismissed']).optional(),
  maxShows: z.int().min(1).max(100000).optional(),
  priority: z.int().min(0).max(100).optional(),
  learnMore: learnMoreSchema.optional(),
});

export const nudgeSchema = z.strictObject({
  id: itemId,
  when: whenSchema.optional(),
  audience: audienceSchema.optional(),
  fields: z.array(fieldName).min(1).max(100),
  requiredWhen: z.record(fieldName, valueList).optional(),
  message: localizedText,
  severity: z.enum(['info', 'warn']).optional(),
  points: points.optional(),
});

export const quizSchema = z
  .strictObject({
    question: localizedText,
    choices: z.array(localizedText).min(2).max(10),
    answer: z.int().min(0),
  })
  .refine((q) => q.answer < q.choices.length, { error: says('pack_quiz_answer'), path: ['answer'] });

export const snippetSchema = z.strictObject({
  id: itemId,
  title: localizedText,
  minutes: z.number().positive().max(600).optional(),
  body: markdown.optional(),
  steps: z.array(localizedText).min(1).max(50).optional(),
  quiz: quizSchema.optional(),
  when: whenSchema.optional(),
  audience: audienceSchema.optional(),
  day: day.optional(),
  points: points.optional(),
});

export const tourStepSchema = z.strictObject({
  target: targetSchema,
  title: localizedText.optional(),
  body: markdown,
  advanceOn: z.enum(['next', 'click', 'input']).optional(),
});

export const tourSchema = z.strictObject({
  id: itemId,
  title: localizedText,
  when: whenSchema.optional(),
  audience: audienceSchema.optional(),
  steps: z.array(tourStepSchema).min(1).max(50),
  points: points.optional(),
});

const itemRef = (what: string) =>
  z.string().regex(/^(?:[a-z0-9-]{3,64}\/)?[a-z0-9._-]{1,64}$/, { error: says('pack_ref_id', what) });

export const milestoneDoneSchema = z.union(
  [
    z.strictObject({ event: z.enum(EVENT_KINDS), count: z.int().min(1).max(100000) }),
    z.strictObject({ snippet: itemRef('snippet') }),
    z.strictObject({ tour: itemRef('tour') }),
    z.strictObject({ visits: z.strictObject({ object: text(200), count: z.int().min(1).max(100000) }) }),
  ],
  { error: says('pack_expected_one_of', 'event, snippet, tour, visits') },
);

export const milestoneSchema = z.strictObject({
  id: itemId,
  title: localizedText,
  description: localizedText.optional(),
  day: day.optional(),
  done: milestoneDoneSchema,
  points: points.optional(),
  audience: audienceSchema.optional(),
});

const attributeName = z
  .string()
  .regex(ATTRIBUTE_NAME_PATTERN, { error: says('pack_attribute_name') });

/** Displayed texts that mean "no value": at most 20 of at most 200 characters (sites and `crms`). */
const emptyTexts = z.array(text(200)).min(1).max(20);

export const siteSchema = z
  .strictObject({
    id: z.string().regex(ITEM_ID_PATTERN, { error: says('pack_item_id_rule') }),
    name: text(200),
    crm: z
      .enum(SELF_HOSTED_CRMS)
      .optional()
      .describe('A built-in reader for a self-hosted CRM (suitecrm); object, page, record and field then override what it reads.'),
    match: z.array(matchPattern).min(1).max(20),
    object: z
      .union(
        [
          z.strictObject({ urlPattern: regexSource('object'), names: objectNames.optional() }),
          z.strictObject({ selector: cssSelector, names: objectNames }),
        ],
        { error: says('pack_expected_one_of', 'urlPattern, selector') },
      )
      .optional(),
    page: z
      .strictObject({
        home: regexSource().optional(),
        list: regexSource().optional(),
        record: regexSource().optional(),
        new: regexSource().optional(),
        edit: regexSource().optional(),
      })
      .optional(),
    record: z
      .union([z.strictObject({ urlPattern: regexSource('record') }), z.strictObject({ param: text(100) })], {
        error: says('pack_expected_one_of', 'urlPattern, param'),
      })
      .optional()
      .describe('How a record is identified in its URL (hash included), so "once per record" counts each record.'),
    field: z
      .strictObject({
        container: cssSelector,
        label: cssSelector,
        input: cssSelector,
        required: cssSelector.optional(),
        apiName: attributeName.optional().describe('Attribute holding the API name, on the container or the input.'),
        emptyText: emptyTexts.optional().describe('Displayed texts that mean "no value".'),
      })
      .optional(),
  })
  .superRefine((site, ctx) => {
    // A generic site needs field selectors; a built-in reader reads fields by itself.
    if (!site.crm && !site.field) ctx.addIssue({ code: 'custom', message: says('pack_required'), path: ['field'] });
  });

/**
 * How a built-in reader reads a CRM whose placeholders are a thin-evidence default
 * (docs/pack-format.md "CRM readers"): `emptyText` replaces the reader's list.
 */
export const crmReadingSchema = z.strictObject({
  emptyText: emptyTexts.describe('Displayed texts that mean "no value" on this CRM; replaces the reader\'s default list.'),
});

export const crmsSchema = z
  .strictObject({
    zoho: crmReadingSchema.optional(),
    pipedrive: crmReadingSchema.optional(),
  } satisfies Record<(typeof CRMS_WITH_EMPTY_DEFAULTS)[number], z.ZodType>)
  .describe('Per built-in CRM (zoho, pipedrive): what its reader counts as an empty field.');

/** The schema of one item of each kind: every kind of ITEM_LISTS, and nothing else. */
export const ITEM_SCHEMAS = {
  tips: tipSchema,
  nudges: nudgeSchema,
  snippets: snippetSchema,
  tours: tourSchema,
  milestones: milestoneSchema,
} as const satisfies Record<ItemList, z.ZodObject>;

const list = <T extends z.ZodType>(item: T) => z.array(item).max(MAX_ITEMS).optional();

export const packSchema = z
  .strictObject({
    $schema: z.string().max(2000).optional().describe('Optional: the JSON Schema URL, for editors.'),
    format: z.literal(PACK_FORMAT, { error: says('pack_format_unsupported', PACK_FORMAT) }),
    id: z.string().regex(PACK_ID_PATTERN, { error: says('pack_id_rule') }),
    version: z.string().regex(SEMVER_PATTERN, { error: says('pack_semver') }),
    title: localizedText,
    description: localizedText.optional(),
    author: text(200).optional(),
    audience: audienceSchema.optional(),
    sites: z.array(siteSchema).max(50).optional(),
    crms: crmsSchema.optional(),
    tips: list(ITEM_SCHEMAS.tips),
    nudges: list(ITEM_SCHEMAS.nudges),
    snippets: list(ITEM_SCHEMAS.snippets),
    tours: list(ITEM_SCHEMAS.tours),
    milestones: list(ITEM_SCHEMAS.milestones),
  } satisfies Record<ItemList, z.ZodType> & Record<string, z.ZodType>)
  .superRefine((pack, ctx) => {
    const count = ITEM_LISTS.reduce((n, l) => n + (pack[l]?.length ?? 0), 0);
    if (count > MAX_ITEMS) {
      ctx.addIssue({ code: 'custom', message: says('pack_too_many_items', count, MAX_ITEMS) });
    }
  })
  .meta({ title: 'CRM Coach tip pack, format 1', description: 'See docs/pack-format.md and docs/packs.md.' });

