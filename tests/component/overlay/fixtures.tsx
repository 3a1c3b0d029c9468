import type { FieldModel, PageModel } from '@/utils/crm/types';
import type { Pack } from '@/utils/packs/types';
import { setMarkdownTrees } from '@/components/overlay/markdown-trees';
import { parseMarkdown } from '@/utils/packs/markdown';

/** A field backed by a real element in the document (so anchoring and focusing work). */
export function domField(label: string, value = '', opts: { required?: boolean } = {}): FieldModel {
  const container = document.createElement('div');
  container.className = 'form-row';
  const lab = document.createElement('label');
  lab.textContent = label;
  const input = document.createElement('input');
  input.value = value;
  input.setAttribute('aria-label', label);
  container.append(lab, input);
  document.body.append(container);
  return {
    label,
    apiName: label.replace(/\s+/g, ''),
    empty: value.trim() === '',
    required: opts.required ?? false,
    element: container,
    value,
    visible: true,
  };
}

export function pageModel(fields: FieldModel[], extra: Partial<PageModel> = {}): PageModel {
  return {
    crm: 'salesforce',
    object: { label: 'Opportunity', apiName: 'Opportunity' },
    page: 'record',
    recordKey: 'rk_1',
    url: 'https://acme.lightning.force.com/lightning/r/Opportunity/006/view',
    fields,
    ...extra,
  };
}

export function makePack(extra: Partial<Pack> = {}): Pack {
  return { format: 'crm-coach/pack@1', id: 'acme', version: '1.0.0', title: 'Acme', ...extra };
}

/** Gives the overlay the trees the background sends for these Markdown texts (CoachState.bodies). */
export function withBodies(...texts: string[]): void {
  setMarkdownTrees(Object.fromEntries(texts.map((text) => [text, parseMarkdown(text)])));
}

export const HOSTILE = `<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1"> [click](javascript:window.__pwned=1) <a href="javascript:alert(1)">a</a> {{constructor}} \${alert(1)} <style>*{display:none}</style>`;

/** Asserts nothing executable or injected came out of hostile text. */
export function expectInert(root: ParentNode): void {
  if (root.querySelector('script, img, style, iframe, object, embed')) throw new Error('injected element rendered');
  for (const a of root.querySelectorAll('a')) {
    const href = a.getAttribute('href') ?? '';
    if (!/^(https:|mailto:)/i.test(href)) throw new Error(`unsafe link rendered: ${href}`);
  }
  for (const el of root.querySelectorAll('*')) {
    for (const attr of el.getAttributeNames()) if (/^on/i.test(attr)) throw new Error(`event handler attribute ${attr}`);
  }
}
