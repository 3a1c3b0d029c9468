/** The numeric limits, id rules and item kinds of the pack format v1 (docs/pack-format.md), in one place. */
import { CRM_IDS } from '../crm/types';

/** The `format` every version-1 pack declares. */
export const PACK_FORMAT = 'crm-coach/pack@1';

/** A pack document is at most 2 MiB (UTF-8 bytes of its text). */
export const MAX_PACK_BYTES = 2 * 1024 * 1024;
/** At most 2,000 items in all (tips + nudges + snippets + tours + milestones). */
export const MAX_ITEMS = 2000;
/** Every text field is at most 4,000 characters. */
export const MAX_TEXT = 4000;
/** Nesting deeper than this is junk: a real pack needs about 8 levels. */
export const MAX_DEPTH = 32;
/** At most this many problems are reported for one pack. */
export const MAX_ERRORS = 20;

export const PACK_ID_PATTERN = /^[a-z0-9-]{3,64}$/;
export const ITEM_ID_PATTERN = /^[a-z0-9._-]{1,64}$/;
export const ROLE_ID_PATTERN = /^[a-z][a-z0-9_-]{0,63}$/;
/** BCP 47 language tag, loosely: en, zh-CN, zh-Hant-TW, es-419. */
export const LANG_TAG_PATTERN = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
/** Semantic Versioning 2.0.0. */
export const SEMVER_PATTERN =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** Role ids docs/pack-format.md names; packs may add other lower-case ids. */
export const BUILTIN_ROLES = ['sales', 'sales-manager', 'support', 'marketing', 'admin'] as const;

/** Ids of the built-in CRM readers, usable in `when.crm` without a `sites` entry: the CRM registry's ids. */
export const BUILTIN_CRMS: readonly string[] = CRM_IDS;

/**
 * Built-in readers for self-hosted CRMs: a `sites` entry names one in `crm` with its own hosts,
 * and `when.crm` may name the reader (every site it reads) or the site id.
 */
export const SELF_HOSTED_CRMS = ['suitecrm'] as const;

/**
 * Built-in readers whose "no value" texts are a default a pack may replace (`crms.<id>.emptyText`;
 * docs/pack-format.md "CRM readers"): public evidence for these placeholders is thin.
 */
export const CRMS_WITH_EMPTY_DEFAULTS = ['zoho', 'pipedrive'] as const;

/** An HTML attribute name a pack may name (`field.apiName`). */
export const ATTRIBUTE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_.:-]{0,99}$/;

/**
 * The item lists of a pack, in document order: the one list of item kinds. The schema's item
 * lists, the item count limit, duplicate-id checks, item keys and the engine's in-page lists are
 * all typed over it (docs/architecture.md, "Adding a pack item kind").
 */
export const ITEM_LISTS = ['tips', 'nudges', 'snippets', 'tours', 'milestones'] as const;
export type ItemList = (typeof ITEM_LISTS)[number];
