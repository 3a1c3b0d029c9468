import { afterEach, describe, expect, it } from 'vitest';
import type { UsageDb } from '@/utils/usage/db';
import type { Pack } from '@/utils/packs/types';
import { parseMarkdown } from '@/utils/packs/markdown';
import { freshDb, memoryStorage, PACK, service } from '../usage/helpers';

let db: UsageDb | undefined;
afterEach(() => db?.close());

describe('getCoachState bodies', () => {
  it('carries a parsed tree for every Markdown body of the enabled packs, in each language', async () => {
    db = freshDb();
    const pack: Pack = {
      ...PACK,
      tips: [{ id: 'tip-a', target: { page: true }, title: 'A', body: { en: 'Use **Amount**', 'zh-CN': '填写 *金额*' } }],
      snippets: [{ id: 's', title: 'S', body: 'See <script>x</script> [bad](javascript:alert(1))' }],
    };
    const svc = service(db, { packs: [pack], storage: memoryStorage() });
    const s = await svc.getCoachState({ url: 'https://acme.lightning.force.com/x', recordKey: null });
    expect(Object.keys(s.bodies ?? {}).sort()).toEqual(['See <script>x</script> [bad](javascript:alert(1))', 'Use **Amount**', 'x', '填写 *金额*'].sort());
    expect(s.bodies?.['Use **Amount**']).toEqual(parseMarkdown('Use **Amount**'));
    expect(s.bodies?.['See <script>x</script> [bad](javascript:alert(1))']).toEqual([
      { type: 'paragraph', children: [{ type: 'text', text: 'See <script>x</script> bad' }] },
    ]);
    // What crosses the message boundary is plain data.
    expect(structuredClone(s.bodies)).toEqual(s.bodies);
  });
});
