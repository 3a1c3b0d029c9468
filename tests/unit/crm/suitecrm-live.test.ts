// The SuiteCRM reader reads live (utils/crm/suitecrm.ts createSuiteCrmReader): on a page saved
// from a real SuiteCRM 7.14.6 (tests/fixtures/crm/suitecrm/), the live model must be the model a
// full read gives after every change, and a batch that touches no cell (a menu, the sidebar)
// gives the previous model object back without reading the view again.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadFixture, typeInto, type Loaded } from './fixture';
import { suiteCrmAdapter } from '@/utils/crm/suitecrm';
import { createLivePage, type LivePage } from '@/utils/crm/live-page';
import { watchPage } from '@/utils/crm/watch';
import { findField } from '@/utils/crm/targets';
import type { FieldModel, PageModel } from '@/utils/crm/types';
import type { SiteDefinition } from '@/utils/packs/types';

const ctx = { salt: 'salt-suite' };
const ID3 = '0a1b2c3d-0000-4000-8000-000000000003';
const BASE = 'http://crm.acme.example/index.php';
const DETAIL = `${BASE}?module=Opportunities&action=DetailView&record=${ID3}`;
const SITE: SiteDefinition = { id: 'acme-suite', name: 'Acme SuiteCRM', crm: 'suitecrm', match: ['*://crm.acme.example/*'] };

const snapshot = (m: PageModel | null | undefined) =>
  m && {
    ...m,
    fields: m.fields.map((f: FieldModel) => ({ label: f.label, apiName: f.apiName, value: f.value, empty: f.empty, required: f.required, visible: f.visible, section: f.section, control: f.control ?? null, element: f.element })),
  };

let l: Loaded | null = null;
let stop: AbortController | null = null;
afterEach(async () => {
  stop?.abort();
  stop = null;
  await l?.close();
  l = null;
});

async function start(file: string, url: string): Promise<LivePage> {
  l = await loadFixture(file, url);
  const live = createLivePage(l.doc);
  stop = new AbortController();
  watchPage({ doc: l.doc, onChange: () => {}, signal: stop.signal, index: live.index });
  return live;
}

/** Lets the observer deliver its records, then reads live and in full: they must agree. */
async function step(live: LivePage): Promise<PageModel> {
  await new Promise((r) => setTimeout(r, 0));
  const m = live.step(l!.url(), ctx, [SITE], Infinity);
  expect(m).toBeTruthy();
  expect(snapshot(m)).toEqual(snapshot(suiteCrmAdapter(SITE).read(l!.doc, l!.url(), ctx)));
  return m!;
}

describe('SuiteCRM live reading', () => {
  it('equals a full read through an inline edit, typing, a save and a tab switch; a change outside the cells keeps the model object', async () => {
    const live = await start('suitecrm/opportunity-detail.html', DETAIL);
    const doc = l!.doc;
    const first = await step(live);
    expect(first.page).toBe('record');
    expect(findField(first, 'date_entered')?.visible).toBe(false);

    // SuiteCRM's own scripts changing the page outside the record: no read, the same object.
    const spy = vi.spyOn(doc, 'getElementById');
    const note = doc.createElement('div');
    note.className = 'sidebar-item';
    note.textContent = 'Recently viewed: Bench Deal';
    doc.body.append(note);
    doc.querySelector('.favorite_icon_fill')?.setAttribute('title', 'Mark favorite');
    await new Promise((r) => setTimeout(r, 0));
    expect(live.step(l!.url(), ctx, [SITE], Infinity)).toBe(first);
    expect(spy).not.toHaveBeenCalledWith('formDetailView');
    spy.mockRestore();

    // Inline edit opens in the cell: an edit, read again.
    const cell = doc.querySelector('.detail-view-field[field=next_step]')!;
    cell.classList.add('inlineEditActive');
    const form = doc.createElement('form');
    const input = doc.createElement('input');
    input.name = 'next_step';
    form.append(input);
    cell.replaceChildren(form);
    let m = await step(live);
    expect(m).not.toBe(first);
    expect(m.page).toBe('edit');
    typeInto(l!, input, 'Call procurement');
    m = await step(live);
    expect(findField(m, 'next_step')?.empty).toBe(false);

    // Saved: the cell shows text again.
    cell.classList.remove('inlineEditActive');
    const saved = doc.createElement('span');
    saved.className = 'sugar_field';
    saved.textContent = 'Call procurement';
    cell.replaceChildren(saved);
    m = await step(live);
    expect(m.page).toBe('record');

    // The OTHER tab shown: visibility outside the cells changed, the model follows.
    doc.getElementById('tab-content-0')!.classList.remove('active');
    doc.getElementById('tab-content-1')!.classList.add('active', 'in');
    m = await step(live);
    expect(findField(m, 'date_entered')?.visible).toBe(true);
    expect(findField(m, 'name')?.visible).toBe(false);

    // An ajaxUI navigation to the edit view: the whole view swapped, read again.
    const edit = await loadFixture('suitecrm/opportunity-edit.html', `${BASE}?module=Opportunities&action=EditView&record=${ID3}`);
    const content = doc.importNode(edit.doc.body, true);
    await edit.close();
    doc.body.replaceChildren(...Array.from(content.childNodes));
    l!.window.history.pushState({}, '', `${BASE}?action=ajaxui#ajaxUILoc=${encodeURIComponent(`index.php?module=Opportunities&action=EditView&record=${ID3}`)}`);
    m = await step(live);
    expect(m.page).toBe('edit');
    expect(m.fields.filter((f) => f.required).map((f) => f.apiName)).toEqual(['name', 'account_name', 'date_closed', 'amount', 'sales_stage']);
  });

  it('a site entry that reads its own fields from the page is read in full on every batch', () => {
    expect(suiteCrmAdapter(SITE).createLiveReader).toBeTypeOf('function');
    const own: SiteDefinition = { ...SITE, field: { container: '.detail-view-row-item', label: '.label', input: 'input' } };
    expect(suiteCrmAdapter(own).createLiveReader).toBeUndefined();
    expect(suiteCrmAdapter({ ...SITE, object: { selector: 'h2.module-title-text', names: ['Opportunity'] } }).createLiveReader).toBeUndefined();
  });
});
