import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import examples from '../../fixtures/packs/spec-examples.json';
import { validatePack } from '@/utils/packs/validate';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** The top-level example of PACK_FORMAT.md with the given lists filled in. */
function packWith(lists: Record<string, unknown[]>) {
  return { ...clone(examples.pack), ...clone(lists) };
}

describe('every example in PACK_FORMAT.md validates', () => {
  it('the top-level example', () => {
    expect(validatePack(clone(examples.pack))).toMatchObject({ ok: true });
  });

  it('the when example, on a tip', () => {
    const pack = packWith({ tips: [{ id: 'w', when: examples.when, target: { page: true }, title: 'T' }] });
    expect(validatePack(pack)).toMatchObject({ ok: true });
  });

  it('the tip example (with the snippet its learnMore names)', () => {
    expect(validatePack(packWith({ tips: [examples.tip], snippets: [examples.snippet] }))).toMatchObject({ ok: true });
  });

  it.each(['nudge', 'snippet', 'tour', 'milestone', 'site'] as const)('the %s example', (kind) => {
    const list = kind === 'site' ? 'sites' : `${kind}s`;
    const result = validatePack(packWith({ [list]: [examples[kind]] }));
    expect(result).toMatchObject({ ok: true });
  });

  it('all examples in one pack', () => {
    const result = validatePack(
      packWith({
        tips: [examples.tip, { id: 'w', when: examples.when, target: { page: true }, title: 'T' }],
        nudges: [examples.nudge],
        snippets: [examples.snippet],
        tours: [examples.tour],
        milestones: [examples.milestone],
        sites: [examples.site],
      }),
    );
    expect(result.ok ? result.pack.tips?.length : result.errors).toBe(2);
  });

  // The fixture is a copy of the spec's examples; when the spec is at hand, the copy must match it.
  const specPath = [resolve('docs/PACK_FORMAT.md'), resolve('../shared/PACK_FORMAT.md')].find((p) => existsSync(p));
  it.skipIf(!specPath)('the fixture holds exactly the JSON blocks of PACK_FORMAT.md', () => {
    const spec = readFileSync(specPath!, 'utf8');
    const blocks = [...spec.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]);
    const parsed = blocks.map((b) => (b.trimStart().startsWith('"when"') ? JSON.parse(`{${b}}`).when : JSON.parse(b)));
    expect(parsed).toEqual(Object.values(examples));
  });
});
