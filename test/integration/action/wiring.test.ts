import { describe, expect, it } from 'vitest';
import { runnerCancellation } from '../../../src/action/cancellation.js';
import { triggerLabel } from '../../../src/action/config-host.js';
import { withModelOverride } from '../../../src/action/wiring.js';
import { defaultConfig } from '../../../src/core/config/config-schema.js';
import type { IssueHost } from '../../../src/ports/issue-host-port.js';
import { silentLogger } from '../../../src/ports/logger-port.js';

/** Just enough of a host: files by path, and a private field like the real adapter's. */
class FilesHost {
  readonly #files: Record<string, string>;
  readonly reads: Array<[string, string | undefined]> = [];
  constructor(files: Record<string, string>) {
    this.#files = files;
  }
  async readFile(path: string, ref?: string) {
    this.reads.push([path, ref]);
    const text = this.#files[path];
    return text === undefined ? undefined : { text, sha: 'sha' };
  }
  async defaultBranch() {
    return this.#files.branch ?? 'main';
  }
}
const asHost = (host: FilesHost) => host as unknown as IssueHost;

describe('config-path', () => {
  it('finds the trigger label for a plan dispatch, falling back to the default', async () => {
    const fallback = defaultConfig().trigger.label;
    const configured = asHost(new FilesHost({ '.github/maestro.yml': 'trigger:\n  label: ai-please\n' }));
    expect(await triggerLabel(configured, '.github/maestro.yml', fallback)).toBe('ai-please');
    expect(await triggerLabel(asHost(new FilesHost({})), '.github/maestro.yml', fallback)).toBe('maestro');
    const invalid = asHost(new FilesHost({ '.github/maestro.yml': 'trigger: [not, a, map]\n' }));
    expect(await triggerLabel(invalid, '.github/maestro.yml', fallback)).toBe('maestro');
    // With config-path, from that file (same default branch), not from .github/maestro.yml.
    const elsewhere = asHost(new FilesHost({ 'ci/maestro.yml': 'trigger:\n  label: bot\n' }));
    expect(await triggerLabel(elsewhere, 'ci/maestro.yml', fallback)).toBe('bot');
  });
});

describe('model input', () => {
  it('overrides both the planner and the executor model, nothing else', () => {
    const config = defaultConfig();
    const overridden = withModelOverride(config, 'gpt-5');
    expect(overridden.model).toEqual({ ...config.model, planner: 'gpt-5', executor: 'gpt-5' });
    expect(config.model.planner).not.toBe('gpt-5');
    expect(withModelOverride(config, undefined)).toBe(config);
  });
});

describe('runner cancellation', () => {
  it('turns SIGINT into an aborted signal and removes its handlers afterwards', () => {
    const before = process.listenerCount('SIGINT');
    const cancellation = runnerCancellation(silentLogger);
    expect(process.listenerCount('SIGINT')).toBe(before + 1);
    expect(process.listenerCount('SIGTERM')).toBeGreaterThan(0);
    process.emit('SIGINT');
    expect(cancellation.signal.aborted).toBe(true);
    expect(String(cancellation.signal.reason)).toMatch(/cancelled \(SIGINT\)/);
    cancellation.dispose();
    expect(process.listenerCount('SIGINT')).toBe(before);
  });
});
