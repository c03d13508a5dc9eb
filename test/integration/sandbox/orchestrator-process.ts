/**
 * A stand-in for Maestro's own process in the /proc test: started with secrets in its environment
 * (where a real run holds them), it runs one gate — plainly or in the sandbox — and prints the
 * gate's run as JSON. `/proc/<pid>/environ` shows a process's environment as it was at exec,
 * so the secrets must be there from the start, not set later by the test.
 */
import { SpawnShell } from '../../../src/adapters/shell/spawn-shell.js';
import { runGates } from '../../../src/engine/run-gates.js';
import { testSandbox } from '../../support/sandbox.js';

const [mode, root] = process.argv.slice(2) as [string, string];
const sandbox = mode === 'sandbox' ? await testSandbox() : undefined;
const report = await runGates([{ name: 'test', argv: ['node', 'attack.js'], source: 'config' }], {
  shell: sandbox?.shell ?? new SpawnShell(),
  cwd: root,
  timeoutMs: 20_000,
});
await sandbox?.close();
process.stdout.write(JSON.stringify(report.runs[0]));
