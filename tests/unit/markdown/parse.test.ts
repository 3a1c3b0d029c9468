import { describe, expect, it } from 'vitest';
import { MAX_MD_DEPTH, markdownBodies, markdownTexts, parseMarkdown } from '@/utils/packs/markdown';
import type { MdBlock, MdInline } from '@/utils/markdown-tree';
import type { Pack } from '@/utils/packs/types';

const text = (t: string): MdInline => ({ type: 'text', text: t });
const para = (...children: MdInline[]): MdBlock => ({ type: 'paragraph', children });

/** Every link href anywhere in a tree. */
function hrefs(blocks: MdBlock[]): string[] {
  const inl = (nodes: MdInline[]): string[] =>
    nodes.flatMap((n) => (n.type === 'link' ? [n.href, ...inl(n.children)] : 'children' in n ? inl(n.children) : []));
  return blocks.flatMap((b) => (b.type === 'paragraph' ? inl(b.children) : b.items.flatMap(hrefs)));
}

/** The deepest nesting of blocks and inlines in a tree. */
function depthOf(blocks: MdBlock[]): number {
  const inl = (nodes: MdInline[]): number => Math.max(0, ...nodes.map((n) => ('children' in n ? 1 + inl(n.children) : 0)));
  return Math.max(0, ...blocks.map((b) => (b.type === 'paragraph' ? inl(b.children) : 1 + Math.max(0, ...b.items.map(depthOf)))));
}

describe('parseMarkdown: outside the subset', () => {
  it('turns raw HTML blocks and inline tags into text', () => {
    expect(parseMarkdown('<div onclick="x()">\nhi\n</div>')).toEqual([para(text('<div onclick="x()">\nhi\n</div>'))]);
    expect(parseMarkdown('a <b onmouseover="x">b</b> <!-- c -->')).toEqual([para(text('a <b onmouseover="x">b</b> <!-- c -->'))]);
  });

  it('shows images as their alt text, never as a link or image', () => {
    const blocks = parseMarkdown('see ![the *chart*](https://e.example/c.png) here');
    expect(blocks).toEqual([para(text('see the chart here'))]);
  });

  it('flattens code blocks, rules, tables, strikethrough and task boxes to text', () => {
    expect(parseMarkdown('```js\nalert(1)\n```')).toEqual([para(text('alert(1)'))]);
    expect(parseMarkdown('a\n\n***\n\nb')).toEqual([para(text('a')), para(text('***')), para(text('b'))]);
    expect(parseMarkdown('| A | **B** |\n| - | - |\n| 1 | 2 |')).toEqual([
      para(text('A | '), { type: 'strong', children: [text('B')] }),
      para(text('1 | 2')),
    ]);
    expect(parseMarkdown('~~old~~ new')).toEqual([para(text('old new'))]);
    expect(parseMarkdown('- [ ] todo\n- [x] done')).toEqual([
      { type: 'list', ordered: false, start: 1, items: [[para(text('[ ] todo'))], [para(text('[x] done'))]] },
    ]);
  });

  it('resolves character references in text but not in code', () => {
    expect(parseMarkdown('a &amp; b &lt;i&gt; &#65;&#x42; &bogus; `&amp;`')).toEqual([
      para(text('a & b <i> AB &bogus; '), { type: 'code', text: '&amp;' }),
    ]);
  });

  it('drops link reference definitions and resolves their links through safeHref', () => {
    expect(parseMarkdown('[ok][a] [bad][b]\n\n[a]: https://e.example/x\n[b]: javascript:alert(1)')).toEqual([
      para({ type: 'link', href: 'https://e.example/x', children: [text('ok')] }, text(' bad')),
    ]);
  });

  it('makes no link out of javascript:, data:, http:, relative or nested links', () => {
    const src = [
      '[a](javascript:alert(1)) [b](data:text/html,<script>x</script>) [c](http://e.example) [d](/x)',
      '[e](<JAVASCRIPT:alert(1)>) <data:text/html,x> www.example.com [f](vbscript:x)',
      '[outer [inner](https://i.example) text](https://o.example)',
      '[x <https://n.example>](https://l.example)',
    ].join('\n\n');
    const blocks = parseMarkdown(src);
    expect(hrefs(blocks).every((h) => /^(https:|mailto:)/.test(h))).toBe(true);
    // The outer brackets are not a link (links do not nest); GFM links the bare URL after them.
    expect(hrefs(blocks)).toEqual(['https://i.example/', 'https://o.example/', 'https://l.example/']);
    const links = blocks.flatMap((b) => (b.type === 'paragraph' ? b.children : [])).filter((n) => n.type === 'link');
    // A link inside a link's text stays text.
    expect(links.at(-1)).toEqual({ type: 'link', href: 'https://l.example/', children: [text('x <https://n.example>')] });
    expect(blocks[0]).toEqual(para(text('a b c d')));
  });

  it('caps nesting depth and keeps the deeper source as text', () => {
    const lists = Array.from({ length: 30 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n');
    const tree = parseMarkdown(lists);
    expect(depthOf(tree)).toBeLessThanOrEqual(MAX_MD_DEPTH);
    expect(JSON.stringify(tree)).toContain('level 29');
    const quotes = parseMarkdown('>'.repeat(40) + ' deep');
    expect(JSON.stringify(quotes)).toContain('deep');
  });

  it('returns nothing for blank text and never throws on junk', () => {
    expect(parseMarkdown('  \n\n ')).toEqual([]);
    for (const junk of ['[', '*'.repeat(5000), '<'.repeat(2000), '`'.repeat(3001), '- '.repeat(1500), '[]('.repeat(1000)]) {
      expect(() => parseMarkdown(junk)).not.toThrow();
    }
  });
});

const pack = (extra: Partial<Pack>): Pack => ({ format: 'crm-coach/pack@1', id: 'acme', version: '1.0.0', title: 'Acme', ...extra });

describe('markdownBodies', () => {
  const packs: Pack[] = [
    pack({
      tips: [
        { id: 't1', target: { page: true }, title: 'T', body: { en: 'Tip **en**', 'zh-CN': '提示 **中**' } },
        { id: 't2', target: { page: true }, title: 'No body' },
      ],
      snippets: [{ id: 's1', title: 'S', body: 'Snippet [docs](https://d.example)' }],
      tours: [{ id: 'r1', title: 'R', steps: [{ target: { page: true }, body: 'Step one' }, { target: { page: true }, body: { en: 'Step two' } }] }],
    }),
    pack({ id: 'other', tips: [{ id: 'x', target: { page: true }, title: 'X', body: 'Tip **en**' }] }),
  ];

  it('has a tree for every language of every tip, snippet and tour step body, keyed by its text', () => {
    const bodies = markdownBodies(packs);
    expect(Object.keys(bodies).sort()).toEqual(['Snippet [docs](https://d.example)', 'Step one', 'Step two', 'Tip **en**', '提示 **中**'].sort());
    expect(bodies['提示 **中**']).toEqual([para(text('提示 '), { type: 'strong', children: [text('中')] })]);
    expect(bodies['Snippet [docs](https://d.example)']).toEqual(parseMarkdown('Snippet [docs](https://d.example)'));
    expect(markdownTexts([])).toEqual([]);
  });

  it('is safe with texts that name Object.prototype members, and survives a message round trip', () => {
    const odd = pack({ tips: ['__proto__', 'constructor', 'toString'].map((body, i) => ({ id: `o${i}`, target: { page: true }, title: 'o', body })) });
    const bodies = markdownBodies([odd]);
    expect(Object.getPrototypeOf(bodies)).toBe(Object.prototype);
    expect(Object.hasOwn(bodies, '__proto__')).toBe(true);
    expect(bodies.constructor).toEqual([para(text('constructor'))]);
    const copy = JSON.parse(JSON.stringify(bodies)) as Record<string, MdBlock[]>;
    expect(copy).toEqual(bodies);
    expect(structuredClone(bodies)).toEqual(bodies);
  });
});
