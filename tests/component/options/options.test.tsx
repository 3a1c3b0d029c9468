import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { setUiLanguage } from '@/utils/i18n';
import { fakeHostAccess, pack, renderOptions, seedPacks, startBackground } from './helpers';

let background: ReturnType<typeof startBackground> | undefined;

/** Starts the background after the test's storage is seeded, then renders the page. */
function open(...args: Parameters<typeof renderOptions>) {
  background = startBackground();
  return renderOptions(...args);
}

afterEach(() => {
  cleanup();
  background?.stop();
  background = undefined;
  setUiLanguage('en');
});

const file = (name: string, text: string) => new File([text], name, { type: 'application/json' });
const row = (id: string) => document.querySelector<HTMLElement>(`[data-coach-pack="${id}"]`);

describe('options page: packs', () => {
  it('lists installed packs as rows with title, version, source and contents', async () => {
    await fakeBrowser.storage.managed.set({ packUrls: ['https://org.example.com/p.json'] });
    await seedPacks(pack('team-pack', { nudges: [{ id: 'n', fields: ['Amount'], message: 'm' }] }), {
      pack: pack('org-pack'),
      source: 'policy',
      enabled: true,
      installedAt: 1,
      url: 'https://org.example.com/p.json',
      lastRefreshAt: Date.UTC(2026, 0, 5, 9, 0),
      lastError: 'HTTP 500',
    });
    open();
    await waitFor(() => expect(row('team-pack')).not.toBeNull());
    const team = within(row('team-pack')!);
    expect(team.getByText('1.0.0')).toBeTruthy();
    expect(team.getByText('File')).toBeTruthy();
    expect(team.getByText('1 tip · 1 nudge')).toBeTruthy();
    const org = within(row('org-pack')!);
    expect(org.getByText('Organisation')).toBeTruthy();
    expect(org.getByText('https://org.example.com/p.json')).toBeTruthy();
    expect(org.getByText('Last refresh failed: HTTP 500. The previous copy is still in use.')).toBeTruthy();
    // Policy packs cannot be turned off or removed.
    expect((org.getByRole('switch', { name: 'Use Pack org-pack' }) as HTMLInputElement).disabled).toBe(true);
    expect(org.queryByRole('button', { name: /Remove/ })).toBeNull();
    expect(org.getByText('Set by your organisation')).toBeTruthy();
  });

  it('imports a pack file and shows the new row', async () => {
    const user = userEvent.setup();
    open();
    const input = await screen.findByLabelText('Import pack file');
    await user.upload(input, file('mine.json', JSON.stringify(pack('my-pack'))));
    expect(await screen.findByRole('status')).toHaveProperty('textContent', 'Installed “Pack my-pack” version 1.0.0.');
    await waitFor(() => expect(row('my-pack')).not.toBeNull());
  });

  it('takes a second file chosen while the first one installs, and the same file again, on the same input', async () => {
    const user = userEvent.setup();
    open();
    const input = await screen.findByLabelText('Import pack file');
    // No wait between the two: the list may update between them, the input must not be replaced.
    await user.upload(input, file('one.json', JSON.stringify(pack('pack-one'))));
    await user.upload(input, file('two.json', JSON.stringify(pack('pack-two'))));
    await waitFor(() => expect(row('pack-one') && row('pack-two')).toBeTruthy());
    expect(screen.getByLabelText('Import pack file')).toBe(input);
    expect((input as HTMLInputElement).value).toBe('');
    await user.upload(input, file('two.json', JSON.stringify({ ...pack('pack-two'), version: '1.1.0' })));
    expect(await screen.findByText('Installed “Pack pack-two” version 1.1.0.')).toBeTruthy();
  });

  it('a bad file shows an alert naming the JSON path and changes nothing', async () => {
    await seedPacks(pack('keep-me'));
    const before = await fakeBrowser.storage.local.get('packs');
    const user = userEvent.setup();
    open();
    const input = await screen.findByLabelText('Import pack file');
    const bad = { ...pack('bad-pack'), tips: [{ id: 'a', target: { xpath: '//x' }, title: 'T' }] };
    await user.upload(input, file('bad.json', JSON.stringify(bad)));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('bad.json was not installed:');
    expect(alert.textContent).toContain('tips[0].target: expected one of field, selector, page');
    expect(alert.textContent).toContain('Your installed packs were not changed.');
    expect(await fakeBrowser.storage.local.get('packs')).toEqual(before);
    expect(row('bad-pack')).toBeNull();
  });

  it('refuses an older version, naming the installed one', async () => {
    await seedPacks(pack('versioned', { version: '2.0.0' }));
    const user = userEvent.setup();
    open();
    await user.upload(await screen.findByLabelText('Import pack file'), file('old.json', JSON.stringify(pack('versioned'))));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'version: 1.0.0 is older than the installed version 2.0.0 of "versioned"',
    );
  });

  it('adds a pack by URL', async () => {
    const user = userEvent.setup();
    open();
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response(JSON.stringify(pack('url-pack')), { headers: { etag: '"1"' } }));
    await user.type(await screen.findByLabelText('Add pack URL'), 'https://packs.example.com/url-pack.json');
    await user.click(screen.getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(row('url-pack')).not.toBeNull());
    expect(within(row('url-pack')!).getByText('https://packs.example.com/url-pack.json')).toBeTruthy();
    expect((screen.getByLabelText('Add pack URL') as HTMLInputElement).value).toBe('');
  });

  it('a plain http URL is refused with a clear message', async () => {
    const user = userEvent.setup();
    open();
    await user.type(await screen.findByLabelText('Add pack URL'), 'http://packs.example.com/p.json');
    await user.click(screen.getByRole('button', { name: 'Add' }));
    expect((await screen.findByRole('alert')).textContent).toContain('pack URLs must use https: (found http:)');
  });

  it('turns a pack off and removes it', async () => {
    await seedPacks(pack('pack-a'), pack('pack-b'));
    const user = userEvent.setup();
    open();
    await waitFor(() => expect(row('pack-a')).not.toBeNull());
    await user.click(within(row('pack-a')!).getByRole('switch', { name: 'Use Pack pack-a' }));
    await waitFor(async () => {
      const stored = (await fakeBrowser.storage.local.get('packs')).packs as Record<string, { enabled: boolean }>;
      expect(stored['pack-a'].enabled).toBe(false);
    });
    await user.click(within(row('pack-b')!).getByRole('button', { name: 'Remove Pack pack-b' }));
    await waitFor(() => expect(row('pack-b')).toBeNull());
    expect(row('pack-a')).not.toBeNull();
  });

  it('a pack with sites asks for host access, and offers "Grant access" until it is granted', async () => {
    const access = fakeHostAccess(false);
    const user = userEvent.setup();
    open(access);
    const sites = [
      { id: 'acme-crm', name: 'Acme', match: ['https://crm.acme.example/*'], field: { container: '.r', label: 'label', input: 'input' } },
    ];
    await user.upload(await screen.findByLabelText('Import pack file'), file('sites.json', JSON.stringify(pack('site-pack', { sites }))));
    const status = await screen.findByRole('status');
    expect(status.textContent).toContain('This pack coaches on crm.acme.example.');
    expect(status.textContent).toContain('If you say no, the pack stays installed but is inactive on those sites');
    expect(access.requested).toEqual([['https://crm.acme.example/*']]);
    const grant = await within(await waitFor(() => row('site-pack')!)).findByRole('button', { name: 'Grant access Pack site-pack' });
    expect(within(row('site-pack')!).getByText('Inactive on crm.acme.example until you grant access.')).toBeTruthy();
    await user.click(grant);
    expect(access.requested).toHaveLength(2);
    access.grant();
    await waitFor(() => expect(within(row('site-pack')!).queryByRole('button', { name: /Grant access/ })).toBeNull());
  });

  it('when the policy turns user packs off, import and URL are disabled with a note', async () => {
    await fakeBrowser.storage.managed.set({ allowUserPacks: false });
    open();
    const input = (await screen.findByLabelText('Import pack file')) as HTMLInputElement;
    expect(input.disabled).toBe(true);
    expect((screen.getByLabelText('Add pack URL') as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByText('Your organisation manages your packs: adding packs yourself is turned off.')).toBeTruthy();
  });
});

describe('options page: about you', () => {
  it('offers the built-in role ids and any role a pack names; saves the choice', async () => {
    await seedPacks(pack('cs-pack', { audience: { roles: ['customer-success'] } }));
    const user = userEvent.setup();
    open();
    const select = (await screen.findByLabelText('Your role')) as HTMLSelectElement;
    expect([...select.options].map((o) => o.value)).toEqual([
      '',
      'sales',
      'sales-manager',
      'support',
      'marketing',
      'admin',
      'customer-success',
    ]);
    await user.selectOptions(select, 'sales-manager');
    await waitFor(async () => expect((await fakeBrowser.storage.local.get('settings')).settings).toMatchObject({ role: 'sales-manager' }));
    expect(await screen.findByText('Saved.')).toBeTruthy();
  });

  it('saves the start date as YYYY-MM-DD', async () => {
    const user = userEvent.setup();
    open();
    const date = (await screen.findByLabelText('Start date')) as HTMLInputElement;
    expect(date.type).toBe('date');
    await user.type(date, '2026-01-05');
    await waitFor(async () => expect((await fakeBrowser.storage.local.get('settings')).settings).toMatchObject({ startDate: '2026-01-05' }));
  });

  it('locks what the policy sets', async () => {
    await fakeBrowser.storage.managed.set({ role: 'support', startDate: '2026-02-02' });
    open();
    const role = (await screen.findByLabelText('Your role')) as HTMLSelectElement;
    expect(role.disabled).toBe(true);
    expect(role.value).toBe('support');
    const date = screen.getByLabelText('Start date') as HTMLInputElement;
    expect(date.disabled).toBe(true);
    expect(date.value).toBe('2026-02-02');
    expect(screen.getAllByText('Set by your organisation')).toHaveLength(2);
    expect(role.getAttribute('aria-describedby')).toBeTruthy();
  });

  it('switches the page to Chinese', async () => {
    const user = userEvent.setup();
    open();
    await user.selectOptions(await screen.findByLabelText('Language'), 'zh-CN');
    expect(await screen.findByRole('heading', { name: '提示包' })).toBeTruthy();
    expect(screen.getByLabelText('你的角色')).toBeTruthy();
    expect(document.documentElement.lang).toBe('zh-CN');
  });
});

describe('options page: your data', () => {
  it('exports JSON, CSV and the opt-in trainer summary as downloads', async () => {
    const user = userEvent.setup();
    const { download } = open();
    await user.click(await screen.findByRole('button', { name: 'Export my data' }));
    await waitFor(() => expect(download).toHaveBeenCalledWith(expect.stringMatching(/^crm-coach-data-\d{4}-\d{2}-\d{2}\.json$/), '{"events":[]}', 'application/json'));
    await user.click(screen.getByRole('button', { name: 'Export daily totals (CSV)' }));
    await waitFor(() => expect(download).toHaveBeenCalledWith(expect.stringMatching(/\.csv$/), 'day,points\n', 'text/csv'));
    expect(background!.data.exportSummary).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Export progress summary for my trainer' }));
    await waitFor(() => expect(background!.data.exportSummary).toHaveBeenCalledTimes(1));
  });

  it('imports a data file', async () => {
    const user = userEvent.setup();
    open();
    await user.upload(await screen.findByLabelText('Import my data'), file('backup.json', '{"events":[]}'));
    expect(await screen.findByText('Imported 3 events.')).toBeTruthy();
  });

  it('deletes only after confirmation', async () => {
    const user = userEvent.setup();
    open();
    await user.click(await screen.findByRole('button', { name: 'Delete my data' }));
    expect(background!.data.deleteData).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await user.click(screen.getByRole('button', { name: 'Delete my data' }));
    await user.click(screen.getByRole('button', { name: 'Yes, delete' }));
    await waitFor(() => expect(background!.data.deleteData).toHaveBeenCalledTimes(1));
    expect(await screen.findByText('Your data was deleted.')).toBeTruthy();
  });
});
