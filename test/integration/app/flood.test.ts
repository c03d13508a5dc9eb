import type { Probot } from 'probot';
import { afterEach, describe, expect, it } from 'vitest';
import { type MaestroApp, maestroApp } from '../../../src/app/index.js';
import type { IssueEvent } from '../../../src/engine/github/issue-events.js';
import { deliver, example, gate, listen, testProbot } from './webhook-support.js';

/*
 * A flood of signed deliveries through Probot's real middleware into a bounded queue whose work
 * is held: what the queue cannot take is answered 503 (GitHub shows a failed delivery to redeliver,
 * the sweep finds it later), and every delivery answered 200 is handled, none twice.
 */

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('the App under a flood', () => {
  it('answers 503 beyond its bound, keeps nothing of those, and handles every delivery it accepted', async () => {
    const hold = gate();
    const handled: number[] = [];
    let maestro!: MaestroApp;
    const probot: Probot = testProbot();
    const server = await listen((app) => {
      maestro = maestroApp(app, {
        concurrency: 2,
        maxPending: 10,
        reconcileMinutes: 0,
        gitBaseUrl: 'https://github.com',
        secrets: [],
        env: {},
        handle: async (event: IssueEvent) => {
          await hold.promise;
          if (event.kind === 'comment') handled.push(event.comment.id);
          return { kind: 'ignored', reason: 'test' };
        },
        depsFor: (target) => ({ host: {}, logger: target.logger }) as never,
      });
    }, probot);
    cleanups.push(server.close, () => maestro.stop());
    // Jobs build their client with app.auth(id) at run time: the installation token is not needed
    // before the work runs, and the test's Probot never reaches GitHub (depsFor is a stub).
    (probot as unknown as { auth: () => Promise<unknown> }).auth = async () => ({});

    const ids = Array.from({ length: 40 }, (_, i) => 5_000 + i);
    const statuses = await Promise.all(
      ids.map((id) => {
        const payload = example<{ comment: { id: number } }>('issue_comment', 'created');
        payload.comment.id = id;
        // Different issues, so the concurrency (2) runs two keys at once and the rest wait.
        (payload as unknown as { issue: { number: number } }).issue.number = id;
        return deliver(server.url, { event: 'issue_comment', payload }).then((r) => r.status);
      }),
    );
    const accepted = ids.filter((_, i) => statuses[i] === 200);
    const shed = ids.filter((_, i) => statuses[i] === 503);
    expect(accepted.length + shed.length).toBe(ids.length);
    // Two running and ten waiting at most.
    expect(accepted).toHaveLength(12);
    expect(maestro.queue.pending).toBe(10);

    hold.open();
    await maestro.queue.drain();
    expect([...handled].sort()).toEqual([...accepted].sort());

    // A shed delivery sent again (GitHub's redelivery: a new delivery id) is taken once there is room.
    const again = example<{ comment: { id: number } }>('issue_comment', 'created');
    again.comment.id = shed[0]!;
    expect((await deliver(server.url, { event: 'issue_comment', payload: again })).status).toBe(200);
    await maestro.queue.drain();
    expect(handled).toContain(shed[0]);
  });
});
