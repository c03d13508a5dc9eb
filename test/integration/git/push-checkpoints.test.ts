import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SimpleGitWorkspace } from '../../../src/adapters/git/simple-git-workspace.js';
import { defaultConfig } from '../../../src/core/config/config-schema.js';
import type { RunState } from '../../../src/core/state/run-state.js';
import { newRunState } from '../../../src/engine/github/run-setup.js';
import { pushIfConfigured } from '../../../src/engine/push-checkpoints.js';
import { systemClock } from '../../../src/ports/clock-port.js';
import type { Progress } from '../../../src/ports/progress-port.js';
import { bareOrigin } from '../../support/bare-origin.js';
import { git, tempDir, tempRepo } from '../../support/temp-repo.js';

/*
 * pushIfConfigured on a real checkout and a bare origin: each way origin can fail to take the
 * checkpoints becomes the run's stop (never a warning the run goes past), and after it the task and
 * group moments push nothing while the run's last push brings later checkpoints to a rescue branch.
 */

const BRANCH = 'maestro/issue-7-counts';
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function setup() {
  const repo = tempRepo({ 'a.txt': 'a\n' });
  const worktrees = tempDir();
  const origin = bareOrigin(repo.root);
  cleanups.push(repo.dispose, worktrees.dispose, origin.dispose);
  const workspace = await SimpleGitWorkspace.open(repo.root, { worktreeRoot: worktrees.path });
  await workspace.checkoutRunBranch(BRANCH);
  const state: RunState = newRunState(
    'mae-20261207-170000-ab12',
    BRANCH,
    await workspace.head(),
    systemClock,
  );
  const warnings: string[] = [];
  const progress: Progress = { phase() {}, step() {}, done() {}, warn: (text) => warnings.push(text) };
  const deps = { config: defaultConfig(), workspace, progress };
  const checkpoint = async (text: string) => {
    writeFileSync(join(workspace.root, 'a.txt'), `${text}\n`);
    state.checkpoints += 1;
    await workspace.commitAll(
      text,
      { session: state.session, task: `T${state.checkpoints}`, checkpoint: state.checkpoints },
      { protectedPaths: [] },
    );
    return workspace.head();
  };
  /** A person's commit on origin's run branch, from their own clone. */
  const personPushes = () => {
    const clone = origin.clone();
    git(clone, 'checkout', '-q', BRANCH);
    writeFileSync(join(clone, 'theirs.txt'), 'theirs\n');
    git(clone, 'add', '-A');
    git(clone, '-c', 'user.name=p', '-c', 'user.email=p@example.com', 'commit', '-qm', 'theirs');
    git(clone, 'push', '-q', 'origin', BRANCH);
    return git(clone, 'rev-parse', 'HEAD');
  };
  const onOrigin = (ref: string) => git(origin.path, 'rev-parse', '--verify', '-q', `refs/heads/${ref}`);
  return { workspace, state, deps, warnings, origin, checkpoint, personPushes, onOrigin };
}

describe('pushIfConfigured', () => {
  it('pushes and records no stop when origin takes the checkpoints', async () => {
    const s = await setup();
    const tip = await s.checkpoint('one');
    await pushIfConfigured(s.deps, s.state, 'task');
    expect(s.state.stop).toBeUndefined();
    expect(s.onOrigin(BRANCH)).toBe(tip);
  });

  it('after the branch moved: later task and group moments push nothing; the last push rescues the later checkpoints', async () => {
    const s = await setup();
    await s.checkpoint('one');
    await pushIfConfigured(s.deps, s.state, 'task');
    const theirs = s.personPushes();
    const second = await s.checkpoint('two');

    await pushIfConfigured(s.deps, s.state, 'task');
    const first = `${BRANCH}-rescue-${second.slice(0, 7)}`;
    expect(s.state.stop).toMatchObject({ reason: 'push-rejected' });
    expect(s.state.stop?.detail).toContain(`moved to \`${theirs.slice(0, 7)}\``);
    expect(s.state.stop?.detail).toContain(`2 checkpoint(s) are on \`${first}\``);
    expect(s.onOrigin(first)).toBe(second);

    // A task that was still running integrates its checkpoint: no push at the task or group moment.
    const third = await s.checkpoint('three');
    const refs = () => git(s.origin.path, 'for-each-ref', '--format=%(refname) %(objectname)');
    const before = refs();
    await pushIfConfigured(s.deps, s.state, 'task');
    await pushIfConfigured(s.deps, s.state, 'group');
    expect(refs()).toBe(before);

    // The run's last push: the newer tip goes to its own rescue branch, and the stop names it.
    await pushIfConfigured(s.deps, s.state, 'phase');
    const latest = `${BRANCH}-rescue-${third.slice(0, 7)}`;
    expect(s.onOrigin(latest)).toBe(third);
    expect(s.state.stop?.detail).toContain(`3 checkpoint(s) are on \`${latest}\``);
    expect(s.state.stop?.next).toContain(`Merge or cherry-pick the checkpoints from \`${latest}\``);
    expect(s.onOrigin(BRANCH)).toBe(theirs);
  });

  it('when the rescue branch is declined too, says the checkpoints are only local', async () => {
    const s = await setup();
    await s.checkpoint('one');
    await pushIfConfigured(s.deps, s.state, 'task');
    const theirs = s.personPushes();
    // Origin declines any rescue branch (a rule on maestro/*-rescue-*), and takes everything else.
    const hook = join(s.origin.path, 'hooks', 'pre-receive');
    writeFileSync(
      hook,
      '#!/bin/sh\nwhile read old new ref; do case "$ref" in *-rescue-*) echo "no rescue branches here" >&2; exit 1;; esac; done\nexit 0\n',
    );
    chmodSync(hook, 0o755);
    await s.checkpoint('two');

    await pushIfConfigured(s.deps, s.state, 'group');
    expect(s.state.stop?.reason).toBe('push-rejected');
    expect(s.state.stop?.detail).toMatch(
      /Pushing its 2 checkpoint\(s\) to a rescue branch failed too \(pre-receive hook declined: no rescue branches here\): what origin lacks is only on the local branch/,
    );
    expect(s.state.stop?.next).toContain(`Push the local \`${BRANCH}\` to a new branch`);
    expect(git(s.origin.path, 'for-each-ref', '--format=%(refname:short)', 'refs/heads/maestro/')).toBe(
      BRANCH,
    );
    expect(s.onOrigin(BRANCH)).toBe(theirs);
  });

  it('a push that cannot be made at all stops the run with the adapter’s message', async () => {
    const s = await setup();
    await s.checkpoint('one');
    rmSync(s.origin.path, { recursive: true, force: true });
    await pushIfConfigured(s.deps, s.state, 'task');
    expect(s.state.stop?.reason).toBe('push-rejected');
    expect(s.state.stop?.detail).toMatch(
      /^Pushing maestro\/issue-7-counts to .* failed: .*Check the remote URL/s,
    );
    expect(s.warnings.join('\n')).toContain('Stopping: Pushing maestro/issue-7-counts');
  });

  it('pushes only at the moments checkpoint_frequency names', async () => {
    const s = await setup();
    s.deps.config.orchestrator.checkpoint_frequency = 'phase';
    await s.checkpoint('one');
    await pushIfConfigured(s.deps, s.state, 'task');
    await pushIfConfigured(s.deps, s.state, 'group');
    expect(() => s.onOrigin(BRANCH)).toThrow();
    await pushIfConfigured(s.deps, s.state, 'phase');
    expect(s.onOrigin(BRANCH)).toBe(await s.workspace.head());
  });
});
