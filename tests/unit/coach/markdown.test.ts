import { describe, expect, it } from 'vitest';
import { safeHref } from '@/utils/coach/markdown';
import { parseMarkdown } from '@/utils/packs/markdown';
import type { MdInline } from '@/utils/markdown-tree';

/** The inline nodes of a one-paragraph body. */
function parseInline(source: string): MdInline[] {
  const blocks = parseMarkdown(source);
  expect(blocks).toHaveLength(1);
  const [only] = blocks;
  if (only.type !== 'paragraph') throw new Error(`expected a paragraph, got ${only.type}`);
  return only.children;
}

const text = (t: string) => ({ type: 'text', text: t });

// The behaviours the overlay has always had, now from the background's marked-based parser.
describe('parseMarkdown inlines', () => {
  it('reads emphasis, strong, code and escapes', () => {
    expect(parseInline('a *b* **c** `d` \\*e\\*')).toEqual([
      text('a '),
      { type: 'em', children: [text('b')] },
      text(' '),
      { type: 'strong', children: [text('c')] },
      text(' '),
      { type: 'code', text: 'd' },
      text(' *e*'),
    ]);
    expect(parseInline('__x__ and _y_')).toEqual([
      { type: 'strong', children: [text('x')] },
      text(' and '),
      { type: 'em', children: [text('y')] },
    ]);
  });

  it('nests emphasis and keeps intraword underscores and lone stars literal', () => {
    expect(parseInline('*a **b** c*')).toEqual([
      { type: 'em', children: [text('a '), { type: 'strong', children: [text('b')] }, text(' c')] },
    ]);
    // CommonMark: <em><strong>x</strong></em>.
    expect(parseInline('***x***')).toEqual([{ type: 'em', children: [{ type: 'strong', children: [text('x')] }] }]);
    expect(parseInline('snake_case_name and 2 * 3 * 4')).toEqual([text('snake_case_name and 2 * 3 * 4')]);
  });

  it('does not read Markdown inside code', () => {
    expect(parseInline('``a `*b*` c``')).toEqual([{ type: 'code', text: 'a `*b*` c' }]);
  });

  it('keeps https and mailto links and turns other links into their text', () => {
    expect(parseInline('[Docs](https://example.com/a "t") [m](mailto:a@b.example)')).toEqual([
      { type: 'link', href: 'https://example.com/a', children: [text('Docs')] },
      text(' '),
      { type: 'link', href: 'mailto:a@b.example', children: [text('m')] },
    ]);
    for (const bad of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', '<javascript:alert(1)>', 'data:text/html,x', 'http://example.com', '/relative', 'vbscript:x']) {
      expect(parseInline(`[click](${bad})`)).toEqual([text('click')]);
    }
    // Not a link at all (whitespace in the target): literal text.
    expect(parseInline('[click]( java\tscript:alert(1))')).toEqual([text('[click]( java\tscript:alert(1))')]);
  });

  it('links bare https URLs and autolinks, but not other schemes', () => {
    expect(parseInline('see https://example.com/x.')).toEqual([
      text('see '),
      { type: 'link', href: 'https://example.com/x', children: [text('https://example.com/x')] },
      text('.'),
    ]);
    expect(parseInline('<https://e.example>')).toEqual([{ type: 'link', href: 'https://e.example/', children: [text('https://e.example')] }]);
    expect(parseInline('<javascript:alert(1)>')).toEqual([text('<javascript:alert(1)>')]);
  });

  it('keeps raw HTML as literal text', () => {
    expect(parseInline('<img src=x onerror=alert(1)><script>alert(1)</script>')).toEqual([
      text('<img src=x onerror=alert(1)><script>alert(1)</script>'),
    ]);
  });

  it('reads hard line breaks and keeps soft breaks as newlines', () => {
    expect(parseInline('a  \nb\\\nc\nd')).toEqual([text('a'), { type: 'br' }, text('b'), { type: 'br' }, text('c\nd')]);
  });
});

describe('parseMarkdown', () => {
  it('splits paragraphs on blank lines', () => {
    expect(parseMarkdown('one\ntwo\n\nthree')).toEqual([
      { type: 'paragraph', children: [text('one\ntwo')] },
      { type: 'paragraph', children: [text('three')] },
    ]);
  });

  it('reads bullet and ordered lists, with nesting', () => {
    const blocks = parseMarkdown('Intro\n- a\n- **b**\n  - b1\n\n3. x\n4. y');
    expect(blocks[0]).toEqual({ type: 'paragraph', children: [text('Intro')] });
    expect(blocks[1]).toEqual({
      type: 'list',
      ordered: false,
      start: 1,
      items: [
        [{ type: 'paragraph', children: [text('a')] }],
        [
          { type: 'paragraph', children: [{ type: 'strong', children: [text('b')] }] },
          { type: 'list', ordered: false, start: 1, items: [[{ type: 'paragraph', children: [text('b1')] }]] },
        ],
      ],
    });
    expect(blocks[2]).toMatchObject({ type: 'list', ordered: true, start: 3, items: [[{ children: [text('x')] }], [{ children: [text('y')] }]] });
  });

  it('shows unsupported block syntax as paragraphs of its text', () => {
    expect(parseMarkdown('# Title\n> quote')).toEqual([
      { type: 'paragraph', children: [text('Title')] },
      { type: 'paragraph', children: [text('quote')] },
    ]);
  });

  it('terminates on deep or pathological input', () => {
    const deep = Array.from({ length: 40 }, (_, i) => `${' '.repeat(i * 2)}- x`).join('\n');
    expect(parseMarkdown(deep).length).toBeGreaterThan(0);
    expect(parseMarkdown('*'.repeat(3000) + '[' .repeat(500)).length).toBe(1);
  });
});

describe('safeHref', () => {
  it('allows only absolute https and mailto', () => {
    expect(safeHref('https://example.com')).toBe('https://example.com/');
    expect(safeHref('mailto:x@y.example')).toBe('mailto:x@y.example');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('\u0001javascript:alert(1)')).toBeNull();
    expect(safeHref('https:/\u0000/x')).toBeNull();
    expect(safeHref('//example.com')).toBeNull();
  });
});
