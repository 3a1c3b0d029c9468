/**
 * Issue 12, parsing and input: the hostile corpus of tests/fixtures/packs/hostile-parse is refused
 * the same way by file and by URL and changes nothing; the rules behind it (duplicate and reserved
 * keys, alias expansion by size, deep nesting, text that is not UTF-8, pack URLs) one by one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { describe, expect, it, vi } from 'vitest';
import { parseDocument } from 'yaml';
import { linkDestination, safeHref } from '@/utils/markdown-tree';
import { jsonKeyProblem } from '@/utils/packs/json-keys';
import { englishText } from '@/utils/packs/messages';
import { decodePackBytes, parseDataText, parsePackText } from '@/utils/packs/parse';
import { addPackUrl, installPackText } from '@/utils/packs/store';
import { packsItem } from '@/utils/storage/items';
import { displayUrl, packUrlProblem, redirectMessage } from '@/utils/packs/store-logic';
import { fetchPackUrl } from '@/utils/packs/url-fetch';
import { validatePack } from '@/utils/packs/validate';
import { expandedSize } from '@/utils/packs/yaml-size';

const dir = resolve('tests/fixtures/packs/hostile-parse');
const expected = JSON.parse(readFileSync(resolve(dir, 'expected.json'), 'utf8')) as Record<string, string[]>;
const files = Object.keys(expected);
/** What the options page sends: the file's bytes decoded as every reader decodes them. */
const asFileText = (file: string) => decodePackBytes(readFileSync(resolve(dir, file)));

function errorsOf(result: ReturnType<typeof parsePackText>): string {
  return result.ok ? '(accepted)' : result.errors.join('\n');
}

describe('hostile pack corpus (parsing and input)', () => {
  it('lists every file of the corpus', () => {
    const onDisk = readdirSync(dir).filter((f) => f !== 'expected.json' && f !== 'README.md');
    expect(onDisk.sort()).toEqual([...files].sort());
    const readme = readFileSync(resolve(dir, 'README.md'), 'utf8');
    for (const f of files) expect(readme, `README names ${f}`).toContain(`\`${f}\``);
  });

  it.each(files)('%s is refused by file with its message', (file) => {
    const errors = errorsOf(parsePackText(asFileText(file), file));
    for (const fragment of expected[file]) expect(errors).toContain(fragment);
  });

  it.each(files)('%s is refused by URL with the same message, and nothing is installed', async (file) => {
    const url = `https://packs.example.com/${file}`;
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response(readFileSync(resolve(dir, file))));
    const fetched = await fetchPackUrl(url);
    if (fetched.status !== 'ok') throw new Error(`fetch failed: ${JSON.stringify(fetched)}`);
    expect(errorsOf(parsePackText(fetched.text, new URL(url).pathname))).toBe(errorsOf(parsePackText(asFileText(file), file)));

    await installPackText(JSON.stringify({ format: 'crm-coach/pack@1', id: 'kept-pack', version: '1.0.0', title: 'Kept' }));
    const before = (await fakeBrowser.storage.local.get(packsItem.key))[packsItem.key];
    const added = await addPackUrl(url);
    expect(added.ok).toBe(false);
    expect((await fakeBrowser.storage.local.get(packsItem.key))[packsItem.key]).toEqual(before);
  });
});

describe('duplicate and reserved keys', () => {
  it('finds a duplicate key with its path, also when written with escapes, and not across objects', () => {
    expect(jsonKeyProblem('{"a": [{"b": 1}, {"b": 2, "c": {"d": 1, "d": 2}}]}', 32)).toMatchObject({
      kind: 'duplicate',
      path: ['a', 1, 'c', 'd'],
    });
    expect(jsonKeyProblem('{"ab": 1, "a\\u0062": 2}', 32)).toMatchObject({ kind: 'duplicate', path: ['ab'] });
    expect(jsonKeyProblem('{"a": {"x": 1}, "b": {"x": 1}, "s": "{\\"a\\": 1, \\"a\\": 2}"}', 32)).toBeNull();
  });

  it('refuses a duplicate key in JSON as YAML does', () => {
    const json = parseDataText('{"format": 1, "id": "a", "id": "b"}', 'p.json');
    expect(json.ok || json.error).toBe('id: duplicate key (line 1, column 26); JSON readers disagree on which copy counts, so each key may appear once per object');
    const yaml = parseDataText('format: 1\nid: a\nid: b\n', 'p.yaml');
    expect(yaml.ok).toBe(false);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses the key %s anywhere, with its path (JSON, YAML and objects)', (key) => {
    const pack = `{"format": "crm-coach/pack@1", "id": "p-key", "version": "1.0.0", "title": "T", "tips": [{"id": "t", "target": {"page": true}, "title": "T", "when": {"fieldEquals": {"${key}": ["x"]}}}]}`;
    const want = `tips[0].when.fieldEquals.${key}: the key "${key}" is reserved (it would change how the pack is read); rename it`;
    expect(errorsOf(parsePackText(pack, 'p.json'))).toBe(want);
    const yaml = `format: crm-coach/pack@1\nid: p-key\nversion: 1.0.0\ntitle: T\ntips:\n  - id: t\n    target: {page: true}\n    title: T\n    when: {fieldEquals: {${key}: [x]}}\n`;
    expect(errorsOf(parsePackText(yaml, 'p.yaml'))).toBe(want);
    // A policy or built-in pack arrives as an object: the same gate.
    expect(validatePack(JSON.parse(pack)).ok).toBe(false);
  });

  it('keeps a tip with fieldEquals when the key is an ordinary field name', () => {
    const ok = parsePackText('{"format": "crm-coach/pack@1", "id": "p-key", "version": "1.0.0", "title": "T", "tips": [{"id": "t", "target": {"page": true}, "title": "T", "when": {"fieldEquals": {"Stage": ["Won"]}}}]}');
    expect(ok.ok && ok.pack.tips?.[0].when?.fieldEquals).toEqual({ Stage: ['Won'] });
  });
});

describe('YAML aliases are bounded by what they expand to', () => {
  it('measures the expansion without building it (a billion laughs stays cheap)', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) levels.push(`${'abcdefghi'[i]}: &${'abcdefghi'[i]} [${Array(10).fill(`*${'abcdefghi'[i - 1]}`).join(', ')}]`);
    const doc = parseDocument(levels.join('\n'));
    expect(expandedSize(doc, 2 * 1024 * 1024)).toBe(Infinity);
    expect(errorsOf(parsePackText(levels.join('\n'), 'laughs.yaml'))).toContain('the YAML aliases expand to more than 2 MiB');
  });

  it('allows ordinary reuse', () => {
    const yaml = 'format: crm-coach/pack@1\nid: reuse\nversion: 1.0.0\ntitle: &t Reuse\ndescription: *t\n';
    const doc = parseDocument(yaml);
    expect(expandedSize(doc, 1000)).toBeLessThan(1000);
    expect(parsePackText(yaml, 'reuse.yaml').ok).toBe(true);
  });
});

describe('text that is not UTF-8', () => {
  it('refuses UTF-16 and UTF-32 decoded as UTF-8, with and without a byte-order mark; keeps UTF-8 with one', () => {
    const pack = '{"format": "crm-coach/pack@1", "id": "enc-pack", "version": "1.0.0", "title": "标题"}';
    const bytes = (b: number[]) => new TextDecoder().decode(new Uint8Array(b));
    const utf16le = [...pack].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8]);
    for (const text of [bytes([0xff, 0xfe, ...utf16le]), bytes(utf16le)]) {
      expect(errorsOf(parsePackText(text, 'p.json'))).toContain('save it as UTF-8');
    }
    expect(parsePackText(`\uFEFF${pack}`, 'p.json').ok).toBe(true);
  });
});

describe('pack URLs', () => {
  it('refuses a user name or password and never repeats it', async () => {
    const url = 'https://alice:hunter2@packs.example.com/p.json';
    expect(packUrlProblem(url)).toContain('may not hold a user name or password');
    expect(displayUrl(url)).toBe('https://***@packs.example.com/p.json');
    const fetchMock = vi.spyOn(globalThis, 'fetch');
    const result = await addPackUrl(url);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join(' ')).not.toContain('hunter2');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('refuses a redirect from https: to http:, even to this machine, and reads nothing', async () => {
    expect(englishText(redirectMessage('https://packs.example.com/p.json', 'http://127.0.0.1/p.json')!)).toBe(
      'refused: the https: URL redirected to plain http (http://127.0.0.1/p.json); ask the server to redirect to https:',
    );
    expect(redirectMessage('https://packs.example.com/p.json', 'https://cdn.example.com/p.json')).toBeNull();
    expect(redirectMessage('http://127.0.0.1:8080/p.json', 'http://localhost:8080/p.json')).toBeNull();

    const body = { cancelled: false };
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => {
      const stream = new ReadableStream({ cancel: () => void (body.cancelled = true) });
      const res = new Response(stream);
      Object.defineProperty(res, 'url', { value: 'http://packs.example.com/p.json' });
      Object.defineProperty(res, 'redirected', { value: true });
      return res;
    });
    const fetched = await fetchPackUrl('https://packs.example.com/p.json');
    expect(fetched.status === 'error' && englishText(fetched.error)).toContain('redirected to plain http');
    expect(body.cancelled).toBe(true);
  });
});

describe('links the user can judge', () => {
  it('refuses a user name or password in a link, whatever the spelling', () => {
    for (const href of ['https://login.salesforce.com@evil.example/', 'https://a:b@evil.example/', ' https://x@evil.example ', 'HTTPS://login.salesforce.com%40x@evil.example/']) {
      expect(safeHref(href), href).toBeNull();
    }
    expect(safeHref('https://help.example.com/a@b')).toBe('https://help.example.com/a@b');
  });

  it('names where a link goes: the host (look-alikes in xn-- form) or the mail domain', () => {
    expect(linkDestination('https://login.salesforce.com.evil.example/signin')).toBe('login.salesforce.com.evil.example');
    // A Cyrillic "а" in salesforce.com: shown in its xn-- form, never as "salesforce.com".
    expect(linkDestination('https://s\u0430lesforce.com/')).toMatch(/^xn--slesforce-[a-z0-9]+\.com$/);
    expect(linkDestination('mailto:helpdesk@Evil.Example?subject=hi')).toBe('evil.example');
    expect(linkDestination('mailto:%E0%A4%A@evil.example')).toBe('evil.example');
    expect(linkDestination('javascript:alert(1)')).toBeNull();
  });
});
