import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import examples from '../../fixtures/packs/spec-examples.json';
import { validatePack } from '@/utils/packs/validate';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** The top-level example of docs/pack-format.md with the given lists filled in. */
function packWith(lists: Record<string, unknown>) {
  return { ...clone(examples.pack), ...clone(lists) };
}

describe('every example in docs/pack-format.md validates', () => {
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

  it('the crms example', () => {
    expect(validatePack(packWith(examples.crms))).toMatchObject({ ok: true, pack: { crms: examples.crms.crms } });
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

  // The fixture is the examples of the format reference, in order: the reference and the copy the
  // tests above validate cannot drift apart. The reference is in the repository, so this never skips.
  it('the fixture holds exactly the JSON blocks of docs/pack-format.md', () => {
    const spec = readFileSync(resolve('docs/pack-format.md'), 'utf8');
    const blocks = [...spec.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks).toHaveLength(Object.keys(examples).length);
    const parsed = blocks.map((b) => (b.trimStart().startsWith('"when"') ? JSON.parse(`{${b}}`).when : JSON.parse(b)));
    expect(parsed).toEqual(Object.values(examples));
  });
});
