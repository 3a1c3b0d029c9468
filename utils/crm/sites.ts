/**
 * The generic adapter for CRMs a pack describes in `sites` (docs/pack-format.md "Sites"):
 * object from a URL regex with a named group `object` or from a selector's text (only names of the
 * site's vocabulary, utils/crm/object-names.ts), page kind from
 * URL regexes tried in order, record id from a URL regex or parameter (hash included), fields from
 * container / label / input / required selectors, labels normalised (utils/crm/labels.ts), API
 * names from an attribute, site-specific "no value" texts. A self-hosted reader (sites[].crm)
 * uses the same parts as overrides (siteParts).
 * Pack text is untrusted: bad regexes or selectors make the adapter read nothing, never throw.
 */
import type { SiteDefinition } from '../packs/types';
import type { AdapterContext, CrmAdapter, CrmObject, FieldModel, PageKind, PageModel } from './types';
import { PAGE_KINDS } from './types';
import {
  clean,
  controlRequired,
  deepQuery,
  deepQueryAll,
  isFormControl,
  isVisible,
  newVisibilityMemo,
  safeMatches,
  sectionOf,
  textOf,
} from './dom';
import { normaliseLabel } from './labels';
import { controlShown, emptyModel, field, safeRead, textShown } from './model';
import { recordKeyOf } from './hash';
import { siteObjectName } from './object-names';
import { matchesPattern } from '../patterns/match-pattern';
import { compilePackRegex, type PackRegex } from '../patterns/regex';

/** Pack regexes: the safe class only (utils/patterns/regex.ts); anything else reads nothing. */
function compile(re: string | undefined): PackRegex | null {
  return re ? compilePackRegex(re) : null;
}

function decoded(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * The URL forms a site regex is tried against: path, path + query, full URL (hash included),
 * and the full URL decoded (SuiteCRM's ajaxUI keeps the page's own URL encoded in the hash).
 */
function candidates(url: URL): string[] {
  const forms = [url.pathname, url.pathname + url.search, url.href];
  const plain = decoded(url.href);
  if (plain !== url.href) forms.push(plain);
  return forms;
}

/**
 * A URL parameter from the query, else from a query-like hash (`#a=1&record=…`), else from a URL
 * carried in a hash parameter (`#ajaxUILoc=index.php%3Fmodule%3D…%26record%3D…`).
 */
export function urlParam(url: URL, name: string): string | null {
  const direct = url.searchParams.get(name);
  if (direct) return direct;
  const hash = new URLSearchParams(url.hash.replace(/^#[!/]*/, ''));
  const inHash = hash.get(name);
  if (inHash) return inHash;
  for (const value of hash.values()) {
    const q = value.indexOf('?');
    if (q < 0) continue;
    const nested = new URLSearchParams(value.slice(q + 1)).get(name);
    if (nested) return nested;
  }
  return null;
}

/** The parts of a site entry, each usable alone (a self-hosted reader overrides with them). */
export interface SiteParts {
  /** The page kind the first matching `page` regex names; null when none matches. */
  pageOf(url: URL): PageKind | null;
  objectOf(doc: Document, url: URL, ctx: AdapterContext): CrmObject | null;
  /** The raw record id from `record` (memory only: hash it before it goes anywhere); null when not found or not set. */
  recordIdOf(url: URL): string | null;
  /** Fields by the `field` selectors; [] without them. */
  readFields(doc: Document, ctx: AdapterContext): FieldModel[];
}

export function siteParts(site: SiteDefinition): SiteParts {
  const objectRe = site.object && 'urlPattern' in site.object ? compile(site.object.urlPattern) : null;
  const objectSelector = site.object && 'selector' in site.object ? site.object.selector : null;
  const pageRes: [PageKind, PackRegex][] = [];
  for (const [kind, re] of Object.entries(site.page ?? {})) {
    const c = compile(re);
    if (c && (PAGE_KINDS as readonly string[]).includes(kind)) pageRes.push([kind as PageKind, c]);
  }

  const recordRe = site.record && 'urlPattern' in site.record ? compile(site.record.urlPattern) : null;
  const recordParam = site.record && 'param' in site.record ? site.record.param : null;
  const emptyTexts = new Set((site.field?.emptyText ?? []).map((t) => clean(t).toLowerCase()));

  function pageOf(url: URL): PageKind | null {
    const forms = candidates(url);
    for (const [kind, re] of pageRes) if (forms.some((f) => re.test(f))) return kind;
    return null;
  }

  function recordIdOf(url: URL): string | null {
    if (recordParam) return clean(urlParam(url, recordParam)) || null;
    if (recordRe) {
      for (const f of candidates(url)) {
        const m = recordRe.exec(f);
        const id = clean(m?.groups?.record ?? m?.[1]);
        if (id) return id;
      }
    }
    return null;
  }

  function objectOf(doc: Document, url: URL, ctx: AdapterContext): CrmObject | null {
    if (objectRe) {
      for (const f of candidates(url)) {
        const m = objectRe.exec(f);
        const name = siteObjectName(site, m?.groups?.object);
        if (name) return { label: name, apiName: name };
      }
      return null;
    }
    if (objectSelector) {
      const name = siteObjectName(site, textOf(deepQuery(doc, objectSelector, ctx.shadowRootOf), { shadowRootOf: ctx.shadowRootOf }));
      return name ? { label: name, apiName: name } : null;
    }
    return null;
  }

  function readFields(doc: Document, ctx: AdapterContext): FieldModel[] {
    const sro = ctx.shadowRootOf;
    const memo = newVisibilityMemo();
    const spec = site.field;
    const fields: FieldModel[] = [];
    if (!spec) return fields;
    const sections = new Map<Element, string | undefined>();
    const containers = spec?.container ? deepQueryAll(doc, spec.container, sro) : [];
    for (const c of containers) {
      // A container nested in another container is read as part of the outer one.
      const input = spec.input ? (c.matches?.(spec.input) ? c : deepQuery(c, spec.input, sro)) : null;
      const labelEl = spec.label ? deepQuery(c, spec.label, sro) : null;
      const { label, marked } = normaliseLabel(labelEl ? textOf(labelEl, { shadowRootOf: sro }) : input?.getAttribute('aria-label') ?? '');
      if (!label) continue;
      let shown =
        input && isFormControl(input) ? controlShown(input) : textShown(textOf(input ?? c, { shadowRootOf: sro, skip: spec.label }), input ?? undefined);
      if (!shown.empty && emptyTexts.has(clean(shown.value).toLowerCase())) shown = { ...shown, value: '', empty: true };
      let required = marked || controlRequired(input);
      if (!required && spec.required) {
        required = safeMatches(c, spec.required) || !!deepQuery(c, spec.required, sro);
      }
      fields.push(
        field({
          label,
          apiName:
            (spec.apiName && (c.getAttribute(spec.apiName) || input?.getAttribute(spec.apiName))) ||
            input?.getAttribute('name') ||
            input?.getAttribute('data-name') ||
            null,
          element: c,
          shown,
          required,
          section: sectionOf(c, undefined, sections),
          visible: isVisible(c, memo),
        }),
      );
    }
    return fields;
  }

  return { pageOf, objectOf, recordIdOf, readFields };
}

/** True when one of the site's match patterns covers the URL. Never throws. */
export function siteMatches(site: SiteDefinition, url: URL): boolean {
  try {
    return (site.match ?? []).some((p) => matchesPattern(p, url));
  } catch {
    return false;
  }
}

export function siteAdapter(site: SiteDefinition): CrmAdapter {
  const parts = siteParts(site);

  function read(doc: Document, url: URL, ctx: AdapterContext): PageModel {
    const fields = parts.readFields(doc, ctx);
    const page = parts.pageOf(url) ?? (fields.length > 0 ? 'record' : 'home');
    // With `record`, each record has its own key; without it, the page's path stands for the record.
    const recordId = site.record ? parts.recordIdOf(url) : `${url.host}${url.pathname}`;
    return {
      crm: site.id,
      object: parts.objectOf(doc, url, ctx),
      page,
      recordKey: (page === 'record' || page === 'edit') && recordId ? recordKeyOf(`${site.id}:${recordId}`, ctx.salt) : null,
      url: url.href,
      fields: page === 'list' || page === 'home' ? [] : fields,
    };
  }

  return {
    id: site.id,
    name: site.name,
    matches: (url: URL) => siteMatches(site, url),
    read(doc: Document, url: URL, ctx: AdapterContext): PageModel {
      return safeRead(site.id, url, () => (site.field ? read(doc, url, ctx) : emptyModel(site.id, url)));
    },
  };
}
