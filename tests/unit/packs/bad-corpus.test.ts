import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { englishText } from '@/utils/packs/messages';
import { parsePackText } from '@/utils/packs/parse';
import { decideInstall } from '@/utils/packs/store-logic';

const dir = resolve('tests/fixtures/packs/bad');
const expected = JSON.parse(readFileSync(resolve(dir, 'expected.json'), 'utf8')) as Record<string, string[]>;
const read = (file: string) => readFileSync(resolve(dir, file), 'utf8');

describe('bad pack corpus', () => {
  it('lists every file of the corpus', () => {
    const files = readdirSync(dir).filter((f) => f !== 'expected.json' && f !== 'README.md');
    expect(files.sort()).toEqual(Object.keys(expected).sort());
  });

  const refusedAlone = Object.keys(expected).filter((f) => f !== 'older-version.json');
  it.each(refusedAlone)('%s is refused with its specific message', (file) => {
    const result = parsePackText(read(file), file);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    for (const fragment of expected[file]) expect(result.errors.join('\n')).toContain(fragment);
    expect(result.errors.length).toBeLessThanOrEqual(20);
  });

  it('older-version.json is refused over the installed newer version, naming it', () => {
    const newer = parsePackText(readFileSync(resolve('tests/fixtures/packs/good/acme-versioned-1.2.0.json'), 'utf8'));
    const older = parsePackText(read('older-version.json'), 'older-version.json');
    if (!newer.ok || !older.ok) throw new Error('fixtures must be valid on their own');
    const first = decideInstall({}, newer.pack, { source: 'user-file', now: 1 });
    if (!first.ok) throw new Error(englishText(first.error));
    const second = decideInstall(first.packs, older.pack, { source: 'user-file', now: 2 });
    expect(second.ok || englishText(second.error)).toBe(expected['older-version.json'][0]);
  });
});
