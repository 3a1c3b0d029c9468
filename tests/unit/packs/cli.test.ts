import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packJsonSchemaText } from '@/utils/packs/json-schema';
import { validatePack } from '@/utils/packs/validate';

const bin = resolve('bin/crm-coach-pack.mjs');
const fixtures = resolve('tests/fixtures/packs');
let tmp: string;

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: fixtures });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  // Test the bin as trainers run it: built from the current sources.
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'pipe' });
  tmp = mkdtempSync(join(tmpdir(), 'crm-coach-cli-'));
}, 60_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('crm-coach-pack validate', () => {
  it('exits 0 and summarises a valid pack', () => {
    const r = cli('validate', 'good/acme-versioned-1.2.0.json');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toBe('good/acme-versioned-1.2.0.json: ok: acme-versioned 1.2.0 (1 tip)\n');
  });

  it('exits 1 with file, line, JSON path and rule (JSON)', () => {
    const r = cli('validate', 'bad/unknown-target.json', 'bad/duplicate-ids.json');
    expect(r.code).toBe(1);
    expect(r.err).toContain('bad/unknown-target.json:30: tips[3].target: expected one of field, selector, page\n');
    expect(r.err).toContain('bad/duplicate-ids.json:22: tips[2].id: duplicate id "next-step" (first used at tips[0])\n');
    expect(r.out).toBe('0 of 2 packs valid\n');
  });

  it('maps YAML paths to their lines', () => {
    const r = cli('validate', 'cli/wrong-kind.yaml');
    expect(r.code).toBe(1);
    expect(r.err).toBe('cli/wrong-kind.yaml:13: tips[1].show: expected one of always, once, until-dismissed\n');
  });

  it.each(Object.entries(JSON.parse(readFileSync(resolve(fixtures, 'bad/expected.json'), 'utf8')) as Record<string, string[]>).filter(
    ([f]) => f !== 'older-version.json',
  ))('refuses bad/%s with its message', (file, fragments) => {
    const r = cli('validate', `bad/${file}`);
    expect(r.code).toBe(1);
    for (const fragment of fragments) expect(r.err).toContain(fragment);
    expect(r.err.startsWith(`bad/${file}`)).toBe(true);
  });

  const hostile = JSON.parse(readFileSync(resolve(fixtures, 'hostile-parse/expected.json'), 'utf8')) as Record<string, string[]>;
  it.each(Object.entries(hostile))('refuses hostile-parse/%s with its message, naming the file, and leaves it as it was', (file, fragments) => {
    const path = resolve(fixtures, 'hostile-parse', file);
    const before = readFileSync(path);
    const r = cli('validate', `hostile-parse/${file}`);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err.startsWith(`hostile-parse/${file}`)).toBe(true);
    for (const fragment of fragments) expect(r.err).toContain(fragment);
    // One clear line: no stack trace, no engine error text.
    expect(r.err).not.toMatch(/call stack|at .*\.mjs:\d+|RangeError|TypeError/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('says so when a file cannot be read, and prints usage without files', () => {
    expect(cli('validate', 'nope.json')).toMatchObject({ code: 1, err: expect.stringMatching(/^nope\.json: cannot read: /) });
    expect(cli('validate')).toMatchObject({ code: 2, err: expect.stringContaining('Usage:') });
    expect(cli('frobnicate')).toMatchObject({ code: 2, err: expect.stringContaining('unknown command "frobnicate"') });
  });
});

describe('crm-coach-pack build', () => {
  it('turns the worked example folder into one valid pack', () => {
    const out = join(tmp, 'acme.json');
    const r = cli('build', 'acme-onboarding', '-o', out);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toBe(`${out}: ok: acme-sales-onboarding 1.2.0 (1 tip, 1 nudge, 1 snippet, 2 milestones)\n`);
    const pack = JSON.parse(readFileSync(out, 'utf8'));
    expect(validatePack(pack).ok).toBe(true);
    expect(pack.snippets[0]).toMatchObject({
      id: 'log-a-call',
      title: { en: 'Log a call in 30 seconds', 'zh-CN': '30 秒记录一次通话' },
      body: { en: expect.stringContaining('Open the **Activity** tab'), 'zh-CN': expect.stringContaining('打开 **活动** 选项卡') },
      quiz: { answer: 1 },
    });
    expect(pack.format).toBe('crm-coach/pack@1');
    // The built file validates through the CLI too.
    expect(cli('validate', out).code).toBe(0);
  });

  it('prints the pack to stdout without -o', () => {
    const r = cli('build', 'acme-onboarding');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).id).toBe('acme-sales-onboarding');
  });

  it('names the source file of a broken item and writes nothing', () => {
    const out = join(tmp, 'broken.json');
    const r = cli('build', 'cli/build-broken', '-o', out);
    expect(r.code).toBe(1);
    expect(r.err).toBe('cli/build-broken/tips/b-broken.yaml: tips[1].target: expected one of field, selector, page\n');
    expect(() => readFileSync(out)).toThrow();
  });

  it('refuses a folder without pack.yaml', () => {
    expect(cli('build', 'bad')).toMatchObject({ code: 1, err: 'bad: no pack.yaml (it holds id, version and title)\n' });
  });
});

describe('crm-coach-pack lint', () => {
  it('reports targets and nudge fields missing from a saved Pipedrive page, read by the extension\'s adapter', () => {
    const r = cli('lint', resolve('public/packs/pipedrive-starter.json'), '--page', 'cli/saved-pipedrive-deal.html');
    expect(r.code).toBe(1);
    expect(r.out).toContain('page: Pipedrive, Deal (deal), record page, 3 fields\n');
    const pack = resolve('public/packs/pipedrive-starter.json');
    expect(r.err).toBe(
      `${pack}: tips[1] (expected-close-date): field "Expected close date" is not on this page\n` +
        `${pack}: nudges[0] (deal-hygiene): field "Expected close date" is not on this page\n`,
    );
  });

  it('uses the pack\'s own sites and checks selectors; items for other pages are skipped', () => {
    const r = cli('lint', 'cli/acme-sites-pack.json', '--page', 'cli/saved-acme-opportunity.html');
    expect(r.code).toBe(1);
    expect(r.out).toContain('fields: Amount, Close date, Stage\n');
    expect(r.out).toContain('checked 4 items for this page; 1 are for other pages\n');
    expect(r.err).toBe(
      'cli/acme-sites-pack.json: tips[2] (typo): selector "button[name=\'submit\']" is not on this page\n' +
        'cli/acme-sites-pack.json: nudges[0] (opp): field "Next step" is not on this page\n',
    );
  });

  it('exits 0 when everything resolves', () => {
    const pack = join(tmp, 'value-only.json');
    writeFileSync(
      pack,
      JSON.stringify({
        format: 'crm-coach/pack@1',
        id: 'value-only',
        version: '1.0.0',
        title: 'Value only',
        nudges: [{ id: 'v', when: { crm: ['pipedrive'] }, fields: ['Value', 'probability'], message: 'Fill it' }],
      }),
    );
    const r = cli('lint', pack, '--page', 'cli/saved-pipedrive-deal.html');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toContain(`${pack}: every target and nudge field for this page was found`);
  });

  it('needs the page URL and an adapter for it', () => {
    const page = join(tmp, 'no-url.html');
    writeFileSync(page, '<!doctype html><html><body><p>hi</p></body></html>');
    expect(cli('lint', 'cli/acme-sites-pack.json', '--page', page)).toMatchObject({
      code: 1,
      err: 'cli/acme-sites-pack.json: cannot tell which URL the page was saved from: pass --url <the CRM page URL>\n',
    });
    expect(cli('lint', 'cli/acme-sites-pack.json', '--page', page, '--url', 'https://example.org/x')).toMatchObject({
      code: 1,
      err: 'cli/acme-sites-pack.json: no adapter reads example.org: it is not a built-in CRM and no sites[].match of this pack covers it\n',
    });
  });
});

describe('crm-coach-pack schema', () => {
  it('prints the JSON Schema the extension is built with', () => {
    const r = cli('schema');
    expect(r.code).toBe(0);
    expect(`${r.out}`).toBe(packJsonSchemaText());
  });
});
