import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACK_SCHEMA_ID, packJsonSchema, packJsonSchemaText } from '@/utils/packs/json-schema';
import examples from '../../fixtures/packs/spec-examples.json';

describe('docs/pack.schema.json', () => {
  it('is up to date with the zod schema (run `npm run schema` and commit)', () => {
    const committed = readFileSync(resolve('docs/pack.schema.json'), 'utf8');
    expect(committed).toBe(packJsonSchemaText());
  });

  it('has an $id, the required keys, and closed objects', () => {
    const schema = packJsonSchema() as {
      $id: string;
      required: string[];
      properties: Record<string, unknown>;
      additionalProperties: boolean;
      $defs: Record<string, { properties?: Record<string, unknown> }>;
    };
    expect(schema.$id).toBe(PACK_SCHEMA_ID);
    expect(schema.required).toEqual(['format', 'id', 'version', 'title']);
    expect(schema.additionalProperties).toBe(false);
    // Every key the spec's examples use is declared, so editors complete them.
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(Object.keys(examples.pack)));
    expect(Object.keys(schema.$defs.Tip.properties!)).toEqual(expect.arrayContaining(Object.keys(examples.tip)));
    expect(Object.keys(schema.$defs.Nudge.properties!)).toEqual(expect.arrayContaining(Object.keys(examples.nudge)));
    expect(Object.keys(schema.$defs.Snippet.properties!)).toEqual(expect.arrayContaining(Object.keys(examples.snippet)));
    expect(Object.keys(schema.$defs.Site.properties!)).toEqual(expect.arrayContaining(Object.keys(examples.site)));
  });
});
