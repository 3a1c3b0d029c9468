/**
 * The generic adapter for CRMs a pack describes in `sites` (PACK_FORMAT.md "Sites"):
 * object from a URL regex with a named group `object` or from a selector's text (only names of the
 * site's vocabulary, see object-names.ts), page kind from
 * URL regexes tried in order, fields from container / label / input / required selectors.
 * Pack text is untrusted: bad regexes or selectors make the adapter read nothing, never throw.
 */
import type { SiteDefinition } from '../packs/types';
import type { AdapterContext, CrmAdapter, CrmObject, FieldModel, PageKind, PageModel } from './types';
import { PAGE_KINDS } from './types';
import {
  controlRequired,
  deepQuery,
  deepQueryAll,
  isFormControl,
  isVisible,
  newVisibilityMemo,
  safeMatches,
  sectionOf,
  stripRequiredMark,
  textOf,
} from './dom';
import { controlShown, emptyModel, field, safeRead, textShown } from './model';
import { recordKeyOf } from './hash';
import { siteObjectName } from './object-names';
import { matchesPattern } from '../patterns/match-pattern';
import { compilePackRegex, type PackRegex } from '../patterns/regex';

function compile(re: string | undefined): PackRegex | null {
  return re ? compilePackRegex(re) : null;
}

/** The URL forms a site regex is tried against: path, path + query, full URL. */
function candidates(url: URL): string[] {
  return [url.pathname, url.pathname + url.search, url.href];
}

export function siteAdapter(site: SiteDefinition): CrmAdapter {
  const objectRe = site.object && 'urlPattern' in site.object ? compile(site.object.urlPattern) : null;
  const objectSelector = site.object && 'selector' in site.object ? site.object.selector : null;
  const pageRes: [PageKind, PackRegex][] = [];
  for (const [kind, re] of Object.entries(site.page ?? {})) {
    const c = compile(re);
    if (c && (PAGE_KINDS as readonly string[]).includes(kind)) pageRes.push([kind as PageKind, c]);
  }

  function pageOf(url: URL, hasFields: boolean): PageKind {
    const forms = candidates(url);
    for (const [kind, re] of pageRes) if (forms.some((f) => re.test(f))) return kind;
    return hasFields ? 'record' : 'home';
  }

  /** Only names of the site's vocabulary: never free page or URL text (utils/crm/object-names.ts). */
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

  function read(doc: Document, url: URL, ctx: AdapterContext): PageModel {
    const sro = ctx.shadowRootOf;
    const memo = newVisibilityMemo();
    const spec = site.field;
    const fields: FieldModel[] = [];
    const sections = new Map<Element, string | undefined>();
    const containers = spec?.container ? deepQueryAll(doc, spec.container, sro) : [];
    for (const c of containers) {
      // A container nested in another container is read as part of the outer one.
      const input = spec.input ? (c.matches?.(spec.input) ? c : deepQuery(c, spec.input, sro)) : null;
      const labelEl = spec.label ? deepQuery(c, spec.label, sro) : null;
      const { label, marked } = stripRequiredMark(labelEl ? textOf(labelEl, { shadowRootOf: sro }) : input?.getAttribute('aria-label') ?? '');
      if (!label) continue;
      const shown =
        input && isFormControl(input) ? controlShown(input) : textShown(textOf(input ?? c, { shadowRootOf: sro, skip: spec.label }), input ?? undefined);
      let required = marked || controlRequired(input);
      if (!required && spec.required) {
        required = safeMatches(c, spec.required) || !!deepQuery(c, spec.required, sro);
      }
      fields.push(
        field({
          label,
          apiName: input?.getAttribute('name') || input?.getAttribute('data-name') || null,
          element: c,
          shown,
          required,
          section: sectionOf(c, undefined, sections),
          visible: isVisible(c, memo),
        }),
      );
    }
    const page = pageOf(url, fields.length > 0);
    return {
      crm: site.id,
      object: objectOf(doc, url, ctx),
      page,
      recordKey: page === 'record' || page === 'edit' ? recordKeyOf(`${site.id}:${url.host}${url.pathname}`, ctx.salt) : null,
      url: url.href,
      fields: page === 'list' || page === 'home' ? [] : fields,
    };
  }

  return {
    id: site.id,
    name: site.name,
    matches(url: URL): boolean {
      try {
        return (site.match ?? []).some((p) => matchesPattern(p, url));
      } catch {
        return false;
      }
    },
    read(doc: Document, url: URL, ctx: AdapterContext): PageModel {
      return safeRead(site.id, url, () => (site.field ? read(doc, url, ctx) : emptyModel(site.id, url)));
    },
  };
}
