import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { addToDraft, DRAFT_ID, DRAFT_TIP_PRIORITY, emptyDraft, itemIdFrom, lintPack, lintProblems, nextPatch, whenOfPage } from '@/utils/author/draft';
import { draftItemOf, formForPage, stepOf } from '@/utils/author/form';
import { getDraftPack, registerAuthorHandlers, saveDraftItem, saveDraftPack, senderKind } from '@/utils/author/background';
import { sendMessage } from '@/utils/messaging';
import { sendAs } from '../../fake-sender';
import { listInstalled } from '@/utils/packs/store';
import { validatePack } from '@/utils/packs/validate';
import type { PageModel } from '@/utils/crm/types';
import type { Target } from '@/utils/packs/types';

const PAGE = { crm: 'salesforce', object: { label: 'Opportunity', apiName: 'Opportunity' }, page: 'record' as const };

function model(extra: Partial<PageModel> = {}): PageModel {
  return { ...PAGE, recordKey: null, url: 'https://acme.lightning.force.com/lightning/r/Opportunity/x/view', fields: [], ...extra };
}

describe('draft pack', () => {
  it('starts valid and empty, with the draft id', () => {
    const d = emptyDraft();
    expect(d.id).toBe(DRAFT_ID);
    expect(validatePack(d).ok).toBe(true);
  });

  it('ids from titles, unique in their list', () => {
    expect(itemIdFrom('Keep Next Step current!', [], 'tip')).toBe('keep-next-step-current');
    expect(itemIdFrom('Keep Next Step current', ['keep-next-step-current'], 'tip')).toBe('keep-next-step-current-2');
    expect(itemIdFrom('保持最新', [], 'tip')).toBe('tip');
    expect(itemIdFrom('保持最新', ['tip'], 'tip')).toBe('tip-2');
  });

  it('versions move on with every save', () => {
    expect(nextPatch('0.1.0')).toBe('0.1.1');
    expect(nextPatch('2.3.9')).toBe('2.3.10');
    expect(nextPatch('junk')).toBe('0.1.0');
  });

  it('when from the page: CRM, object API name, page kind; nothing about the record', () => {
    expect(whenOfPage(PAGE)).toEqual({ crm: ['salesforce'], object: ['Opportunity'], page: ['record'] });
    expect(whenOfPage({ crm: 'zoho', object: null, page: 'home' })).toEqual({ crm: ['zoho'], page: ['home'] });
    // A pack site (its id is known to its own pack only): the built-in reader it names, else no CRM.
    expect(whenOfPage({ crm: 'local-suite', reader: 'suitecrm', object: { label: 'Opportunity', apiName: 'Opportunity' }, page: 'edit' })).toEqual({ crm: ['suitecrm'], object: ['Opportunity'], page: ['edit'] });
    expect(whenOfPage({ crm: 'acme-crm', object: null, page: 'record' })).toEqual({ page: ['record'] });
    const onSite = addToDraft(null, { kind: 'tip', tip: { title: 'T', body: '', target: { field: 'amount' }, when: whenOfPage({ crm: 'local-suite', reader: 'suitecrm', object: null, page: 'record' }) } });
    expect(validatePack(onSite.pack).ok).toBe(true);
  });

  it('adds a tip, a tour and nudge fields; every result validates', () => {
    const when = whenOfPage(PAGE);
    const a = addToDraft(null, { kind: 'tip', tip: { title: 'Amount matters', body: 'Fill **Amount**.', target: { field: 'Amount' }, when } });
    expect(a.key).toBe(`${DRAFT_ID}/amount-matters`);
    expect(a.pack.tips![0]).toMatchObject({ id: 'amount-matters', target: { field: 'Amount' }, priority: DRAFT_TIP_PRIORITY, body: 'Fill **Amount**.' });
    const b = addToDraft(a.pack, {
      kind: 'tour',
      tour: { title: 'Edit it', when, audience: { roles: ['sales'] }, steps: [{ target: { selector: 'button[name="Edit"]' }, body: 'Click', advanceOn: 'click' }, { target: { field: 'Amount' }, body: 'Type', advanceOn: 'next' }] },
    });
    expect(b.pack.version).toBe('0.1.1');
    expect(b.pack.tours![0].steps[0].advanceOn).toBe('click');
    expect(b.pack.tours![0].steps[1]).not.toHaveProperty('advanceOn');
    expect(b.pack.tours![0].audience).toEqual({ roles: ['sales'] });
    const c = addToDraft(b.pack, { kind: 'nudge-field', nudge: { field: 'Amount', when, message: 'Fill these' } });
    const d = addToDraft(c.pack, { kind: 'nudge-field', nudge: { field: 'NextStep', when: { page: ['record'], object: ['Opportunity'], crm: ['salesforce'] }, message: 'x' } });
    const e = addToDraft(d.pack, { kind: 'nudge-field', nudge: { field: 'amount', when, message: 'x' } });
    expect(e.pack.nudges).toHaveLength(1);
    expect(e.pack.nudges![0].fields).toEqual(['Amount', 'NextStep']);
    const f = addToDraft(e.pack, { kind: 'nudge-field', nudge: { field: 'Amount', when: { crm: ['salesforce'], page: ['edit'] }, message: 'x' } });
    expect(f.pack.nudges).toHaveLength(2);
    for (const p of [a, b, c, d, e, f]) expect(validatePack(p.pack).ok).toBe(true);
  });

  it('"Test this pack on this page" lists targets matching nothing or more than one element, for items of this page only', () => {
    const when = whenOfPage(PAGE);
    let pack = addToDraft(null, { kind: 'tip', tip: { title: 'One', body: '', target: { field: 'Amount' }, when } }).pack;
    pack = addToDraft(pack, { kind: 'tip', tip: { title: 'Elsewhere', body: '', target: { field: 'Amount' }, when: { crm: ['hubspot'] } } }).pack;
    pack = addToDraft(pack, { kind: 'tour', tour: { title: 'T', when, steps: [{ target: { selector: 'button' }, body: 'a', advanceOn: 'next' }, { target: { page: true }, body: 'b', advanceOn: 'next' }] } }).pack;
    const counts: Record<string, number> = { '{"field":"Amount"}': 1, '{"selector":"button"}': 4 };
    const rows = lintPack(pack, model(), (t: Target) => counts[JSON.stringify(t)] ?? 0);
    expect(rows.map((r) => r.path)).toEqual(['tips[0].target', 'tours[0].steps[0].target']);
    expect(lintProblems(rows)).toEqual([{ key: `${DRAFT_ID}/t`, step: 1, path: 'tours[0].steps[0].target', target: { selector: 'button' }, matches: 4 }]);
  });
});

describe('the author form', () => {
  const form = formForPage(PAGE);

  it('a tip needs a title; a weak target needs the confirmation', () => {
    expect(draftItemOf(form, { field: 'Amount' }, false)).toEqual({ problem: 'title' });
    const ok = { ...form, title: 'T', body: 'B' };
    expect(draftItemOf(ok, { selector: 'span' }, true)).toEqual({ problem: 'weak' });
    const item = draftItemOf({ ...ok, confirmWeak: true }, { selector: 'span' }, true);
    expect(item).toEqual({ item: { kind: 'tip', tip: { title: 'T', body: 'B', target: { selector: 'span' }, when: { crm: ['salesforce'], object: ['Opportunity'], page: ['record'] } } } });
  });

  it('when and audience from the text fields, checked', () => {
    expect(draftItemOf({ ...form, title: 'T', page: 'record, bogus' }, { field: 'A' }, false)).toEqual({ problem: 'page' });
    expect(draftItemOf({ ...form, title: 'T', roles: 'Sales, not ok!' }, { field: 'A' }, false)).toEqual({ problem: 'roles' });
    // The pack format's role ids (ROLE_ID_PATTERN), no other rule: what the form takes, a pack may hold.
    expect(draftItemOf({ ...form, title: 'T', roles: '2nd-line' }, { field: 'A' }, false)).toEqual({ problem: 'roles' });
    expect(draftItemOf({ ...form, title: 'T', roles: 'Sales_Ops' }, { field: 'A' }, false)).toMatchObject({ item: { tip: { audience: { roles: ['sales_ops'] } } } });
    const r = draftItemOf({ ...form, title: 'T', crm: '', object: '', page: 'record, edit', roles: 'Sales, support' }, { field: 'A' }, false);
    expect(r).toMatchObject({ item: { tip: { when: { page: ['record', 'edit'] }, audience: { roles: ['sales', 'support'] } } } });
  });

  it('a nudge field needs a field target', () => {
    const nf = { ...form, kind: 'nudge-field' as const, body: 'Fill it' };
    expect(draftItemOf(nf, { selector: 'button' }, false)).toEqual({ problem: 'field' });
    expect(draftItemOf(nf, { field: 'Amount' }, false)).toMatchObject({ item: { kind: 'nudge-field', nudge: { field: 'Amount', message: 'Fill it' } } });
  });

  it('a tour needs its title and steps; a step needs a body', () => {
    const tf = { ...form, kind: 'tour-step' as const };
    expect(stepOf(tf, { field: 'Amount' }, false)).toEqual({ problem: 'body' });
    const s = stepOf({ ...tf, body: 'Type', advanceOn: 'input' }, { field: 'Amount' }, false);
    expect(s).toEqual({ step: { target: { field: 'Amount' }, title: '', body: 'Type', advanceOn: 'input' } });
    expect(draftItemOf(tf, null, false, [])).toEqual({ problem: 'title' });
    expect(draftItemOf({ ...tf, tourTitle: 'Tour' }, null, false, [])).toEqual({ problem: 'steps' });
    expect(draftItemOf({ ...tf, tourTitle: 'Tour' }, null, false, ['step' in s ? s.step : (null as never)])).toMatchObject({ item: { kind: 'tour', tour: { title: 'Tour', steps: [{ body: 'Type' }] } } });
  });
});

describe('background: the draft in the pack store', () => {
  const EXT = 'chrome-extension://abc/';

  it('knows who sends: extension pages, content scripts, anyone else', () => {
    expect(senderKind({ id: 'abc', url: `${EXT}options.html`, tab: { id: 1 } }, 'abc', EXT)).toBe('page');
    expect(senderKind({ id: 'abc', url: 'https://acme.lightning.force.com/x', tab: { id: 3 } }, 'abc', EXT)).toBe('content');
    expect(senderKind({ id: 'other', url: 'https://x', tab: { id: 3 } }, 'abc', EXT)).toBe('other');
    expect(senderKind({ id: 'abc', url: 'https://x' }, 'abc', EXT)).toBe('other');
    expect(senderKind(undefined, 'abc', EXT)).toBe('other');
  });

  it('saves items into the draft (source draft), bumps its version, refuses an invalid one whole', async () => {
    const when = whenOfPage(PAGE);
    const r1 = await saveDraftItem({ kind: 'tip', tip: { title: 'Amount', body: 'x', target: { field: 'Amount' }, when } });
    expect(r1).toMatchObject({ ok: true, key: `${DRAFT_ID}/amount` });
    const r2 = await saveDraftItem({ kind: 'tip', tip: { title: 'Bad', body: 'x', target: { field: 'Amount' }, when: { page: ['nowhere' as never] } } });
    expect(r2.ok).toBe(false);
    const installed = (await listInstalled()).find((p) => p.pack.id === DRAFT_ID)!;
    expect(installed.source).toBe('draft');
    expect(installed.pack.tips).toHaveLength(1);
    expect(installed.pack.version).toBe('0.1.0');
    await saveDraftItem({ kind: 'tip', tip: { title: 'Amount', body: 'y', target: { field: 'Amount' }, when } });
    expect((await getDraftPack())!.tips!.map((t) => t.id)).toEqual(['amount', 'amount-2']);
    expect((await getDraftPack())!.version).toBe('0.1.1');
  });

  it('edits the draft from text; its id stays the draft’s', async () => {
    await saveDraftItem({ kind: 'tip', tip: { title: 'Amount', body: 'x', target: { field: 'Amount' }, when: {} } });
    const pack = (await getDraftPack())!;
    const edited = { ...pack, tips: [{ ...pack.tips![0], title: 'Edited' }] };
    expect(await saveDraftPack(JSON.stringify(edited))).toMatchObject({ ok: true });
    expect((await getDraftPack())!.tips![0].title).toBe('Edited');
    const renamed = await saveDraftPack(JSON.stringify({ ...edited, id: 'other-id' }));
    expect(renamed).toMatchObject({ ok: false });
    expect((await listInstalled()).map((p) => p.pack.id)).not.toContain('other-id');
  });

  it('obeys the policy: no drafts when allowUserPacks is false', async () => {
    await fakeBrowser.storage.managed.set({ allowUserPacks: false });
    const r = await saveDraftItem({ kind: 'tip', tip: { title: 'A', body: '', target: { page: true }, when: {} } });
    expect(r.ok).toBe(false);
    expect(await getDraftPack()).toBeNull();
  });

  it('handlers name who may call them: a content script cannot replace the draft; anyone else can do nothing', async () => {
    const when = whenOfPage(PAGE);
    const stopContent = registerAuthorHandlers(() => 'content');
    const crm = 'https://acme.lightning.force.com/lightning/r/Opportunity/006Dn000004AbCdIAK/view';
    try {
      const text = JSON.stringify(addToDraft(null, { kind: 'tip', tip: { title: 'X', body: '', target: { field: 'A' }, when } }).pack);
      expect(await sendMessage('saveDraftPack', { text })).toMatchObject({ ok: false });
      expect(await getDraftPack()).toBeNull();
      // The sender table lets a coach tab's content script add one item (utils/message-access.ts).
      sendAs({ id: fakeBrowser.runtime.id, url: crm, tab: { id: 3, url: crm }, frameId: 0 });
      expect(await sendMessage('saveDraftItem', { kind: 'tip', tip: { title: 'Y', body: '', target: { field: 'A' }, when } })).toMatchObject({ ok: true });
    } finally {
      sendAs(null);
      stopContent();
    }
    const stopOther = registerAuthorHandlers(() => 'other');
    try {
      // From the options page the sender table refuses these before the handler runs.
      await expect(sendMessage('saveDraftItem', { kind: 'tip', tip: { title: 'Z', body: '', target: { field: 'A' }, when } })).rejects.toThrow(/refused/);
      expect(await sendMessage('getDraftPack')).toBeNull();
      await expect(sendMessage('startAuthor')).rejects.toThrow(/refused/);
      expect((await getDraftPack())!.tips!.map((t) => t.id)).toEqual(['y']);
    } finally {
      stopOther();
    }
  });
});
