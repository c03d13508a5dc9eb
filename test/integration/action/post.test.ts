import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeExtraHeaders, runPost } from '../../../src/action/cleanup.js';
import { createTempDir } from '../../../src/action/temp-dir.js';
import type { Logger } from '../../../src/ports/logger-port.js';
import { git, tempDir, tempRepo } from '../../support/temp-repo.js';

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (level: string) => (message: string) => void lines.push(`${level}: ${message}`);
  return { lines, debug: push('debug'), info: push('info'), warn: push('warn'), error: push('error') };
}

const header = 'AUTHORIZATION: basic eC1hY2Nlc3MtdG9rZW46Z2hzX2NhbmFyeQ==';

describe('post step', () => {
  const disposers: Array<() => void> = [];
  afterEach(() => {
    for (const dispose of disposers.splice(0)) dispose();
  });

  it('removes every http.*.extraheader that actions/checkout may have left in .git/config', async () => {
    const repo = tempRepo({ 'README.md': '# x\n' });
    disposers.push(repo.dispose);
    git(repo.root, 'config', '--local', 'http.https://github.com/.extraheader', header);
    git(repo.root, 'config', '--local', '--add', 'http.https://github.com/.extraheader', 'second');
    git(repo.root, 'config', '--local', 'http.extraHeader', 'global-form');
    git(repo.root, 'config', '--local', 'core.keepme', 'true');
    const logger = recordingLogger();

    await runPost({ GITHUB_WORKSPACE: repo.root, PATH: process.env.PATH, HOME: process.env.HOME }, logger);

    const config = readFileSync(join(repo.root, '.git', 'config'), 'utf8');
    expect(config).not.toMatch(/extraheader/i);
    expect(config).not.toContain('eC1hY2Nlc3M');
    expect(config).toContain('keepme = true');
    expect(logger.lines.filter((l) => l.startsWith('warn'))).toEqual([]);
    expect(logger.lines.join('\n')).toContain('http.https://github.com/.extraheader');
    expect(logger.lines.join('\n')).not.toContain('eC1hY2Nlc3M');
  });

  it('removes nothing and reports nothing when no credentials are there', async () => {
    const repo = tempRepo({ 'a.txt': 'a' });
    disposers.push(repo.dispose);
    expect(await removeExtraHeaders(repo.root, { PATH: process.env.PATH })).toEqual([]);
  });

  it('passes a URL-looking key with shell metacharacters to git as one argument', async () => {
    const repo = tempRepo({ 'a.txt': 'a' });
    disposers.push(repo.dispose);
    git(repo.root, 'config', '--local', 'http.https://x.test/$(touch pwned);/.extraheader', 'v');
    expect(await removeExtraHeaders(repo.root, { PATH: process.env.PATH })).toEqual([
      'http.https://x.test/$(touch pwned);/.extraheader',
    ]);
    expect(existsSync(join(repo.root, 'pwned'))).toBe(false);
  });

  it("removes the main step's temp directory under RUNNER_TEMP, and only that", async () => {
    const runnerTemp = tempDir();
    disposers.push(runnerTemp.dispose);
    const state = join(runnerTemp.path, 'state');
    const ours = await createTempDir(runnerTemp.path, state);
    mkdirSync(join(ours, 'worktrees', 'task-1'), { recursive: true });
    expect(readFileSync(state, 'utf8')).toContain(ours);
    const other = mkdtempSync(join(runnerTemp.path, 'someone-else-'));

    await runPost({ RUNNER_TEMP: runnerTemp.path, STATE_temp_dir: ours }, recordingLogger());
    expect(existsSync(ours)).toBe(false);

    const logger = recordingLogger();
    await runPost({ RUNNER_TEMP: runnerTemp.path, STATE_temp_dir: other }, logger);
    expect(existsSync(other)).toBe(true);
    expect(logger.lines.join('\n')).toContain("not Maestro's");
  });

  it('never throws: a workspace that is not a repository, or git failing, is only a warning', async () => {
    const dir = tempDir();
    disposers.push(dir.dispose);
    await expect(
      runPost({ GITHUB_WORKSPACE: dir.path, PATH: process.env.PATH }, recordingLogger()),
    ).resolves.toBe(undefined);
    const broken = tempRepo({ 'a.txt': 'a' });
    disposers.push(broken.dispose);
    const logger = recordingLogger();
    await expect(runPost({ GITHUB_WORKSPACE: broken.root, PATH: '/nonexistent' }, logger)).resolves.toBe(
      undefined,
    );
    expect(logger.lines.some((l) => l.startsWith('warn: post step: could not'))).toBe(true);
    await expect(runPost({}, logger)).resolves.toBe(undefined);
  });
});
