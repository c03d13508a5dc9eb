import type { GitHubDeps } from '../../../src/engine/github/github-deps.js';
import { memoryCacheStore } from '../../../src/ports/cache-port.js';
import { systemClock } from '../../../src/ports/clock-port.js';
import type { IssueHost, WorkflowDispatch } from '../../../src/ports/issue-host-port.js';
import { silentLogger } from '../../../src/ports/logger-port.js';

/**
 * The few IssueHost methods the App calls itself (dispatch, cancel, default branch, config);
 * everything else belongs to the engine and throws if reached.
 */
export function fakeHost(options: { config?: string; defaultBranch?: string } = {}) {
  const calls = {
    dispatched: [] as WorkflowDispatch[],
    cancelled: [] as number[],
    readFiles: [] as string[],
  };
  const handled: Partial<IssueHost> = {
    repo: { owner: 'octo', repo: 'demo' },
    defaultBranch: async () => options.defaultBranch ?? 'main',
    readFile: async (path) => {
      calls.readFiles.push(path);
      return options.config === undefined ? undefined : { text: options.config, sha: 'abc123' };
    },
    dispatchWorkflow: async (dispatch) => void calls.dispatched.push(dispatch),
    cancelWorkflowRun: async (runId) => void calls.cancelled.push(runId),
  };
  const host = new Proxy(handled, {
    get(target, property) {
      if (property in target) return target[property as keyof IssueHost];
      if (property === 'then') return undefined;
      throw new Error(`fake host: ${String(property)} is not expected to be called by the App`);
    },
  }) as IssueHost;
  return { host, calls };
}

/** GitHubDeps around a host; the model and the checkout must not be reached by App-side tests. */
export function fakeDeps(host: IssueHost): GitHubDeps {
  return {
    host,
    clock: systemClock,
    logger: silentLogger,
    role: 'app',
    openModel: async () => {
      throw new Error('fake deps: no model in App tests');
    },
    checkout: async () => {
      throw new Error('fake deps: no checkout in App tests');
    },
    cache: memoryCacheStore(),
  };
}
