import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { appEnvironment } from '../../../src/app/app-environment.js';
import { type RunningApp, startAppServer } from '../../../src/app/start-server.js';
import { SECRET, testPrivateKey } from './webhook-support.js';

/*
 * npm start's job thread runs at the lowest CPU priority (Linux keeps a niceness per thread): the
 * acknowledging thread keeps its own. Read from /proc, the kernel's own account of each thread.
 */

/** The niceness of each thread of this process (field 19 of /proc/self/task/<tid>/stat). */
function niceness(): number[] {
  return readdirSync('/proc/self/task').map((tid) => {
    const fields = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ').pop()!.split(' ');
    return Number(fields[16]);
  });
}

let running: RunningApp | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe("npm start's job thread", () => {
  it('runs at nice 19 while the main thread keeps the process priority', async () => {
    const before = niceness();
    expect(before.filter((nice) => nice === 19)).toEqual([]);
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
    const setup = new URL('./job-thread-setup.ts', import.meta.url).href;
    running = await startAppServer(result.env, { processEnv: { LOG_LEVEL: 'fatal' }, jobThread: { setup } });
    // The thread lowers its own priority first thing; give it a moment to start.
    const deadline = Date.now() + 10_000;
    while (!niceness().includes(19) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(niceness().filter((nice) => nice === 19)).toHaveLength(1);
    const main = readFileSync('/proc/self/stat', 'utf8').split(') ').pop()!.split(' ');
    expect(Number(main[16])).toBe(before[0]);
  });
});
