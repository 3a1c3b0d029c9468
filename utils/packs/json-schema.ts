/**
 * The JSON Schema of pack format 1, generated from the zod schema, for editors' completion
 * (docs/pack.schema.json). Rules a JSON Schema cannot say (links inside Markdown, regexes that
 * must compile, references across the pack) are checked by `crm-coach-pack validate`.
 */
import { z } from 'zod';
import {
  audienceSchema,
  crmReadingSchema,
  crmsSchema,
  itemId,
  learnMoreSchema,
  localizedText,
  markdown,
  milestoneSchema,
  nudgeSchema,
  packSchema,
  siteSchema,
  snippetSchema,
  targetSchema,
  tipSchema,
  tourSchema,
  whenSchema,
} from './schema';

export const PACK_SCHEMA_ID = 'https://crm-coach.dev/schema/pack-1.json';

type Meta = { id?: string; title?: string; description?: string };

/** Named definitions ($defs) keep the file readable; descriptions show as editor hover text. */
const DEFINITIONS: [z.ZodType, Meta][] = [
  [localizedText, { id: 'LocalizedText', description: 'A plain string or an object of BCP 47 language tags to strings: { "en": "...", "zh-CN": "..." }.' }],
  [markdown, { id: 'Markdown', description: 'Localized Markdown: paragraphs, emphasis, strong, inline code, lists, links (https: and mailto: only), line breaks. Raw HTML shows as text.' }],
  [itemId, { id: 'ItemId', description: '1–64 characters of a-z, 0-9, "-", "_" and "."; unique inside its list; addressed as <packId>/<itemId>.' }],
  [audienceSchema, { id: 'Audience', description: 'Who an item is for: role ids and days since the start date [from, to]. Unset means everyone.' }],
  [whenSchema, { id: 'When', description: 'Where an item applies; every key that is set must hold.' }],
  [targetSchema, { id: 'Target', description: '{ "field": label or API name } | { "selector": CSS, "text"?: visible text } | { "page": true }.' }],
  [learnMoreSchema, { id: 'LearnMore', description: 'A snippet (id or <packId>/<snippetId>) or { "url": "https://..." }.' }],
  [tipSchema, { id: 'Tip' }],
  [nudgeSchema, { id: 'Nudge', description: 'Marks listed fields that are empty when the page matches (and requiredWhen holds).' }],
  [snippetSchema, { id: 'Snippet', description: 'Short training, offered in the page when `when` matches and in the journey on `day`.' }],
  [tourSchema, { id: 'Tour' }],
  [milestoneSchema, { id: 'Milestone' }],
  [siteSchema, { id: 'Site', description: 'A CRM without a built-in adapter (how to read its pages), or a self-hosted CRM a built-in reader reads (`crm`) on the hosts in `match`.' }],
  [crmReadingSchema, { id: 'CrmReading', description: 'How a built-in reader reads this CRM: `emptyText`, the displayed texts that mean "no value" (compared trimmed, any case), replaces the reader\'s default list.' }],
  [crmsSchema, { description: 'Per built-in CRM whose "no value" texts are a default (zoho, pipedrive): what its reader counts as empty. Lists of several packs add up.' }],
  [packSchema, { title: 'CRM Coach tip pack, format 1', description: 'See docs/packs.md, the pack authoring guide.' }],
];

export function packJsonSchema(): Record<string, unknown> {
  const registry = z.registry<Meta>();
  for (const [schema, meta] of DEFINITIONS) registry.add(schema, meta);
  const generated = z.toJSONSchema(packSchema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
    metadata: registry,
    override: (ctx) => {
      // The refinement "field is required unless crm names a reader", said the JSON Schema way.
      if (ctx.zodSchema !== siteSchema) return;
      ctx.jsonSchema.anyOf = [{ required: ['crm'] }, { required: ['field'] }];
      type Props = Record<string, { description?: string; properties?: Props }>;
      const props = ctx.jsonSchema.properties as Props | undefined;
      const say = (p: Props | undefined, key: string, text: string) => {
        if (p?.[key]) p[key].description = text;
      };
      say(props, 'crm', 'A built-in reader for a self-hosted CRM (suitecrm) on the hosts in `match`; `object`, `page`, `record` and `field` then override what it reads, and `field` is optional.');
      say(props, 'record', 'How a record is identified: { "urlPattern": regex with the named group `record` } or { "param": URL parameter, also found in the hash }. Only a salted hash of the id is kept.');
      say(props?.field?.properties, 'apiName', 'Attribute holding the API name, on the container or the input (e.g. data-field).');
      say(props?.field?.properties, 'emptyText', 'Displayed texts that mean "no value" on this site (compared trimmed, any case).');
    },
  }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return { $schema, $id: PACK_SCHEMA_ID, ...rest };
}

/** The file's exact text: two-space JSON and a final newline. */
export function packJsonSchemaText(): string {
  return `${JSON.stringify(packJsonSchema(), null, 2)}\n`;
}
