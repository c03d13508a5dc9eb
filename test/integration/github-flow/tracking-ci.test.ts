import { afterEach, describe, expect, it } from 'vitest';
import { createOctokit } from '../../../src/adapters/github/octokit.js';
import { OctokitIssueHost } from '../../../src/adapters/github/octokit-issue-host.js';
import { renderTrackingComment } from '../../../src/core/report/render-tracking.js';
import type { TrackingView } from '../../../src/core/report/tracking-view.js';
import { parseStateMarker } from '../../../src/core/state/state-marker.js';
import { showChecksInTracking } from '../../../src/engine/github/tracking-ci.js';
import { appBot, FakeGitHub } from '../../support/fake-github.js';

/*
 * The PR head's checks in the tracking comment when no fix runs (handle-checks.ts): the real
 * Octokit adapter against a fake GitHub. The run state kept beside the view survives the edit; a
 * running run's comment and an unchanged list are left alone.
 */

const TOKEN = `ghs_${'T'.repeat(36)}`;
let github: FakeGitHub | undefined;
afterEach(() => {
  github?.stop();
  github = undefined;
});

function setup(status: TrackingView['status']) {
  github = new FakeGitHub().start();
  github.tokens.set(TOKEN, appBot);
  const host = new OctokitIssueHost({
    client: createOctokit({ token: TOKEN, retry: { enabled: false }, throttle: { enabled: false } }),
    repo: { owner: github.owner, repo: github.repo },
    self: appBot,
    settleMs: 0,
  });
  const view: TrackingView = {
    issue: 1,
    status,
    phasesDone: [1, 2, 3, 4, 5],
    iteration: 1,
    maxIterations: 3,
    usage: { inputTokens: 1, outputTokens: 1, costUsd: 0 },
    startedAt: '2026-12-07T10:00:00.000Z',
    updatedAt: '2026-12-07T10:05:00.000Z',
    lastLines: [],
    ci: { iterations: 1, max: 2, checks: [{ name: 'test', state: 'failed', url: 'https://ci/71' }] },
  };
  return { host, view, fake: github };
}

const patches = (fake: FakeGitHub) =>
  fake.log.filter((l) => l.method === 'PATCH' && l.path.includes('/issues/comments/'));

describe('showChecksInTracking', () => {
  it('shows the head’s checks and keeps the run state beside the view; an unchanged list is not rewritten', async () => {
    const { host, view, fake } = setup('pr-open');
    fake.addIssue({ title: 'x', body: 'y', user: appBot });
    await host.upsertOwnComment(
      1,
      { kind: 'tracking', issue: 1, status: 'pr-open', data: { run: 'packed-run-state', view } },
      renderTrackingComment(view),
    );
    const passed = [
      { id: 81, name: 'test', state: 'passed' as const, url: 'https://ci/81' },
      { id: 82, name: 'lint', state: 'pre-existing' as const },
    ];
    await showChecksInTracking(host, 1, { iterations: 1, max: 2, checks: passed });
    const [comment] = fake.commentsOn(1);
    expect(comment!.body).toContain('| `test` | ✅ passed |');
    expect(comment!.body).toContain('| `lint` | ⚪ failing on the base too (pre-existing) |');
    expect(comment!.body).not.toContain('❌ failed');
    const marker = parseStateMarker(comment!.body);
    expect(marker.kind === 'found' && marker.state.data).toMatchObject({
      run: 'packed-run-state',
      view: { status: 'pr-open', ci: { iterations: 1, max: 2 } },
    });
    const writes = patches(fake).length;
    await showChecksInTracking(host, 1, { iterations: 1, max: 2, checks: passed });
    expect(patches(fake).length).toBe(writes);
  });

  it('leaves a running run’s comment to the run, and does nothing without a tracking comment', async () => {
    const { host, view, fake } = setup('running');
    fake.addIssue({ title: 'x', body: 'y', user: appBot });
    fake.addIssue({ title: 'z', body: 'w', user: appBot });
    await host.upsertOwnComment(
      1,
      { kind: 'tracking', issue: 1, status: 'running', data: { view } },
      renderTrackingComment(view),
    );
    const before = fake.commentsOn(1)[0]!.body;
    const checks = [{ id: 81, name: 'test', state: 'passed' as const }];
    await showChecksInTracking(host, 1, { iterations: 1, max: 2, checks });
    await showChecksInTracking(host, 2, { iterations: 1, max: 2, checks });
    expect(fake.commentsOn(1)[0]!.body).toBe(before);
    expect(fake.commentsOn(2)).toEqual([]);
    expect(patches(fake)).toEqual([]);
  });
});
