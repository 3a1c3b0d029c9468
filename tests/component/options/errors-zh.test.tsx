// A zh-CN user sees pack errors in Chinese, with the JSON path and the offending value as written.
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { failureTexts } from '@/components/options/pack-problems';
import { setUiLanguage } from '@/utils/i18n';
import '@/utils/i18n-bundled';
import { installPackText } from '@/utils/packs/store';
import { pack, renderOptions, seedPacks, startBackground } from './helpers';

let background: ReturnType<typeof startBackground> | undefined;

afterEach(() => {
  cleanup();
  background?.stop();
  background = undefined;
  setUiLanguage('en');
});

const HAN = /[\u4e00-\u9fff]/;

function openInChinese() {
  background = startBackground();
  return renderOptions(undefined, 'zh-CN');
}

/** The lines of the error alert after importing `name`; each must read as Chinese. */
async function importAndReadAlert(name: string, text: string): Promise<string[]> {
  const user = userEvent.setup({ applyAccept: false });
  openInChinese();
  await user.upload(await screen.findByLabelText('导入提示包文件'), new File([text], name));
  return readAlert(name);
}

async function readAlert(what: string): Promise<string[]> {
  const alert = await screen.findByRole('alert', {}, { timeout: 5000 });
  expect(alert.textContent).toContain(`${what} 未能安装：`);
  const lines = within(alert)
    .getAllByRole('listitem')
    .map((li) => li.textContent ?? '');
  for (const line of lines) expect(line, `reads as Chinese: ${line}`).toMatch(HAN);
  return lines;
}

describe('options page in zh-CN: pack errors in Chinese', () => {
  it('invalid JSON names line and column in Chinese', async () => {
    // A missing comma: the engine's own words stay, where it is comes first, in Chinese.
    const lines = await importAndReadAlert('bad.json', '{\n  "format": "crm-coach/pack@1"\n  "id": "x"\n}');
    expect(lines).toEqual(["不是有效的 JSON（第 3 行，第 3 列）：Expected ',' or '}' after property value in JSON at position 35"]);
  });

  it('invalid YAML names line and column in Chinese', async () => {
    const lines = await importAndReadAlert('bad.yaml', 'format: crm-coach/pack@1\nid: [unclosed\n');
    expect(lines[0]).toMatch(/^不是有效的 YAML（第 \d+ 行，第 \d+ 列）：/);
  });

  it('a schema violation keeps its JSON path and names the offending types', async () => {
    const bad = {
      ...pack('bad-pack'),
      tips: [
        { id: 'a', target: { xpath: '//x' }, title: 'T' },
        { id: 'b', target: { page: true }, title: 'T', priority: 'high' },
        { id: 'c', target: { page: true }, title: 'T', body: '[x](javascript:alert(1))' },
      ],
    };
    const lines = await importAndReadAlert('bad.json', JSON.stringify(bad));
    expect(lines).toEqual([
      'tips[0].target: 应为以下之一：field, selector, page',
      'tips[1].priority: 应为数字，实际为字符串',
      'tips[2].body: 链接必须是 https: 或 mailto:（"javascript:alert(1)" 中为 javascript:）',
    ]);
  });

  it('an unsupported format version says so and names the supported one', async () => {
    const lines = await importAndReadAlert('v2.json', JSON.stringify({ ...pack('next-pack'), format: 'crm-coach/pack@2' }));
    expect(lines).toEqual(['format: 不支持的提示包格式版本，应为 "crm-coach/pack@1"']);
  });

  it('a pack over 2 MiB is refused as too large', async () => {
    const big = JSON.stringify({ ...pack('big-pack'), description: 'x'.repeat(2.2 * 1024 * 1024) });
    const lines = await importAndReadAlert('big.json', big);
    expect(lines).toEqual(['(root): 提示包太大：2.2 MiB（最多 2 MiB）']);
  });

  it('a pack URL the browser cannot read (CORS, offline) says what to check', async () => {
    const user = userEvent.setup();
    openInChinese();
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => {
      throw new TypeError('Failed to fetch');
    });
    const url = 'https://packs.example.com/team.json';
    await user.type(await screen.findByLabelText('添加提示包网址'), url);
    await user.click(screen.getByRole('button', { name: '添加' }));
    const lines = await readAlert(url);
    expect(lines).toEqual([
      `${url}: 无法获取：Failed to fetch（请检查网址；服务器必须允许 CRM Coach 读取该提示包（Access-Control-Allow-Origin: *））`,
    ]);
  });

  it('an HTTP error and a plain http URL are worded in Chinese', async () => {
    const user = userEvent.setup();
    openInChinese();
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response('nope', { status: 404, statusText: 'Not Found' }));
    const input = await screen.findByLabelText('添加提示包网址');
    await user.type(input, 'https://packs.example.com/gone.json');
    await user.click(screen.getByRole('button', { name: '添加' }));
    expect(await readAlert('https://packs.example.com/gone.json')).toEqual([
      'https://packs.example.com/gone.json: 服务器返回 HTTP 404 Not Found',
    ]);
    await user.clear(input);
    await user.type(input, 'http://packs.example.com/p.json');
    await user.click(screen.getByRole('button', { name: '添加' }));
    expect(await readAlert('http://packs.example.com/p.json')).toEqual([
      'http://packs.example.com/p.json: 提示包网址必须使用 https:（实际为 http:）',
    ]);
  });

  it('a failed refresh shows its reason in Chinese in the pack row; an English note from before stays readable', async () => {
    const url = 'https://org.example.com/p.json';
    await seedPacks(
      {
        pack: pack('org-pack'),
        source: 'user-url',
        enabled: true,
        installedAt: 1,
        url,
        lastRefreshAt: 2,
        lastError: 'HTTP 500',
        lastProblem: { key: 'pack_http_status', args: ['500'] },
      },
      { pack: pack('old-note'), source: 'user-url', enabled: true, installedAt: 1, url: `${url}?old`, lastError: 'timed out' },
    );
    openInChinese();
    const row = await screen.findByText('上次刷新失败：服务器返回 HTTP 500。仍在使用之前的版本。');
    expect(row.closest('[data-coach-pack]')?.getAttribute('data-coach-pack')).toBe('org-pack');
    expect(screen.getByText('上次刷新失败：timed out。仍在使用之前的版本。')).toBeTruthy();
  });
});

describe('store refusals worded for a zh-CN user', () => {
  it('the policy that forbids user packs', async () => {
    await fakeBrowser.storage.managed.set({ allowUserPacks: false });
    const result = await installPackText(JSON.stringify(pack('pack-a')));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual(['Your organisation does not allow adding packs yourself (policy allowUserPacks is false).']);
    setUiLanguage('zh-CN');
    expect(failureTexts(result)).toEqual(['你的组织不允许自行添加提示包（策略 allowUserPacks 为 false）。']);
  });

  it('an older version than the installed one', async () => {
    await installPackText(JSON.stringify({ ...pack('versioned'), version: '2.0.0' }));
    const result = await installPackText(JSON.stringify(pack('versioned')));
    if (result.ok) throw new Error('an older version must be refused');
    setUiLanguage('zh-CN');
    expect(failureTexts(result)).toEqual(['version: 1.0.0 比已安装的 "versioned" 版本 2.0.0 更旧；请安装 2.0.0 或更新的版本']);
  });
});
