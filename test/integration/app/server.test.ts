import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { appEnvironment } from '../../../src/app/app-environment.js';
import { type RunningApp, startAppServer } from '../../../src/app/start-server.js';
import { tempDir } from '../../support/temp-repo.js';
import { deliver, example, SECRET, testPrivateKey } from './webhook-support.js';

const serverEntry = fileURLToPath(new URL('../../../src/app/server.ts', import.meta.url));

let running: RunningApp | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe('npm start', () => {
  it('without credentials prints what to set and how to register the App, then exits 1', () => {
    const cwd = tempDir(); // no .env there
    try {
      const result = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), serverEntry], {
        cwd: cwd.path,
        env: { PATH: process.env.PATH, HOME: cwd.path },
        encoding: 'utf8',
        timeout: 15_000,
      });
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('Maestro (GitHub App) cannot start: its environment is incomplete.');
      for (const name of ['APP_ID', 'PRIVATE_KEY', 'WEBHOOK_SECRET']) {
        expect(result.stderr).toMatch(new RegExp(`^  - ${name}: not set — `, 'm'));
      }
      expect(result.stderr).toContain('registering-a-github-app-from-a-manifest');
      expect(result.stderr).toContain('.env.app.example');
      expect(result.stderr).toContain('app.yml');
    } finally {
      cwd.dispose();
    }
  });

  it('with credentials serves /ping and signed webhooks on the configured port', async () => {
    const result = appEnvironment({
      APP_ID: '1',
      PRIVATE_KEY: testPrivateKey,
      WEBHOOK_SECRET: SECRET,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'fatal',
      MAESTRO_RECONCILE_MINUTES: '0',
    });
    if (result.kind !== 'ok') throw new Error(result.problems.join('\n'));
    let handled = 0;
    running = await startAppServer(result.env, {
      processEnv: { LOG_LEVEL: 'fatal' },
      app: {
        handle: async () => {
          handled++;
          return { kind: 'ignored', reason: 'test' };
        },
        depsFor: () => {
          throw new Error('no GitHub in this test');
        },
      },
    });
    const base = `http://127.0.0.1:${running.port}`;
    expect(await (await fetch(`${base}/ping`)).text()).toBe('PONG');
    const response = await deliver(`${base}/api/github/webhooks`, {
      event: 'issues',
      payload: example('issues', 'labeled'),
    });
    expect(response.status).toBe(200);
    await running.maestro.queue.drain();
    // depsFor threw inside the job: logged, not crashed, and the engine was never reached.
    expect(handled).toBe(0);
    expect((await fetch(`${base}/ping`)).status).toBe(200);
  });
});
