import { cp, mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { initRepository } from '../../adapters/git/init-repository.js';
import { openSandbox } from '../../adapters/sandbox/open-sandbox.js';
import { SpawnShell } from '../../adapters/shell/spawn-shell.js';
import { defaultConfig, sandboxOffAcknowledgement } from '../../core/config/config-schema.js';
import { ValidationError } from '../../core/errors.js';
import type { CommandContext } from '../command-context.js';
import { packageRoot } from '../version.js';
import { runAction } from './run.js';

/** The demo's assets ship in the package: `demo/sample/` (a project with real tests), the issue, the recording. */
const DEMO_ROOT = join(packageRoot(), 'demo');

/**
 * The demo runs its gates in the sandbox like any run. Where none can be made (no bubblewrap, or
 * not Linux), the bundled sample — Maestro's own code and a recorded session, nothing untrusted —
 * runs without one, and the banner says so and why; a real `maestro run` would refuse.
 */
async function demoSandbox(dir: string, env: NodeJS.ProcessEnv): Promise<string[]> {
  const opened = await openSandbox(defaultConfig().sandbox, { runner: new SpawnShell(), env });
  if (opened.kind === 'ready') {
    await opened.sandbox.close();
    return [];
  }
  await mkdir(join(dir, '.github'), { recursive: true });
  await writeFile(
    join(dir, '.github', 'maestro.yml'),
    `# Written by \`maestro demo\`: no sandbox could be made on this machine.\nsandbox:\n  mode: off\n  ${sandboxOffAcknowledgement}: true\n`,
  );
  return [
    'NO SANDBOX on this machine, so the demo runs its bundled sample without one (it is',
    "Maestro's own code and a recorded session). A real `maestro run` refuses until this is fixed:",
    opened.message,
    '',
  ];
}

/**
 * `maestro demo [--dir DIR]`: the whole lifecycle offline on the bundled sample project, with a
 * recorded model session replayed in place of a model (clearly labelled). The sample's own tests
 * run as the gates — for real — including one failing iteration that a fix task repairs.
 */
export function demoCommand(ctx: CommandContext): Command {
  return new Command('demo')
    .description(
      'Run the whole lifecycle offline on a bundled sample project (a recorded model session; no key needed)',
    )
    .option(
      '--dir <dir>',
      'where to create the sample repository (must be empty or absent; default: a new temp dir)',
    )
    .option('--no-color', 'no colour in the output (also NO_COLOR=1)')
    .action(async (options: { dir?: string; color?: boolean }) => {
      const { io } = ctx;
      const dir = options.dir ? resolve(io.cwd, options.dir) : await mkdtemp(join(tmpdir(), 'maestro-demo-'));
      const existing = await readdir(dir).catch(() => undefined);
      if (existing && existing.length > 0) {
        throw new ValidationError(
          '--dir',
          `${dir} is not empty; give an empty or new directory so nothing of yours is touched`,
        );
      }
      await mkdir(dir, { recursive: true });
      await cp(join(DEMO_ROOT, 'sample'), dir, { recursive: true });
      const sandboxNote = await demoSandbox(dir, io.env);
      await initRepository(dir, 'textstats: count words');
      io.stdout(
        [
          '╭──────────────────────────────────────────────────────────────────────────╮',
          '│ MAESTRO DEMO — offline. The model is a RECORDED SESSION replayed from     │',
          '│ demo/session.json: no model is called and no key is needed. Everything    │',
          '│ else is real: discovery, git worktrees, checkpoint commits, and the       │',
          "│ sample project's own tests run as the gates.                              │",
          '╰──────────────────────────────────────────────────────────────────────────╯',
          ...sandboxNote,
          `Sample repository: ${dir}`,
          '',
        ].join('\n'),
      );
      const code = await runAction(
        { ...ctx, io: { ...io, env: { ...io.env, MAESTRO_CACHE_DIR: join(dir, '.maestro', 'cache') } } },
        undefined,
        {
          issueFile: join(DEMO_ROOT, 'issue.md'),
          repo: dir,
          yes: true,
          replay: join(DEMO_ROOT, 'session.json'),
          color: options.color,
        },
      );
      io.stdout(
        `\n[Maestro] Demo repository left for inspection: ${dir}\n[Maestro]   → git -C ${dir} log --format='%h %s%n%(trailers:only,unfold)' main..HEAD\n`,
      );
      ctx.exit(code);
    });
}
