// JSON syntax errors name line and column in both engines: V8 (Chromium) and SpiderMonkey
// (Firefox) word their JSON.parse errors differently.
import { describe, expect, it } from 'vitest';
import { jsonError } from '@/utils/packs/parse';

const text = '{\n  "format": "crm-coach/pack@1",\n  "id": "x"\n  "version": "1.0.0"\n}';

describe('jsonError', () => {
  it('reads line and column from a SpiderMonkey message', () => {
    const err = new SyntaxError("JSON.parse: expected ',' or '}' after property value in object at line 4 column 3 of the JSON data");
    const m = jsonError(text, err);
    expect(m.key).toBe('pack_invalid_json_at');
    expect(m.args).toEqual(["expected ',' or '}' after property value in object", 4, 3]);
  });

  it('computes line and column from a V8 position', () => {
    let err: Error;
    try {
      JSON.parse(text);
      throw new Error('parsed');
    } catch (e) {
      err = e as Error;
    }
    const m = jsonError(text, err);
    expect(m.key).toBe('pack_invalid_json_at');
    expect(m.args?.slice(1)).toEqual([4, 3]);
  });

  it('keeps an engine message without a place as it is', () => {
    expect(jsonError('', new SyntaxError('JSON.parse: unexpected end of data')).key).toBe('pack_invalid_json');
  });
});
