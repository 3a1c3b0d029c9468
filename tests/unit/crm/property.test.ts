// Property test: random DOM mutations (add, remove, relabel fields, toggle values, collapse
// sections, junk nodes) never make an adapter throw, and the model always matches the DOM.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { salesforceAdapter } from '@/utils/crm/salesforce';
import { siteAdapter } from '@/utils/crm/sites';
import { findField } from '@/utils/crm/targets';
import type { CrmAdapter } from '@/utils/crm/types';

type Action =
  | { kind: 'add'; label: string; value: string; section: number }
  | { kind: 'remove'; index: number }
  | { kind: 'relabel'; index: number; label: string }
  | { kind: 'value'; index: number; value: string }
  | { kind: 'collapse'; section: number; collapsed: boolean }
  | { kind: 'junk'; text: string };

interface Spec {
  id: number;
  label: string;
  value: string;
  section: number;
}

const label = fc.constantFrom('Amount', 'Next Step', 'Close Date', 'Stage', '下一步', 'Phone', 'A  b', 'x');
const value = fc.constantFrom('', '', ' ', '42', 'Jane', '--', 'jane.doe@example.com');
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), label, value, section: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ kind: fc.constant('remove' as const), index: fc.nat(20) }),
  fc.record({ kind: fc.constant('relabel' as const), index: fc.nat(20), label }),
  fc.record({ kind: fc.constant('value' as const), index: fc.nat(20), value }),
  fc.record({ kind: fc.constant('collapse' as const), section: fc.integer({ min: 0, max: 2 }), collapsed: fc.boolean() }),
  fc.record({ kind: fc.constant('junk' as const), text: fc.string({ maxLength: 8 }) }),
);

interface Harness {
  adapter: CrmAdapter;
  url: URL;
  doc: Document;
  add(spec: Spec): Element; // returns the field's element
  relabel(el: Element, label: string): void;
  input(el: Element): HTMLInputElement;
  section(i: number): Element;
}

function salesforceHarness(): Harness {
  const doc = document.implementation.createHTMLDocument('sf');
  const page = doc.createElement('div');
  page.className = 'oneContent active';
  doc.body.append(page);
  const sections: Element[] = [];
  for (let i = 0; i < 3; i++) {
    const s = doc.createElement('records-record-layout-section');
    const root = s.attachShadow({ mode: 'open' });
    root.append(doc.createElement('div'));
    page.append(s);
    sections.push(s);
  }
  return {
    adapter: salesforceAdapter,
    url: new URL('https://p.lightning.force.com/lightning/r/Opportunity/006000000000001AAA/view'),
    doc,
    add(spec) {
      const item = doc.createElement('records-record-layout-item');
      item.setAttribute('field-label', spec.label);
      item.setAttribute('data-target-selection-name', `sfdc:RecordField.Opportunity.F${spec.id}__c`);
      const root = item.attachShadow({ mode: 'open' });
      const wrap = doc.createElement('records-record-layout-base-input');
      const input = doc.createElement('input');
      input.value = spec.value;
      wrap.append(input);
      root.append(wrap);
      sections[spec.section].shadowRoot!.firstElementChild!.append(item);
      return item;
    },
    relabel(el, l) {
      el.setAttribute('field-label', l);
    },
    input(el) {
      return el.shadowRoot!.querySelector('input')!;
    },
    section(i) {
      return sections[i].shadowRoot!.firstElementChild!;
    },
  };
}

function sitesHarness(): Harness {
  const doc = document.implementation.createHTMLDocument('site');
  const sections: Element[] = [];
  for (let i = 0; i < 3; i++) {
    const fs = doc.createElement('fieldset');
    doc.body.append(fs);
    sections.push(fs);
  }
  return {
    adapter: siteAdapter({
      id: 'p', name: 'P', match: ['https://p.example/*'],
      field: { container: '.form-row', label: 'label', input: 'input', required: '.required' },
    }),
    url: new URL('https://p.example/records/1'),
    doc,
    add(spec) {
      const row = doc.createElement('div');
      row.className = 'form-row';
      const lab = doc.createElement('label');
      lab.textContent = spec.label;
      const input = doc.createElement('input');
      input.name = `f${spec.id}`;
      input.value = spec.value;
      row.append(lab, input);
      sections[spec.section].append(row);
      return row;
    },
    relabel(el, l) {
      el.querySelector('label')!.textContent = l;
    },
    input(el) {
      return el.querySelector('input')!;
    },
    section(i) {
      return sections[i];
    },
  };
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

function run(make: () => Harness) {
  fc.assert(
    fc.property(fc.array(action, { maxLength: 40 }), (actions) => {
      const h = make();
      const live: { spec: Spec; el: Element }[] = [];
      const collapsed = [false, false, false];
      let next = 0;
      for (const a of actions) {
        switch (a.kind) {
          case 'add': {
            const spec = { id: next++, label: a.label, value: a.value, section: a.section };
            live.push({ spec, el: h.add(spec) });
            break;
          }
          case 'remove':
            if (live.length) live.splice(a.index % live.length, 1)[0].el.remove();
            break;
          case 'relabel':
            if (live.length) {
              const f = live[a.index % live.length];
              f.spec.label = a.label;
              h.relabel(f.el, a.label);
            }
            break;
          case 'value':
            if (live.length) {
              const f = live[a.index % live.length];
              f.spec.value = a.value;
              h.input(f.el).value = a.value;
            }
            break;
          case 'collapse':
            collapsed[a.section] = a.collapsed;
            h.section(a.section).toggleAttribute('hidden', a.collapsed);
            break;
          case 'junk': {
            const j = h.doc.createElement('span');
            j.textContent = a.text;
            h.doc.body.append(j);
            break;
          }
        }
        const m = h.adapter.read(h.doc, h.url, { salt: 'p' });
        const expected = live.filter((f) => norm(f.spec.label) !== '').map((f) => ({
          label: norm(f.spec.label),
          empty: f.spec.value.trim() === '',
          visible: !collapsed[f.spec.section],
        }));
        const got = m.fields.map((f) => ({ label: f.label, empty: f.empty, visible: f.visible }));
        // Same fields, in any section order.
        const key = (x: { label: string; empty: boolean; visible: boolean }) => JSON.stringify(x);
        expect(got.map(key).sort()).toEqual(expected.map(key).sort());
        for (const f of m.fields) {
          expect(f.element.isConnected).toBe(true);
          expect(findField(m, f.apiName)).toBeDefined();
        }
      }
    }),
    { numRuns: 60 },
  );
}

describe('adapters under random DOM mutations', () => {
  it('Salesforce (shadow DOM) model stays consistent and nothing throws', () => run(salesforceHarness));
  it('pack sites model stays consistent and nothing throws', () => run(sitesHarness));
});
