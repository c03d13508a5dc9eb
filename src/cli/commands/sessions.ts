import { Command } from 'commander';
import { GitRepositoryReader } from '../../adapters/git/git-repository-reader.js';
import { FsSessionStore } from '../../adapters/local/fs-session-store.js';
import type { CommandContext } from '../command-context.js';

/** `maestro sessions`: every session of the repository, newest first, with its status. */
export function sessionsCommand(ctx: CommandContext): Command {
  return new Command('sessions')
    .description('List the Maestro sessions of this repository, newest first, with their status')
    .option('--repo <dir>', 'the git repository', '.')
    .action(async (options: { repo: string }) => {
      const repo = await GitRepositoryReader.open(
        options.repo.startsWith('/') ? options.repo : `${ctx.io.cwd}/${options.repo}`,
      );
      const store = new FsSessionStore(repo.root);
      const ids = await store.list();
      if (ids.length === 0) {
        ctx.io.stdout('No sessions yet. Start one with `maestro run "<request>"` or try `maestro demo`.\n');
        return;
      }
      const rows = [['SESSION', 'STATUS', 'CHAIN', 'TASKS', 'BRANCH', 'REQUEST']];
      for (const id of ids) {
        const m = await store.readMetadata(id).catch(() => undefined);
        if (!m) continue;
        const total = m.statistics.tasks_completed + m.statistics.tasks_remaining;
        rows.push([
          id,
          m.status,
          m.chain,
          total ? `${m.statistics.tasks_completed}/${total}` : '—',
          m.git_context.branch ?? '—',
          m.feature_request.slice(0, 50),
        ]);
      }
      const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
      for (const row of rows)
        ctx.io.stdout(
          `${row
            .map((cell, i) => cell.padEnd(widths[i]!))
            .join('  ')
            .trimEnd()}\n`,
        );
    });
}
