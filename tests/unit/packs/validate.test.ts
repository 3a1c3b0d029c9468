import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { packSchema } from '@/utils/packs/schema';
import type { Pack } from '@/utils/packs/types';
import { validatePack } from '@/utils/packs/validate';
import { formatPath } from '@/utils/packs/issues';

// Type level: the zod schema and the hand-written Pack type describe the same thing.
type Inferred = z.infer<typeof packSchema>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesPackType: Same<Inferred, Pack> = true;

const base = () => ({ format: 'crm-coach/pack@1', id: 'test-pack', version: '1.0.0', title: 'Test' });
const tip = (extra: Record<string, unknown> = {}) => ({ id: 't', target: { page: true }, title: 'Tip', ...extra });

function errorsOf(input: unknown): string[] {
  const result = validatePack(input);
  return result.ok ? [] : result.errors;
}

describe('validatePack', () => {
  it('keeps the TS type and the schema in step', () => {
    expect(schemaMatchesPackType).toBe(true);
  });

  it('accepts a minimal pack and returns it', () => {
    const result = validatePack(base());
    expect(result).toEqual({ ok: true, pack: base() });
  });

  it('rejects a non-object', () => {
    expect(errorsOf([])).toEqual(['(root): expected an object, found a list']);
    expect(errorsOf('x')).toEqual(['(root): expected an object, found a string']);
  });

  it.each([
    ['ab', 'id: must be 3–64 characters of a-z, 0-9 and "-"'],
    ['Acme', 'id: must be 3–64 characters of a-z, 0-9 and "-"'],
    ['a'.repeat(65), 'id: must be 3–64 characters of a-z, 0-9 and "-"'],
  ])('pack id %s is refused', (id, message) => {
    expect(errorsOf({ ...base(), id })).toEqual([message]);
  });

  it.each(['1', '1.0', 'v1.0.0', '01.0.0'])('version %s is not semver', (version) => {
    expect(errorsOf({ ...base(), version })).toEqual(['version: expected a semantic version such as 1.2.0']);
  });

  it('accepts pre-release and build versions', () => {
    expect(validatePack({ ...base(), version: '2.0.0-beta.1+build.5' }).ok).toBe(true);
  });

  it('item ids allow a-z 0-9 - _ . only', () => {
    expect(errorsOf({ ...base(), tips: [tip({ id: 'Next Step' })] })).toEqual([
      'tips[0].id: must be 1–64 characters of a-z, 0-9, "-", "_" and "."',
    ]);
    expect(validatePack({ ...base(), tips: [tip({ id: 'week_1.step-2' })] }).ok).toBe(true);
  });

  it('names unknown keys (typos) by path', () => {
    expect(errorsOf({ ...base(), tips: [tip({ tilte: 'x' })] })).toEqual(['tips[0].tilte: unknown key']);
    expect(errorsOf({ ...base(), tips: [tip({ when: { objects: ['Deal'] } })] })).toEqual([
      'tips[0].when.objects: unknown key',
    ]);
  });

  it('allows a $schema key for editors', () => {
    expect(validatePack({ ...base(), $schema: 'https://crm-coach.dev/schema/pack-1.json' }).ok).toBe(true);
  });

  it('reports the target branch the author meant', () => {
    expect(errorsOf({ ...base(), tips: [tip({ target: { field: 3 } })] })).toEqual([
      'tips[0].target.field: expected a string, found a number',
    ]);
    expect(errorsOf({ ...base(), tips: [tip({ target: { selector: '.x', txt: 'y' } })] })).toEqual([
      'tips[0].target.txt: unknown key',
    ]);
    expect(errorsOf({ ...base(), tips: [tip({ target: { page: false } })] })).toEqual(['tips[0].target.page: expected true']);
    expect(errorsOf({ ...base(), tips: [tip({ target: 'Next Step' })] })).toEqual([
      'tips[0].target: expected one of field, selector, page',
    ]);
    expect(errorsOf({ ...base(), tips: [tip({ target: { field: 'A', page: true } })] })).toEqual([
      'tips[0].target: expected one of field, selector, page',
    ]);
  });

  it('checks enums and ranges with the allowed values', () => {
    expect(errorsOf({ ...base(), tips: [tip({ show: 'never', priority: 101 })] })).toEqual([
      'tips[0].show: expected one of always, once, until-dismissed',
      'tips[0].priority: must be at most 100',
    ]);
    expect(errorsOf({ ...base(), tips: [tip({ when: { page: ['detail'] } })] })).toEqual([
      'tips[0].when.page[0]: expected one of home, list, record, new, edit',
    ]);
    expect(errorsOf({ ...base(), tips: [tip({ maxShows: 1.5 })] })).toEqual([
      'tips[0].maxShows: expected a whole number, found a fraction',
    ]);
  });

  it('localized text: languages, emptiness and the 4,000 character limit', () => {
    expect(validatePack({ ...base(), title: { en: 'Hi', 'zh-CN': '你好' } }).ok).toBe(true);
    expect(errorsOf({ ...base(), title: { english: 'Hi' } })).toEqual([
      'title.english: expected a language tag such as en or zh-CN',
    ]);
    expect(errorsOf({ ...base(), title: '' })).toEqual(['title: must not be empty']);
    expect(errorsOf({ ...base(), title: 3 })).toEqual(['title: expected a string or an object of language tags to strings']);
    expect(errorsOf({ ...base(), tips: [tip({ body: 'x'.repeat(4001) })] })).toEqual(['tips[0].body: at most 4000 characters']);
    expect(errorsOf({ ...base(), tips: [tip({ body: { en: 'ok', 'zh-CN': 'y'.repeat(4001) } })] })).toEqual([
      'tips[0].body.zh-CN: at most 4000 characters',
    ]);
    expect(validatePack({ ...base(), tips: [tip({ body: 'x'.repeat(4000) })] }).ok).toBe(true);
  });

  it('links in bodies: https and mailto only; learnMore.url https only', () => {
    const ok = 'See [the guide](https://example.com/guide) or [mail us](mailto:enablement@example.com).';
    expect(validatePack({ ...base(), tips: [tip({ body: ok })] }).ok).toBe(true);
    expect(errorsOf({ ...base(), tips: [tip({ body: '[x](http://example.com)' })] })).toEqual([
      'tips[0].body: links must be https: or mailto: (found http: in "http://example.com")',
    ]);
    expect(errorsOf({ ...base(), tips: [tip({ body: { en: 'ok', 'zh-CN': '[x](JavaScript:alert(1))' } })] })).toEqual([
      'tips[0].body.zh-CN: links must be https: or mailto: (found javascript: in "JavaScript:alert(1)")',
    ]);
    expect(errorsOf({ ...base(), tips: [tip({ body: '[x](/relative)' })] })).toEqual([
      'tips[0].body: links must be absolute https: or mailto: URLs (found "/relative")',
    ]);
    expect(errorsOf({ ...base(), tips: [tip({ body: '![chart](https://example.com/c.png)' })] })).toEqual([
      'tips[0].body: images are not supported in pack format 1',
    ]);
    expect(errorsOf({ ...base(), tips: [tip({ learnMore: { url: 'mailto:a@b.c' } })] })).toEqual([
      'tips[0].learnMore.url: expected an https: URL (found mailto:)',
    ]);
    expect(
      errorsOf({
        ...base(),
        tours: [{ id: 'x', title: 'X', steps: [{ target: { page: true }, body: '[a][r]\n\n[r]: data:text/html,hi' }] }],
      }),
    ).toEqual(['tours[0].steps[0].body: links must be https: or mailto: (found data: in "data:text/html,hi")']);
    // Raw HTML is shown as text, so it is not a link; a bare www address is text too.
    expect(validatePack({ ...base(), tips: [tip({ body: '<a href="javascript:x">y</a> www.example.com' })] }).ok).toBe(true);
  });

  it('match patterns in when.url and sites[].match', () => {
    expect(validatePack({ ...base(), tips: [tip({ when: { url: '*://*.lightning.force.com/*' } })] }).ok).toBe(true);
    expect(errorsOf({ ...base(), tips: [tip({ when: { url: 'https://*.force.*/x' } })] })).toEqual([
      'tips[0].when.url: not a valid match pattern: "*" in a host may only come first, followed by a dot',
    ]);
    expect(errorsOf({ ...base(), tips: [tip({ when: { url: 'https://example.com' } })] })).toEqual([
      'tips[0].when.url: not a valid match pattern: missing path (add "/*")',
    ]);
  });

  it('sites: the object regex needs its named group', () => {
    const site = {
      id: 'acme-crm',
      name: 'Acme',
      match: ['https://crm.acme.example/*'],
      object: { urlPattern: '/records/([A-Za-z]+)/' },
      field: { container: '.row', label: 'label', input: 'input' },
    };
    expect(errorsOf({ ...base(), sites: [site] })).toEqual(['sites[0].object.urlPattern: needs a named group (?<object>...)']);
  });

  it('audience: role ids and tenure ranges', () => {
    expect(validatePack({ ...base(), audience: { roles: ['sales', 'customer-success'], tenureDays: [0, 90] } }).ok).toBe(true);
    expect(errorsOf({ ...base(), audience: { roles: ['Sales'] } })).toEqual([
      'audience.roles[0]: expected a lower-case role id such as sales or sales-manager',
    ]);
    expect(errorsOf({ ...base(), audience: { tenureDays: [90, 0] } })).toEqual([
      'audience.tenureDays: expected [from, to] with from <= to',
    ]);
  });

  it('quiz answer must index a choice', () => {
    const snippet = { id: 's', title: 'S', quiz: { question: 'Q', choices: ['a', 'b'], answer: 2 } };
    expect(errorsOf({ ...base(), snippets: [snippet] })).toEqual([
      'snippets[0].quiz.answer: answer must be the index of one of the choices (0-based)',
    ]);
  });

  it('milestones: done forms', () => {
    const m = (done: unknown) => ({ ...base(), milestones: [{ id: 'm', title: 'M', done }] });
    expect(validatePack(m({ event: 'nudge.resolved', count: 10 })).ok).toBe(true);
    expect(validatePack(m({ visits: { object: 'Opportunity', count: 5 } })).ok).toBe(true);
    expect(errorsOf(m({ event: 'nudge.fixed', count: 1 }))[0]).toMatch(/^milestones\[0\]\.done\.event: expected one of page\.view, /);
    expect(errorsOf(m({ event: 'nudge.resolved' }))).toEqual(['milestones[0].done.count: required']);
    expect(errorsOf(m({ quiz: 'x' }))).toEqual(['milestones[0].done: expected one of event, snippet, tour, visits']);
  });

  describe('cross-references', () => {
    it('learnMore.snippet must exist in the pack, unless it names another pack', () => {
      expect(errorsOf({ ...base(), tips: [tip({ learnMore: { snippet: 'log-a-call' } })] })).toEqual([
        'tips[0].learnMore.snippet: no snippet "log-a-call" in this pack',
      ]);
      expect(errorsOf({ ...base(), tips: [tip({ learnMore: { snippet: 'test-pack/log-a-call' } })] })).toEqual([
        'tips[0].learnMore.snippet: no snippet "log-a-call" in this pack',
      ]);
      expect(validatePack({ ...base(), tips: [tip({ learnMore: { snippet: 'other-pack/log-a-call' } })] }).ok).toBe(true);
    });

    it('milestone snippet and tour references', () => {
      const pack = {
        ...base(),
        snippets: [{ id: 's1', title: 'S' }],
        milestones: [
          { id: 'a', title: 'A', done: { snippet: 's1' } },
          { id: 'b', title: 'B', done: { tour: 'missing-tour' } },
          { id: 'c', title: 'C', done: { snippet: 'missing' } },
        ],
      };
      expect(errorsOf(pack)).toEqual([
        'milestones[1].done.tour: no tour "missing-tour" in this pack',
        'milestones[2].done.snippet: no snippet "missing" in this pack',
      ]);
    });

    it('when.crm names a built-in adapter or a sites[].id', () => {
      const site = { id: 'acme-crm', name: 'Acme', match: ['https://crm.acme.example/*'], field: { container: '.r', label: 'label', input: 'input' } };
      expect(validatePack({ ...base(), sites: [site], tips: [tip({ when: { crm: ['acme-crm', 'zoho'] } })] }).ok).toBe(true);
      expect(errorsOf({ ...base(), tips: [tip({ when: { crm: ['salesforce', 'acme-crm'] } })] })).toEqual([
        'tips[0].when.crm[1]: unknown CRM "acme-crm": expected one of salesforce, hubspot, dynamics, zoho, pipedrive, suitecrm or a sites[].id of this pack',
      ]);
    });

    it('a site naming a self-hosted reader needs no field selectors; others do', () => {
      const suite = { id: 'acme-suite', name: 'Acme SuiteCRM', crm: 'suitecrm', match: ['https://crm.acme.example/*'] };
      expect(validatePack({ ...base(), sites: [suite], tips: [tip({ when: { crm: ['acme-suite'] } })] }).ok).toBe(true);
      // The reader id names every site it reads, in this pack or another one.
      expect(validatePack({ ...base(), tips: [tip({ when: { crm: ['suitecrm'] } })] }).ok).toBe(true);
      expect(errorsOf({ ...base(), sites: [{ ...suite, crm: 'vtiger' }] })).toEqual(['sites[0].crm: expected "suitecrm"']);
      expect(errorsOf({ ...base(), sites: [{ id: 'x', name: 'X', match: ['https://crm.acme.example/*'] }] })).toEqual(['sites[0].field: required']);
    });

    it('site record, field.apiName and field.emptyText are checked', () => {
      const field = { container: '.r', label: 'label', input: 'input', apiName: 'data-field', emptyText: ['-None-'] };
      const site = { id: 'x', name: 'X', match: ['https://crm.acme.example/*'], field, record: { param: 'record' } };
      expect(validatePack({ ...base(), sites: [site] }).ok).toBe(true);
      expect(validatePack({ ...base(), sites: [{ ...site, record: { urlPattern: 'record=(?<record>[\\w-]+)' } }] }).ok).toBe(true);
      expect(errorsOf({ ...base(), sites: [{ ...site, record: { urlPattern: 'record=([\\w-]+)' } }] })).toEqual([
        'sites[0].record.urlPattern: needs a named group (?<record>...)',
      ]);
      expect(errorsOf({ ...base(), sites: [{ ...site, field: { ...field, apiName: 'data field"]' } }] })).toEqual([
        'sites[0].field.apiName: not an attribute name (letters, digits, "-", "_", ".", ":"; for example data-field)',
      ]);
    });

    it('crms: a placeholder list per built-in reader with a thin-evidence default (zoho, pipedrive)', () => {
      const crms = { zoho: { emptyText: ['-None-', '—', 'Not set'] }, pipedrive: { emptyText: ['-', 'n/a'] } };
      expect(validatePack({ ...base(), crms })).toEqual({ ok: true, pack: { ...base(), crms } });
      expect(validatePack({ ...base(), crms: {} }).ok).toBe(true);
      // Bounded: at most 20 texts of at most 200 characters, at least one.
      expect(errorsOf({ ...base(), crms: { zoho: { emptyText: Array.from({ length: 21 }, (_, i) => `t${i}`) } } })).toEqual([
        'crms.zoho.emptyText: at most 20 items',
      ]);
      expect(errorsOf({ ...base(), crms: { zoho: { emptyText: ['x'.repeat(201)] } } })).toEqual(['crms.zoho.emptyText[0]: at most 200 characters']);
      expect(errorsOf({ ...base(), crms: { zoho: { emptyText: [] } } })).toEqual(['crms.zoho.emptyText: at least 1 item']);
      expect(errorsOf({ ...base(), crms: { zoho: { emptyText: [''] } } })).toEqual(['crms.zoho.emptyText[0]: must not be empty']);
      // Wrong types.
      expect(errorsOf({ ...base(), crms: { zoho: { emptyText: '-None-' } } })).toEqual(['crms.zoho.emptyText: expected a list, found a string']);
      expect(errorsOf({ ...base(), crms: { pipedrive: { emptyText: [7] } } })).toEqual(['crms.pipedrive.emptyText[0]: expected a string, found a number']);
      expect(errorsOf({ ...base(), crms: [] })).toEqual(['crms: expected an object, found a list']);
      expect(errorsOf({ ...base(), crms: { zoho: {} } })).toEqual(['crms.zoho.emptyText: required']);
      // Only the readers whose default a pack may replace; a typo is an error, not a silent no-op.
      expect(errorsOf({ ...base(), crms: { salesforce: { emptyText: ['-'] } } })).toEqual(['crms.salesforce: unknown key']);
      expect(errorsOf({ ...base(), crms: { zoho: { emptyTexts: ['-'] } } })).toEqual(['crms.zoho.emptyText: required', 'crms.zoho.emptyTexts: unknown key']);
    });

    it('duplicate ids per list; the same id in two lists is fine', () => {
      const pack = { ...base(), tips: [tip({ id: 'x' })], nudges: [{ id: 'x', fields: ['Amount'], message: 'm' }, { id: 'x', fields: ['A'], message: 'm' }] };
      expect(errorsOf(pack)).toEqual(['nudges[1].id: duplicate id "x" (first used at nudges[0])']);
    });
  });

  it('reports at most 20 problems', () => {
    const tips = Array.from({ length: 30 }, (_, i) => ({ id: `t${i}`, target: { bogus: 1 }, title: 'T' }));
    const errors = errorsOf({ ...base(), tips });
    expect(errors).toHaveLength(20);
    expect(errors[19]).toBe('tips[19].target: expected one of field, selector, page');
  });

  it('one list over 2,000 items', () => {
    const tips = Array.from({ length: 2001 }, (_, i) => tip({ id: `t${i}` }));
    expect(errorsOf({ ...base(), tips })).toEqual(['tips: at most 2000 items']);
  });
});

describe('formatPath', () => {
  it('writes paths people can read', () => {
    expect(formatPath([])).toBe('(root)');
    expect(formatPath(['tips', 3, 'target'])).toBe('tips[3].target');
    expect(formatPath(['nudges', 0, 'requiredWhen', 'Close Date'])).toBe('nudges[0].requiredWhen["Close Date"]');
  });
});

describe('privacy and cost rules of sites and milestones', () => {
  const site = (object: unknown) => ({ id: 'acme-crm', name: 'Acme', match: ['https://crm.acme.example/*'], object, field: { container: '.row', label: 'label', input: 'input' } });
  const visits = (object: string) => ({ id: 'm', title: 'M', done: { visits: { object, count: 3 } } });

  it('refuses a milestone keyed on a record name, accepts a type or a declared name', () => {
    expect(errorsOf({ ...base(), milestones: [visits('Opportunity Acme - 200 Widgets')] })[0]).toMatch(/^milestones\[0\]\.done\.visits\.object: "Opportunity Acme - 200 Widgets" is not a record type/);
    expect(errorsOf({ ...base(), milestones: [visits('Opportunity')] })).toEqual([]);
    expect(errorsOf({ ...base(), sites: [site({ selector: 'h1 .type', names: ['Sales Order'] })], milestones: [visits('sales order')] })).toEqual([]);
  });

  it('needs declared names for an object read from the page', () => {
    expect(errorsOf({ ...base(), sites: [site({ selector: 'main h1' })] })).not.toEqual([]);
  });

  it('refuses regexes outside the safe class with the reason', () => {
    const errors = errorsOf({ ...base(), sites: [{ ...site({ urlPattern: '/(?<object>[A-Za-z]+)/' }), page: { record: '^(a+)+$', list: '(?<=x)y' } }] });
    expect(errors).toEqual([
      expect.stringMatching(/^sites\[0\]\.page\.list: lookahead and lookbehind/),
      expect.stringMatching(/^sites\[0\]\.page\.record: a repeat inside a repeat/),
    ]);
  });
});
