import { Command } from 'commander';
import { GitRepositoryReader } from '../../adapters/git/git-repository-reader.js';
import { SimpleGitWorkspace } from '../../adapters/git/simple-git-workspace.js';
import { FsSessionStore } from '../../adapters/local/fs-session-store.js';
import { ValidationError } from '../../core/errors.js';
import { secretsFromEnvironment } from '../../core/policy/commit-scan/secrets-from-environment.js';
import type { CommandContext } from '../command-context.js';
import { loadSession } from '../local/load-session.js';

/**
 * `maestro rollback SESSION [N]`: a NEW commit on the session's branch whose tree is checkpoint
 * N's (default: the one before the last). History is never rewritten.
 */
export function rollbackCommand(ctx: CommandContext): Command {
  return new Command('rollback')
    .description('Restore checkpoint N of a session as a new commit on its branch (history is kept)')
    .argument('<session>', 'the session id (see `maestro sessions`)')
    .argument('[n]', 'the checkpoint number to restore (default: the one before the last)')
    .option('--repo <dir>', 'the git repository', '.')
    .action(async (sessionId: string, n: string | undefined, options: { repo: string }) => {
      const repo = await GitRepositoryReader.open(
        options.repo.startsWith('/') ? options.repo : `${ctx.io.cwd}/${options.repo}`,
      );
      const store = new FsSessionStore(repo.root);
      const saved = await loadSession(store, sessionId);
      if (!saved.state)
        throw new ValidationError(
          sessionId,
          'this session never started executing, so it has no checkpoints',
        );
      const workspace = await SimpleGitWorkspace.open(repo.root, {
        secrets: secretsFromEnvironment(ctx.io.env),
      });
      await workspace.checkoutRunBranch(saved.state.branch);
      const checkpoints = await workspace.checkpoints(sessionId);
      const last = checkpoints.at(-1)?.checkpoint ?? 0;
      const wanted = n === undefined ? last - 1 : /^\d+$/.test(n.trim()) ? Number(n.trim()) : Number.NaN;
      if (!Number.isInteger(wanted) || wanted < 0 || wanted > last) {
        throw new ValidationError(
          'N',
          `give a checkpoint number from 0 (the base commit) to ${last}; got "${n ?? wanted}"`,
        );
      }
      const target =
        wanted === 0 ? saved.state.baseSha : checkpoints.find((c) => c.checkpoint === wanted)?.sha;
      if (!target) throw new ValidationError('N', `checkpoint ${wanted} is not on ${saved.state.branch}`);
      const sha = await workspace.restoreTree(target, `revert: restore checkpoint ${wanted}`, {
        session: sessionId,
        task: 'rollback',
        checkpoint: last + 1,
      });
      ctx.io.stdout(
        `[Maestro] ✓ Restored checkpoint ${wanted} (${target.slice(0, 7)}) as checkpoint ${last + 1} (${sha.slice(0, 7)}) on ${saved.state.branch}\n`,
      );
    });
}
