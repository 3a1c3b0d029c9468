import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { Markdown } from '@/components/overlay/Markdown';
import { markdownTree, setMarkdownTrees } from '@/components/overlay/markdown-trees';
import { parseMarkdown } from '@/utils/packs/markdown';
import type { MdBlock } from '@/utils/markdown-tree';
import { domField, expectInert, HOSTILE, makePack, pageModel, withBodies } from './fixtures';
import { startCoach } from './harness';

afterEach(() => {
  cleanup();
  document.body.replaceChildren();
  setMarkdownTrees(undefined);
});

const SUBSET = 'Hello **bold** and *em* with `code`\n\n- one\n- two [docs](https://example.com/d)\n\n1. first\n2. second\n\nline  \nbreak';

describe('Markdown', () => {
  it('renders the subset as elements from the tree the state carried for its text', () => {
    withBodies(SUBSET);
    const { container } = render(<Markdown source={SUBSET} />);
    expect(container.querySelector('strong')?.textContent).toBe('bold');
    expect(container.querySelector('em')?.textContent).toBe('em');
    expect(container.querySelector('code')?.textContent).toBe('code');
    expect(container.querySelectorAll('ul > li')).toHaveLength(2);
    expect(container.querySelectorAll('ol > li')).toHaveLength(2);
    expect(container.querySelector('br')).not.toBeNull();
    const a = container.querySelector('a')!;
    expect(a.getAttribute('href')).toBe('https://example.com/d');
    expect(a.getAttribute('target')).toBe('_blank');
    expect(a.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('renders a tree passed directly (extension pages parse their own)', () => {
    const { container } = render(<Markdown tree={parseMarkdown('3. x\n4. *y*')} />);
    expect(container.querySelector('ol')?.getAttribute('start')).toBe('3');
    expect(container.querySelector('ol em')?.textContent).toBe('y');
  });

  it('shows raw HTML, script-like text and bad links as text only', () => {
    withBodies(HOSTILE);
    expect(markdownTree(HOSTILE)).toBeDefined();
    const { container } = render(<Markdown source={HOSTILE} />);
    expectInert(container);
    expect(container.textContent).toContain('<script>window.__pwned=1</script>');
    expect(container.textContent).toContain('<img src=x onerror=');
    expect(container.textContent).toContain('click');
    expect(container.querySelectorAll('a')).toHaveLength(0);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('never makes a link of a tree whose href is not https: or mailto:', () => {
    const tampered: MdBlock[] = [
      { type: 'paragraph', children: [{ type: 'link', href: 'javascript:alert(1)', children: [{ type: 'text', text: 'js' }] }] },
      { type: 'paragraph', children: [{ type: 'link', href: ' data:text/html,x', children: [{ type: 'text', text: 'data' }] }] },
    ];
    const { container } = render(<Markdown tree={tampered} />);
    expect(container.querySelectorAll('a')).toHaveLength(0);
    expect(container.textContent).toBe('jsdata');
  });

  it('shows a body without a tree as plain paragraphs, and survives prototype-named texts', () => {
    const { container } = render(<Markdown source={'**not parsed** <b>x</b>\n\nsecond'} />);
    expect(container.querySelector('strong, b')).toBeNull();
    expect([...container.querySelectorAll('p')].map((p) => p.textContent)).toEqual(['**not parsed** <b>x</b>', 'second']);
    setMarkdownTrees(JSON.parse('{"__proto__": [{"type":"paragraph","children":[{"type":"text","text":"proto"}]}], "x": "junk"}'));
    const proto = render(<Markdown source="__proto__" />);
    expect(proto.container.textContent).toBe('proto');
    const ctor = render(<Markdown source="constructor" />);
    expect(ctor.container.textContent).toBe('constructor');
    expect(markdownTree('x')).toBeUndefined();
  });

  it('keeps mailto links and renders nothing for an empty body', () => {
    withBodies('[mail](mailto:help@example.com)');
    const { container } = render(<Markdown source="[mail](mailto:help@example.com)" />);
    expect(container.querySelector('a')?.getAttribute('href')).toBe('mailto:help@example.com');
    const empty = render(<Markdown source="   " />);
    expect(empty.container.childElementCount).toBe(0);
  });

  it('gets its trees from the coach state the content script receives (CoachState.bodies)', async () => {
    const body = { en: 'Update it **after every call**.', 'zh-CN': '每次通话后 **更新**。' };
    const pack = makePack({ tips: [{ id: 'next', target: { field: 'Next Step' }, title: 'Next Step', body }] });
    const h = await startCoach([pack], pageModel([domField('Next Step')]));
    expect(Object.keys(h.state.bodies ?? {}).sort()).toEqual([body.en, body['zh-CN']].sort());
    const card = h.container.querySelector('[data-coach-tip="acme/next"]')!;
    expect(card.querySelector('.cc-md strong')?.textContent).toBe('after every call');
    expect(markdownTree(body['zh-CN'])).toEqual(parseMarkdown(body['zh-CN']));
    h.abort();
  });
});
