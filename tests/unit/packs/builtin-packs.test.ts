import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_CRMS } from '@/utils/packs/limits';
import type { LocalizedText, Pack } from '@/utils/packs/types';
import { validatePack } from '@/utils/packs/validate';

const dir = resolve('public/packs');
const index = JSON.parse(readFileSync(resolve(dir, 'index.json'), 'utf8')) as { packs: string[] };
const packs = new Map<string, Pack>(
  index.packs.map((file) => {
    const result = validatePack(JSON.parse(readFileSync(resolve(dir, file), 'utf8')));
    if (!result.ok) throw new Error(`${file}: ${result.errors.join('\n')}`);
    return [result.pack.id, result.pack];
  }),
);
const get = (id: string) => {
  const p = packs.get(id);
  if (!p) throw new Error(`no built-in pack ${id}`);
  return p;
};

/** Every user-facing text of a pack, with where it is. */
function texts(pack: Pack): [string, LocalizedText][] {
  const out: [string, LocalizedText][] = [['title', pack.title]];
  if (pack.description) out.push(['description', pack.description]);
  pack.tips?.forEach((t) => out.push([`${t.id}.title`, t.title], ...(t.body ? [[`${t.id}.body`, t.body] as [string, LocalizedText]] : [])));
  pack.nudges?.forEach((n) => out.push([`${n.id}.message`, n.message]));
  pack.snippets?.forEach((s) => {
    out.push([`${s.id}.title`, s.title]);
    if (s.body) out.push([`${s.id}.body`, s.body]);
    s.steps?.forEach((step, i) => out.push([`${s.id}.steps[${i}]`, step]));
    if (s.quiz) out.push([`${s.id}.quiz`, s.quiz.question], ...s.quiz.choices.map((c, i) => [`${s.id}.choice${i}`, c] as [string, LocalizedText]));
  });
  pack.tours?.forEach((t) => out.push([`${t.id}.title`, t.title], ...t.steps.map((s, i) => [`${t.id}.step${i}`, s.body] as [string, LocalizedText])));
  pack.milestones?.forEach((m) => out.push([`${m.id}.title`, m.title], ...(m.description ? [[`${m.id}.description`, m.description] as [string, LocalizedText]] : [])));
  return out;
}

describe('built-in packs (public/packs)', () => {
  it('index.json lists exactly the pack files', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'index.json');
    expect([...index.packs].sort()).toEqual(files.sort());
  });

  it.each(index.packs)('%s has every text in en and zh-CN', (file) => {
    const pack = [...packs.values()].find((p) => `${p.id}.json` === file)!;
    const missing = texts(pack)
      .filter(([, text]) => typeof text === 'string' || !text.en || !text['zh-CN'])
      .map(([where]) => where);
    expect(missing).toEqual([]);
  });

  it('has a starter pack per built-in CRM with an amount/close-date nudge and a log-a-call lesson', () => {
    for (const crm of BUILTIN_CRMS) {
      const pack = get(`${crm}-starter`);
      const nudge = pack.nudges?.[0];
      expect(nudge?.when?.crm).toEqual([crm]);
      expect(nudge?.fields.length).toBeGreaterThanOrEqual(2);
      expect(pack.snippets?.some((s) => s.id === 'log-a-call' && s.steps && s.steps.length >= 3)).toBe(true);
      expect(pack.tips?.length).toBeGreaterThanOrEqual(3);
    }
    // Stage-dependent fields where the CRM shows the stage as a field.
    for (const crm of ['salesforce', 'hubspot', 'dynamics', 'zoho']) {
      expect(get(`${crm}-starter`).nudges?.some((n) => n.requiredWhen && Object.keys(n.requiredWhen).length > 0)).toBe(true);
    }
  });

  it('keeps the Salesforce contract the end-to-end tests rely on', () => {
    const sf = get('salesforce-starter');
    const tip = sf.tips?.find((t) => t.id === 'next-step');
    expect(tip).toMatchObject({ target: { field: 'Next Step' }, when: { crm: ['salesforce'], object: ['Opportunity'] } });
    expect(tip?.when?.page).toEqual(expect.arrayContaining(['record', 'edit']));
    const nudge = sf.nudges?.find((n) => n.id === 'opp-hygiene');
    expect(nudge).toMatchObject({ fields: ['Amount', 'Close Date', 'Next Step'], when: { object: ['Opportunity'] } });
    expect(nudge?.requiredWhen).toBeUndefined();
  });

  it('uses the field names each CRM shows or stores', () => {
    const fieldsOf = (id: string) => get(id).nudges!.flatMap((n) => n.fields);
    expect(fieldsOf('hubspot-starter')).toEqual(expect.arrayContaining(['amount', 'closedate', 'hs_next_step']));
    expect(fieldsOf('dynamics-starter')).toEqual(expect.arrayContaining(['estimatedvalue', 'estimatedclosedate', 'description']));
    expect(fieldsOf('zoho-starter')).toEqual(expect.arrayContaining(['Amount', 'Closing Date', 'Next Step']));
    expect(fieldsOf('pipedrive-starter')).toEqual(expect.arrayContaining(['Value', 'Expected close date']));
  });

  it('has role lessons for sales reps, sales managers, support and marketing', () => {
    const habits = get('crm-habits');
    for (const role of ['sales', 'sales-manager', 'support', 'marketing']) {
      expect(habits.snippets?.some((s) => s.audience?.roles?.includes(role))).toBe(true);
    }
  });

  it('has a 90-day journey with a milestone every week', () => {
    const journey = get('new-hire-journey');
    const weeks = new Set(journey.milestones!.map((m) => Math.ceil(m.day! / 7)));
    for (let week = 1; week <= 13; week++) expect(weeks.has(week)).toBe(true);
    expect(Math.max(...journey.milestones!.map((m) => m.day!))).toBe(90);
  });

  it('references between built-in packs resolve', () => {
    for (const pack of packs.values()) {
      const refs = [
        ...(pack.tips ?? []).flatMap((t) => (t.learnMore && 'snippet' in t.learnMore ? [t.learnMore.snippet] : [])),
        ...(pack.milestones ?? []).flatMap((m) => ('snippet' in m.done ? [m.done.snippet] : [])),
      ];
      for (const ref of refs) {
        const [packId, id] = ref.includes('/') ? ref.split('/') : [pack.id, ref];
        expect(get(packId).snippets?.some((s) => s.id === id), `${pack.id} -> ${ref}`).toBe(true);
      }
    }
  });
});
