import { describe, expect, it } from 'vitest';
import { github, REPO_PATH, testHost } from './github-test-kit.js';

const PERMISSION = `${REPO_PATH}/collaborators/bob/permission`;
/** The first attempt and plugin-retry's three retries. */
const ATTEMPTS = 4;

describe('permission (from the permission API, failing closed)', () => {
  it.each([
    ['read', 'read'],
    ['triage', 'read'],
    ['write', 'write'],
    ['maintain', 'write'],
    ['admin', 'admin'],
  ] as const)('role_name %s is %s', async (role, legacy) => {
    const scope = github()
      .get(PERMISSION)
      .reply(200, { permission: legacy, role_name: role, user: { login: 'bob', id: 7 } });
    const { host } = testHost();

    expect(await host.permission('bob')).toBe(role);
    expect(scope.isDone()).toBe(true);
  });

  it('falls back to the legacy field for a custom role name', async () => {
    const scope = github().get(PERMISSION).reply(200, { permission: 'write', role_name: 'release-manager' });
    const { host } = testHost();

    expect(await host.permission('bob')).toBe('write');
    expect(scope.isDone()).toBe(true);
  });

  it('ignores author_association-like fields and odd values: none', async () => {
    const scope = github()
      .get(PERMISSION)
      .reply(200, { permission: 'owner', role_name: 'superuser', author_association: 'OWNER' });
    const { host, logger } = testHost();

    expect(await host.permission('bob')).toBe('none');
    expect(scope.isDone()).toBe(true);
    expect(logger.lines.join('\n')).toMatch(/warn: Unexpected permission answer for bob/);
  });

  it('404 (not a collaborator) is none', async () => {
    const scope = github().get(PERMISSION).reply(404, { message: 'Not Found' });
    const { host, logger } = testHost();

    expect(await host.permission('bob')).toBe('none');
    expect(scope.isDone()).toBe(true);
    expect(logger.lines.join('\n')).toMatch(/warn: Couldn't verify bob's permission \(not a collaborator\)/);
  });

  it('500 on every attempt is none', async () => {
    const scope = github().get(PERMISSION).times(ATTEMPTS).reply(500, { message: 'Server Error' });
    const { host, logger } = testHost();

    expect(await host.permission('bob')).toBe('none');
    expect(scope.isDone()).toBe(true);
    expect(logger.lines.some((l) => l.startsWith('warn: '))).toBe(true);
  });

  it('a timeout on every attempt is none', async () => {
    const scope = github().get(PERMISSION).times(ATTEMPTS).delay(500).reply(200, { role_name: 'admin' });
    const { host } = testHost({ timeoutMs: 30 });

    expect(await host.permission('bob')).toBe('none');
    expect(scope.isDone()).toBe(true);
  });

  it('a network error on every attempt is none', async () => {
    const scope = github().get(PERMISSION).times(ATTEMPTS).replyWithError('socket hang up');
    const { host } = testHost();

    expect(await host.permission('bob')).toBe('none');
    expect(scope.isDone()).toBe(true);
  });

  it('a transient 502 is retried (GET is idempotent) and the real role used', async () => {
    const scope = github()
      .get(PERMISSION)
      .reply(502, 'Bad Gateway')
      .get(PERMISSION)
      .reply(200, { permission: 'write', role_name: 'write' });
    const { host } = testHost();

    expect(await host.permission('bob')).toBe('write');
    expect(scope.isDone()).toBe(true);
  });
});
