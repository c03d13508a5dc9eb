import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseStateMarker } from '../../../src/core/state/state-marker.js';
import { executeApproved } from '../../../src/engine/github/execute-approved.js';
import type { GitHubDeps } from '../../../src/engine/github/github-deps.js';
import { handleIssueEvent } from '../../../src/engine/github/handle-issue-event.js';
import type { ExecuteRequest } from '../../../src/engine/github/issue-events.js';
import { ALICE, commentEvent, type Journey, startJourney } from '../../support/github-journey.js';
import { git } from '../../support/temp-repo.js';

/*
 * A push of the checkpoints that origin does not take is never reported as success: the run stops
 * at the next task boundary, no PR claims the branch holds the work, and the tracking comment says
 * what happened, where the work is and what to do. Real git against the journey's bare origin.
 */

// One task at a time, so "the next task boundary" is a fixed point in the recorded session.
const SERIAL = 'orchestrator:\n  parallel_execution: false\n';

let journey: Journey | undefined;
afterEach(() => {
  journey?.dispose();
  journey = undefined;
});

async function planAndApprove(j: Journey): Promise<ExecuteRequest> {
  const issue = j.fake.addIssue({ ...j.issueText, user: ALICE });
  const at = j.fake.label(issue.number, 'maestro', ALICE);
  await handleIssueEvent(
    { kind: 'labeled', issue: issue.number, label: 'maestro', sender: ALICE, at },
    j.deps,
  );
  await handleIssueEvent(commentEvent(j, issue.number, 'Q1: Code points, please'), j.deps);
  const approved = await handleIssueEvent(commentEvent(j, issue.number, '/maestro approve'), j.deps);
  if (approved.kind !== 'execute') throw new Error(`expected execute, got ${approved.kind}`);
  return approved.request;
}

/** The run's model, with `before` called ahead of every call it makes (and the calls counted). */
function observedModel(
  j: Journey,
  before: () => void,
): { openModel: GitHubDeps['openModel']; calls(): number } {
  let calls = 0;
  const openModel: GitHubDeps['openModel'] = async (config) => {
    const opened = await j.deps.openModel(config);
    const model = new Proxy(opened.model, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          calls += 1;
          before();
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    return { ...opened, model };
  };
  return { openModel, calls: () => calls };
}

function originBranches(j: Journey): string[] {
  return git(j.origin.path, 'for-each-ref', '--format=%(refname:short)', 'refs/heads/maestro/')
    .split('\n')
    .filter(Boolean);
}

function trackingBody(j: Journey, issue: number): string {
  const found = j.fake.commentsOn(issue).find((c) => {
    const marker = parseStateMarker(c.body);
    return marker.kind === 'found' && marker.state.kind === 'tracking';
  });
  if (!found) throw new Error('no tracking comment');
  return found.body;
}

describe('a push of the checkpoints that origin does not take', () => {
  it(
    'someone pushed to the run branch: the run stops, the work goes to a rescue branch, the person’s commit stays',
    { timeout: 90_000 },
    async () => {
      const j = startJourney({ config: SERIAL });
      journey = j;
      const request = await planAndApprove(j);
      // As soon as origin has the run branch (the first task's checkpoint), a person pushes to it.
      let theirs: string | undefined;
      let callsWhenTheyPushed = 0;
      const observed = observedModel(j, () => {
        const [branch] = originBranches(j);
        if (theirs || !branch) return;
        const clone = j.origin.clone();
        git(clone, 'checkout', '-q', branch);
        writeFileSync(join(clone, 'NOTES.md'), 'a person was here\n');
        git(clone, 'add', '-A');
        git(
          clone,
          '-c',
          'user.name=p',
          '-c',
          'user.email=p@example.com',
          'commit',
          '-qm',
          'a person’s commit',
        );
        git(clone, 'push', '-q', 'origin', branch);
        theirs = git(clone, 'rev-parse', 'HEAD');
        callsWhenTheyPushed = observed.calls();
      });

      const result = await executeApproved(
        request,
        { ...j.deps, openModel: observed.openModel },
        await j.execution(),
      );

      expect(theirs).toBeDefined();
      expect(result.status).toBe('failed');
      const branch = result.branch ?? '';
      expect(branch).toMatch(/^maestro\/issue-1-/);
      // Origin's run branch is exactly the person's commit: never forced, never rewritten.
      expect(git(j.origin.path, 'rev-parse', `refs/heads/${branch}`)).toBe(theirs);
      // The run's checkpoints are on origin, on the rescue branch named for the run's tip.
      const local = git(j.root, 'rev-parse', `refs/heads/${branch}`);
      const rescue = `${branch}-rescue-${local.slice(0, 7)}`;
      expect(originBranches(j).sort()).toEqual([branch, rescue].sort());
      expect(git(j.origin.path, 'rev-parse', `refs/heads/${rescue}`)).toBe(local);
      const rescued = git(j.origin.path, 'log', '--format=%b', `refs/heads/${rescue}`);
      expect(rescued).toContain('Maestro-Checkpoint: 2');
      expect(rescued).not.toContain('a person');
      // The run stopped at that checkpoint: the task that was running when the push was
      // rejected was the last model call (no further task, no validation).
      expect(observed.calls()).toBe(callsWhenTheyPushed);
      // No PR claims a branch that does not hold the work; the label says failed.
      expect(result.pr).toBeUndefined();
      expect(j.fake.pulls()).toEqual([]);
      expect(j.fake.issues.get(1)?.labels).toContain('maestro:failed');
      // What happened, where the work is, and what to do, in the result and on the issue.
      const why = result.reasons.join('\n');
      expect(why).toContain(`moved to \`${theirs?.slice(0, 7)}\``);
      expect(why).toContain(rescue);
      expect(result.summary).toContain('Stopped: origin did not take the push of the checkpoints');
      const tracking = trackingBody(j, 1);
      expect(tracking).toContain(`moved to \`${theirs?.slice(0, 7)}\``);
      expect(tracking).toContain(
        `Merge or cherry-pick the checkpoints from \`${rescue}\` into \`${branch}\``,
      );
      expect(tracking).not.toMatch(/pull request #|PR #/);
    },
  );

  it(
    'a protected-branch rule declines it: the run fails with the remote’s reason, redacted',
    { timeout: 90_000 },
    async () => {
      const j = startJourney({ config: SERIAL });
      journey = j;
      const token = `ghp_${'x1Y2'.repeat(9)}`;
      const hook = join(j.origin.path, 'hooks', 'pre-receive');
      writeFileSync(
        hook,
        `#!/bin/sh\necho "error: GH006: Protected branch update failed: 1 review required (seen with ${token})" >&2\nexit 1\n`,
      );
      chmodSync(hook, 0o755);
      const request = await planAndApprove(j);
      const observed = observedModel(j, () => undefined);

      const result = await executeApproved(
        request,
        { ...j.deps, openModel: observed.openModel },
        await j.execution(),
      );

      expect(result.status).toBe('failed');
      const why = result.reasons.join('\n');
      expect(why).toContain(
        'pre-receive hook declined: GH006: Protected branch update failed: 1 review required',
      );
      expect(why).toContain('[REDACTED]');
      expect(why).not.toContain(token);
      // Declined at the first checkpoint: task generation and the first task, nothing after.
      expect(observed.calls()).toBe(2);
      expect(originBranches(j)).toEqual([]);
      expect(j.fake.pulls()).toEqual([]);
      const tracking = trackingBody(j, 1);
      expect(tracking).toContain('GH006: Protected branch update failed');
      expect(tracking).toContain('Change the rule or hook that declined it');
      for (const comment of j.fake.commentsOn(1)) expect(comment.body).not.toContain(token);
    },
  );
});
