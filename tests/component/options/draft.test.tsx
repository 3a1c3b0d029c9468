import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { registerAuthorHandlers } from '@/utils/author/background';
import { DRAFT_ID } from '@/utils/author/draft';
import { getDraftPack } from '@/utils/author/background';
import { validatePack } from '@/utils/packs/validate';
import { parsePackText } from '@/utils/packs/parse';
import { pack, renderOptions, seedPacks, startBackground } from './helpers';

let stops: (() => void)[] = [];
afterEach(() => {
  cleanup();
  stops.forEach((s) => s());
  stops = [];
});

function open() {
  const bg = startBackground();
  // The fake browser sends an empty sender: these messages come from this extension page.
  stops.push(bg.stop, registerAuthorHandlers(() => 'page'));
  return renderOptions();
}

const draft = () =>
  pack(DRAFT_ID, { version: '0.1.2', title: { en: 'Draft pack' }, tips: [{ id: 'amount', target: { field: 'Amount' }, title: 'Amount', when: { crm: ['salesforce'] } }] });
const row = () => document.querySelector<HTMLElement>(`[data-coach-pack="${DRAFT_ID}"]`);

describe('options page: the draft pack', () => {
  it('is listed with source "Draft", and "Export pack" saves it as JSON that validates', async () => {
    await seedPacks({ pack: draft(), source: 'draft', enabled: true, installedAt: 1 }, pack('other'));
    const { download } = open();
    await waitFor(() => expect(row()).not.toBeNull());
    const r = within(row()!);
    expect(r.getByText('Draft')).toBeTruthy();
    fireEvent.click(r.getByRole('button', { name: 'Export pack' }));
    expect(download).toHaveBeenCalledTimes(1);
    const [name, text, type] = download.mock.calls[0] as [string, string, string];
    expect(name).toBe(`${DRAFT_ID}-0.1.2.json`);
    expect(type).toBe('application/json');
    expect(validatePack(JSON.parse(text))).toMatchObject({ ok: true, pack: { id: DRAFT_ID } });
    // Only the draft's row offers it.
    expect(within(document.querySelector<HTMLElement>('[data-coach-pack="other"]')!).queryByRole('button', { name: 'Export pack' })).toBeNull();
  });

  it('"Export pack" as YAML saves a .yaml file that parses back to the same pack', async () => {
    const tricky = pack(DRAFT_ID, {
      version: '0.1.3',
      title: { en: 'Draft pack', 'zh-CN': '草稿包' },
      tips: [{ id: 'amount', target: { selector: 'button[name="Edit"]', text: 'yes' }, title: 'true', body: 'Fill **Amount**: it is `#1`.\n\n- one\n- two', when: { crm: ['salesforce'], page: ['record'] } }],
    });
    await seedPacks({ pack: tricky, source: 'draft', enabled: true, installedAt: 1 });
    const { download } = open();
    await waitFor(() => expect(row()).not.toBeNull());
    const r = within(row()!);
    fireEvent.change(r.getByLabelText('Export format'), { target: { value: 'yaml' } });
    fireEvent.click(r.getByRole('button', { name: 'Export pack' }));
    await waitFor(() => expect(download).toHaveBeenCalledTimes(1));
    const [name, text, type] = download.mock.calls[0] as [string, string, string];
    expect(name).toBe(`${DRAFT_ID}-0.1.3.yaml`);
    expect(type).toBe('application/yaml');
    expect(text).not.toMatch(/^\s*\{/);
    const parsed = parsePackText(text, name);
    expect(parsed).toMatchObject({ ok: true });
    expect(parsed.ok && parsed.pack).toEqual(validatePack(tricky).ok ? tricky : null);
  });

  it('"Edit draft" saves edited JSON through validation; a bad edit shows an alert and changes nothing', async () => {
    await seedPacks({ pack: draft(), source: 'draft', enabled: true, installedAt: 1 });
    open();
    await waitFor(() => expect(row()).not.toBeNull());
    fireEvent.click(within(row()!).getByRole('button', { name: 'Edit draft' }));
    const box = screen.getByLabelText('Draft pack (JSON or YAML)') as HTMLTextAreaElement;
    fireEvent.change(box, { target: { value: box.value.replace('"title": "Amount"', '"title": "Amount, edited"').replace('"version": "0.1.2"', '"version": "0.1.3"') } });
    fireEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    await screen.findByText('Draft saved (version 0.1.3).');
    expect((await getDraftPack())!.tips![0].title).toBe('Amount, edited');

    fireEvent.click(within(row()!).getByRole('button', { name: 'Edit draft' }));
    const box2 = screen.getByLabelText('Draft pack (JSON or YAML)') as HTMLTextAreaElement;
    fireEvent.change(box2, { target: { value: box2.value.replace('"field": "Amount"', '"nope": 1') } });
    fireEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/tips\[0\]\.target/);
    expect((await getDraftPack())!.tips![0].target).toEqual({ field: 'Amount' });
  });

  it('"Remove" removes the draft', async () => {
    await seedPacks({ pack: draft(), source: 'draft', enabled: true, installedAt: 1 });
    open();
    await waitFor(() => expect(row()).not.toBeNull());
    fireEvent.click(within(row()!).getByRole('button', { name: /Remove/ }));
    await waitFor(() => expect(row()).toBeNull());
    expect(await getDraftPack()).toBeNull();
  });
});
