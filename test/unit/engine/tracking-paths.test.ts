import { describe, expect, it } from 'vitest';
import { TrackingComment } from '../../../src/engine/github/tracking-comment.js';
import type { IssueHost } from '../../../src/ports/issue-host-port.js';

const view = {
  issue: 7,
  status: 'running' as const,
  phasesDone: [],
  iteration: 0,
  maxIterations: 3,
  usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
  lastLines: [],
  startedAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

// "Latest" in the tracking comment is read on the issue, where the runner's directories mean
// nothing (and say more about the runner than anyone needs).
describe('the tracking comment’s latest lines', () => {
  const temp = '/home/runner/work/_temp/maestro-Ab12Cd';
  const comment = () =>
    new TrackingComment({
      host: {} as IssueHost,
      issue: 7,
      view,
      localRoots: [`${temp}/worktrees`, temp, '/home/runner/work/_temp', '/home/runner/work/repo/repo/'],
    });

  it('show paths relative to the worktree, the checkout or the temp directory', () => {
    const board = comment();
    board.warn(`T1 failed: ENOENT: no such file, open '${temp}/worktrees/T1/src/login.ts'`);
    board.step('Coverage: npx vitest run --coverage --root /home/runner/work/repo/repo');
    board.step(`Session saved in ${temp}/sessions/s-1`);
    board.step('Cache in /home/runner/work/_temp/other');
    expect(board.view.lastLines).toEqual([
      "⚠ T1 failed: ENOENT: no such file, open 'T1/src/login.ts'",
      '→ Coverage: npx vitest run --coverage --root .',
      '→ Session saved in sessions/s-1',
      '→ Cache in other',
    ]);
    expect(board.view.lastLines.join('\n')).not.toContain('/home/runner');
  });

  it('leave lines alone without roots', () => {
    const board = new TrackingComment({ host: {} as IssueHost, issue: 7, view });
    board.step(`open ${temp}/x`);
    expect(board.view.lastLines).toEqual([`→ open ${temp}/x`]);
  });
});
