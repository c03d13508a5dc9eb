import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SpawnShell } from '../../../src/adapters/shell/spawn-shell.js';

// A command killed by a signal reports 128 + that signal's number, for every signal (the
// platform's own table), not only the four a hand-written table listed.
describe('SpawnShell on a command killed by a signal', () => {
  for (const [signal, code] of [
    ['SIGQUIT', 131],
    ['SIGABRT', 134],
    ['SIGSEGV', 139],
    ['SIGTERM', 143],
  ] as const) {
    it(`reports ${code} for ${signal}`, async () => {
      const cwd = mkdtempSync(join(tmpdir(), 'maestro-signal-'));
      try {
        const result = await new SpawnShell().run({
          command: process.execPath,
          args: ['-e', `process.kill(process.pid, '${signal}'); setInterval(() => {}, 1000)`],
          cwd,
          timeoutMs: 10_000,
        });
        expect(result).toMatchObject({ kind: 'exited', exitCode: code });
      } finally {
        rmSync(cwd, { recursive: true, force: true });
      }
    });
  }
});
