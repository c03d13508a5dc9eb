import { Command } from 'commander';
import { GitRepositoryReader } from '../../adapters/git/git-repository-reader.js';
import { FsSessionStore } from '../../adapters/local/fs-session-store.js';
import type { SessionMetadata } from '../../core/state/session-metadata.js';
import type { CommandContext } from '../command-context.js';

/** `maestro sessions [--json]`: every session of the repository, newest first, with its status. */
export function sessionsCommand(ctx: CommandContext): Command {
  return new Command('sessions')
    .description('List the Maestro sessions of this repository, newest first, with their status')
    .option('--repo <dir>', 'the git repository', '.')
    .option('--json', 'print the sessions as a JSON array')
    .action(async (options: { repo: string; json?: boolean }) => {
      const repo = await GitRepositoryReader.open(
        options.repo.startsWith('/') ? options.repo : `${ctx.io.cwd}/${options.repo}`,
      );
      const store = new FsSessionStore(repo.root);
      const sessions: SessionMetadata[] = [];
      for (const id of await store.list()) {
        const m = await store.readMetadata(id).catch(() => undefined);
        if (m) sessions.push(m);
      }
      if (options.json) {
        ctx.io.stdout(`${JSON.stringify(sessions.map(summary), null, 2)}\n`);
        return;
      }
      if (sessions.length === 0) {
        ctx.io.stdout('No sessions yet. Start one with `maestro run "<request>"` or try `maestro demo`.\n');
        return;
      }
      ctx.io.stdout(table(sessions));
    });
}

/** One session as `--json` prints it: what the table shows, with full values. */
function summary(m: SessionMetadata) {
  return {
    session: m.session_id,
    status: m.status,
    chain: m.chain,
    tasks_completed: m.statistics.tasks_completed,
    tasks_total: m.statistics.tasks_completed + m.statistics.tasks_remaining,
    branch: m.git_context.branch ?? null,
    request: m.feature_request,
    started: m.start_time,
    updated: m.updated_time,
    revision: m.plan ? { number: m.plan.revision, hash: m.plan.hash } : null,
  };
}

function table(sessions: SessionMetadata[]): string {
  const rows = [['SESSION', 'STATUS', 'CHAIN', 'TASKS', 'BRANCH', 'REQUEST']];
  for (const m of sessions) {
    const total = m.statistics.tasks_completed + m.statistics.tasks_remaining;
    rows.push([
      m.session_id,
      m.status,
      m.chain,
      total ? `${m.statistics.tasks_completed}/${total}` : '—',
      m.git_context.branch ?? '—',
      m.feature_request.slice(0, 50),
    ]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map(
      (row) =>
        `${row
          .map((cell, i) => cell.padEnd(widths[i]!))
          .join('  ')
          .trimEnd()}\n`,
    )
    .join('');
}
