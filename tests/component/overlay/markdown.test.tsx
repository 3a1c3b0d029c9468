import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { Markdown } from '@/components/overlay/Markdown';
import { expectInert, HOSTILE } from './fixtures';

afterEach(cleanup);

describe('Markdown', () => {
  it('renders the subset as elements', () => {
    const { container } = render(
      <Markdown source={'Hello **bold** and *em* with `code`\n\n- one\n- two [docs](https://example.com/d)\n\n1. first\n2. second\n\nline  \nbreak'} />,
    );
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

  it('shows raw HTML, script-like text and bad links as text only', () => {
    const { container } = render(<Markdown source={HOSTILE} />);
    expectInert(container);
    expect(container.textContent).toContain('<script>window.__pwned=1</script>');
    expect(container.textContent).toContain('<img src=x onerror=');
    expect(container.textContent).toContain('click');
    expect(container.querySelectorAll('a')).toHaveLength(0);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('keeps mailto links and renders nothing for an empty body', () => {
    const { container } = render(<Markdown source="[mail](mailto:help@example.com)" />);
    expect(container.querySelector('a')?.getAttribute('href')).toBe('mailto:help@example.com');
    const empty = render(<Markdown source="   " />);
    expect(empty.container.childElementCount).toBe(0);
  });
});
