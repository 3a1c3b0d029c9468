// Every fixture route in routes.json produces the page model it declares (the same file the
// end-to-end harness uses), and customer data never reaches the model's non-value parts.
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, loadFixture, routes, type Loaded } from './fixture';
import { adapterFor, readPage } from '@/utils/crm';
import type { SiteDefinition } from '@/utils/packs/types';

const SALT = 'unit-test-salt';
let open: Loaded | null = null;
afterEach(async () => {
  await open?.close();
  open = null;
});

function sitesFor(r: { site?: string }): SiteDefinition[] {
  return r.site ? [JSON.parse(readFileSync(join(FIXTURES, r.site), 'utf8')) as SiteDefinition] : [];
}

describe('fixture routes', () => {
  const all = routes() as (ReturnType<typeof routes>[number] & { site?: string })[];

  it('cover every built-in CRM and a custom site', () => {
    const crms = new Set(all.map((r) => r.expect.crm));
    for (const c of ['salesforce', 'hubspot', 'dynamics', 'zoho', 'pipedrive', 'acme-crm']) expect(crms).toContain(c);
    for (const r of all) expect(adapterFor(new URL(r.url), sitesFor(r))?.id).toBe(r.expect.crm);
  });

  for (const r of all) {
    it(`${r.url} -> ${r.expect.object} ${r.expect.page}`, async () => {
      open = await loadFixture(r.file, r.url);
      const model = readPage(open.doc, open.url(), { salt: SALT, shadowRootOf: open.shadowRootOf }, sitesFor(r));
      expect(model).not.toBeNull();
      const m = model!;
      const visible = m.fields.filter((f) => f.visible);
      expect(m.crm).toBe(r.expect.crm);
      expect(m.object?.label).toBe(r.expect.object);
      expect(m.page).toBe(r.expect.page);
      expect(visible.filter((f) => f.empty).map((f) => f.label)).toEqual(r.expect.empty);
      expect(visible.filter((f) => f.required).map((f) => f.label)).toEqual(r.expect.required);
      // Every field's element is in the document (or a shadow tree of it).
      for (const f of m.fields) expect(f.element.isConnected).toBe(true);
      // Privacy: apart from in-memory values and the URL, nothing in the model holds customer data.
      const { url: _url, fields, ...rest } = m;
      const meta = JSON.stringify({ ...rest, fields: fields.map(({ element: _e, control: _c, value: _v, ...f }) => f) });
      for (const secret of ['jane.doe@example.com', 'Acme - 200 Widgets', 'Jane Doe', '006Dn000004AbCdIAK', '987654', '4000000012345', '8f2c4e6a']) {
        expect(meta).not.toContain(secret);
      }
      if (m.page === 'record' || m.page === 'edit') expect(m.recordKey).toMatch(/^rk_[0-9a-z]+$/);
      else expect(m.recordKey).toBeNull();
    });
  }
});
