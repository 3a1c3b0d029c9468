import { afterEach, describe, expect, it } from 'vitest';
import { loadFixture, type Loaded } from './fixture';
import { readPage } from '@/utils/crm';
import { createSelectorScope, findField, resolveTarget } from '@/utils/crm/targets';
import { closestDeep } from '@/utils/crm/dom';
import type { FieldModel, PageModel } from '@/utils/crm/types';

const VIEW = 'https://acme.lightning.force.com/lightning/r/Opportunity/006Dn000004AbCdIAK/view';
let l: Loaded | null = null;
afterEach(async () => {
  await l?.close();
  l = null;
});

function model(fields: Partial<FieldModel>[]): PageModel {
  const el = document.createElement('div');
  return {
    crm: 'salesforce', object: null, page: 'record', recordKey: null, url: VIEW,
    fields: fields.map((f) => ({ label: '', apiName: '', empty: true, required: false, element: el, value: '', visible: true, ...f })),
  };
}

describe('findField', () => {
  it('matches API name or label, case and whitespace insensitive', () => {
    const m = model([{ label: 'Next Step', apiName: 'NextStep' }, { label: 'Close Date', apiName: 'CloseDate' }]);
    expect(findField(m, 'next  step')?.apiName).toBe('NextStep');
    expect(findField(m, ' NEXTSTEP ')?.apiName).toBe('NextStep');
    expect(findField(m, 'closedate')?.label).toBe('Close Date');
    expect(findField(m, 'Amount')).toBeUndefined();
    expect(findField(m, '   ')).toBeUndefined();
  });

  it('prefers a visible field, then an API-name match, then page order', () => {
    const a = document.createElement('i');
    const b = document.createElement('b');
    const m = model([
      { label: 'Phone', apiName: 'billing_phone', visible: false, element: a },
      { label: 'Phone', apiName: 'primary_phone', visible: true, element: b },
    ]);
    expect(findField(m, 'Phone')?.element).toBe(b);
    const m2 = model([{ label: 'Type', apiName: 'Kind' }, { label: 'Kind of deal', apiName: 'Type' }]);
    expect(findField(m2, 'type')?.label).toBe('Kind of deal');
    const m3 = model([{ label: 'Name', apiName: 'a' }, { label: 'Name', apiName: 'b' }]);
    expect(findField(m3, 'name')?.apiName).toBe('a');
  });
});

describe('resolveTarget', () => {
  it('resolves fields and selectors through shadow roots, preferring the visible match', async () => {
    l = await loadFixture('salesforce/opportunity.html', VIEW);
    const m = readPage(l.doc, l.url(), { salt: 's' })!;
    expect(resolveTarget({ field: 'Next Step' }, m, l.doc)).toBe(findField(m, 'NextStep')!.element);
    expect(resolveTarget({ field: 'No Such Field' }, m, l.doc)).toBeNull();
    expect(resolveTarget({ page: true }, m, l.doc)).toBeNull();
    // Two Edit buttons: the stale Contact page's (hidden) comes first in the DOM.
    const edit = resolveTarget({ selector: "button[name='Edit']" }, m, l.doc)!;
    expect(edit).not.toBeNull();
    expect(closestDeep(edit, '.oneContent')?.getAttribute('data-object')).toBe('Opportunity');
    // Inside shadow roots, filtered by text.
    const pencil = resolveTarget({ selector: 'button.test-id__inline-edit-trigger', text: 'edit next step' }, m, l.doc)!;
    expect(pencil.getAttribute('title')).toBe('Edit Next Step');
    expect(resolveTarget({ selector: 'button', text: 'no such text' }, m, l.doc)).toBeNull();
    expect(resolveTarget({ selector: 'button[[' }, m, l.doc)).toBeNull();
  });

  it('reaches closed shadow roots through shadowRootOf', () => {
    const host = document.createElement('x-closed');
    const root = host.attachShadow({ mode: 'closed' });
    const btn = document.createElement('button');
    btn.name = 'SaveEdit';
    btn.textContent = 'Save';
    root.append(btn);
    document.body.append(host);
    try {
      const m = model([]);
      expect(resolveTarget({ selector: "button[name='SaveEdit']" }, m, document)).toBeNull();
      expect(resolveTarget({ selector: "button[name='SaveEdit']", text: 'save' }, m, document, (el) => (el === host ? root : null))).toBe(btn);
    } finally {
      host.remove();
    }
  });
});

describe('createSelectorScope', () => {
  it('answers as resolveTarget does, through shadow roots, with text, for invalid selectors', async () => {
    l = await loadFixture('salesforce/opportunity.html', VIEW);
    const m = readPage(l.doc, l.url(), { salt: 's' })!;
    const scope = createSelectorScope(l.doc);
    const targets = [
      { selector: "button[name='Edit']" },
      { selector: 'button.test-id__inline-edit-trigger', text: 'edit next step' },
      { selector: 'button.test-id__inline-edit-trigger', text: 'no such field' },
      { selector: 'button', text: 'no such text' },
      { selector: 'div.nope-1 span, main *:not(.x-1)', text: 'zzz' },
      { selector: 'button[[' },
      { selector: 'records-record-layout-item' },
    ];
    const answers = targets.map((t) => scope(t));
    expect(answers).toEqual(targets.map((t) => resolveTarget(t, m, l!.doc) !== null));
    // Both answers occur: the comparison says something.
    expect(answers).toContain(true);
    expect(answers).toContain(false);
  });

  it('without text, our own overlay host is not an answer, even as the first match', () => {
    const overlayHost = document.createElement('crm-coach-overlay');
    overlayHost.className = 'probe';
    document.body.prepend(overlayHost);
    try {
      expect(createSelectorScope(document)({ selector: '.probe' })).toBe(false);
      const other = document.createElement('div');
      other.className = 'probe';
      document.body.append(other);
      expect(createSelectorScope(document)({ selector: '.probe' })).toBe(true);
      other.remove();
    } finally {
      overlayHost.remove();
    }
  });

  it('finds the page trees once, when made: a later shadow root needs a new scope, a later element does not', () => {
    const scope = createSelectorScope(document);
    const host = document.createElement('x-late');
    const btn = document.createElement('button');
    btn.className = 'late';
    host.attachShadow({ mode: 'open' }).append(btn);
    const plain = document.createElement('a');
    plain.className = 'plain';
    document.body.append(host, plain);
    try {
      expect(scope({ selector: 'a.plain' })).toBe(true);
      expect(scope({ selector: 'button.late' })).toBe(false);
      expect(createSelectorScope(document)({ selector: 'button.late' })).toBe(true);
      // Closed roots through shadowRootOf, as resolveTarget reads them.
      const closedHost = document.createElement('x-closed-late');
      const root = closedHost.attachShadow({ mode: 'closed' });
      const save = document.createElement('button');
      save.textContent = 'Save';
      root.append(save);
      document.body.append(closedHost);
      expect(createSelectorScope(document)({ selector: 'button', text: 'save' })).toBe(false);
      expect(createSelectorScope(document, (el) => (el === closedHost ? root : null))({ selector: 'button', text: 'save' })).toBe(true);
      closedHost.remove();
    } finally {
      host.remove();
      plain.remove();
    }
  });
});
