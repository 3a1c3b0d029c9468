import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validatePack } from '@/utils/packs/validate';

const load = (name: string) => JSON.parse(readFileSync(resolve('tests/fixtures/packs/hostile', name), 'utf8'));

describe('the hostile-pack corpus (tests/fixtures/packs/hostile/README.md)', () => {
  it.each([
    ['catastrophic-regex.json', /sites\[0\]\.page\.(record|list): a repeat inside a repeat/],
    ['record-name-milestone.json', /milestones\[0\]\.done\.visits\.object: "Opportunity Acme - 200 Widgets" is not a record type/],
  ])('refuses %s with a clear message', (name, message) => {
    const r = validatePack(load(name));
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.errors.join('\n')).toMatch(message);
  });

  it.each(['glob-url.json', 'selector-tips-2000.json', 'record-name-object.json'])('installs %s (it runs harmlessly)', (name) => {
    expect(validatePack(load(name))).toMatchObject({ ok: true });
  });
});
