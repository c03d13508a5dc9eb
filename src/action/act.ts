// What one step does once its environment and inputs are known: read the event, route it, and act
// (plan, execute, or nothing). Loaded by runner.ts with `import()` after the step's first line, so
// zod's schemas, the router and (further in, lazily) the engine, Octokit, the AI SDK and the
// tokenizer never delay it.
import { readFile } from 'node:fs/promises';
import { DEFAULT_CONFIG_PATH } from '../core/config/config-path.js';
import { errorMessage, ValidationError } from '../core/errors.js';
import type { DispatchedComment } from '../engine/github/dispatched-comment.js';
import type { GitHubDeps } from '../engine/github/github-deps.js';
import type { ExecuteRequest, Handled, IssueEvent } from '../engine/github/issue-events.js';
import { runnerCancellation } from './cancellation.js';
import { type Route, routeEvent } from './event-router.js';
import type { ActionInputs } from './inputs.js';
import type { ActionOutcome } from './outcome.js';
import { createTempDir, removeTempDir } from './temp-dir.js';
import type { ActionContext } from './wiring.js';

type Base = Omit<ActionContext, 'tempDir'>;

/**
 * Everything that can be checked without the network is checked before any request: a bad
 * dispatch fails here, before GitHub or a model is asked anything. An approval handed over in the
 * inputs (a plan job's outputs) is the execute job's request: that plan job has already handled the
 * event, and handling the same approval twice starts nothing the second time.
 */
export async function routeAndAct(base: Base, now: Date): Promise<ActionOutcome> {
  const route: Route = base.inputs.request
    ? { kind: 'execute', request: base.inputs.request }
    : routeEvent(base.gh.eventName, await readPayload(base.gh.eventPath), now);
  return act(route, base);
}

async function readPayload(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch (error) {
    throw new ValidationError(`GITHUB_EVENT_PATH (${path})`, 'is not a readable JSON event payload', {
      cause: error,
    });
  }
}

/** Which routes each mode acts on; anything else is "nothing to do", never an error. */
function skipReason(route: Route, mode: ActionInputs['mode']): string | undefined {
  if (mode === 'plan' && route.kind === 'execute') {
    return 'mode plan never executes; this dispatch is for a job with mode execute';
  }
  if (mode === 'execute' && route.kind === 'plan') return 'a mode: plan dispatch is for a job with mode plan';
  // CI results belong to `ci-fix` (and `auto`); `ci-fix` acts on nothing else.
  if (mode !== 'ci-fix' && mode !== 'auto' && route.kind === 'event' && route.event.kind === 'checks')
    return `mode ${mode} does not act on CI results; use mode ci-fix (or auto)`;
  if (mode === 'ci-fix' && !(route.kind === 'event' && route.event.kind === 'checks'))
    return 'mode ci-fix acts on workflow_run and check_suite events of Maestro’s pull requests';
  if (
    mode === 'execute' &&
    route.kind === 'event' &&
    !['comment', 'review', 'review-comment'].includes(route.event.kind)
  ) {
    return `mode execute acts on comments, reviews and dispatches, not on issues.${route.event.kind}`;
  }
  return undefined;
}

async function act(route: Route, base: Base): Promise<ActionOutcome> {
  if (route.kind === 'nothing') return { kind: 'nothing', reason: route.reason };
  const skip = skipReason(route, base.inputs.mode);
  if (skip) return { kind: 'nothing', reason: `nothing to do: ${skip}` };

  // The engine, the adapters (Octokit, the AI SDK, simple-git) and the tokenizer load only here,
  // once there is something to do: the step's first line and a bad environment's error come first.
  const [{ gitHubDeps }, { handleIssueEvent }] = await Promise.all([
    import('./wiring.js'),
    import('../engine/github/handle-issue-event.js'),
  ]);
  const tempDir = await createTempDir(base.gh.runnerTemp, base.gh.statePath);
  const ctx: ActionContext = { ...base, tempDir };
  try {
    const deps = gitHubDeps(ctx);
    if (route.kind === 'execute') return await execute(ctx, deps, route.request);
    const planned = route.kind === 'plan' ? await planEvent(route, deps) : route;
    if (planned.kind === 'nothing') return { kind: 'nothing', reason: `nothing to do: ${planned.reason}` };
    const { event } = planned;
    const handled = await handleIssueEvent(event, deps);
    if (handled.kind === 'cancelled') await cancelRun(handled.runId, deps, ctx);
    // Only the engine's own `execute` answer (it checked the approver and the hash) or a
    // dispatch's inputs ever lead to an execution; a plan job reports it for the execute job.
    if (handled.kind !== 'execute' || base.inputs.mode === 'plan') return { kind: 'handled', handled };
    return await execute(ctx, deps, handled.request, handled);
  } finally {
    await removeTempDir(tempDir, base.gh.runnerTemp).catch(() => undefined);
  }
}

async function execute(
  ctx: ActionContext,
  deps: GitHubDeps,
  request: ExecuteRequest,
  handled?: Handled,
): Promise<ActionOutcome> {
  const [{ executionDeps }, { executeApproved }] = await Promise.all([
    import('./wiring.js'),
    import('../engine/github/execute-approved.js'),
  ]);
  const cancellation = runnerCancellation(ctx.logger);
  try {
    const execution = await executionDeps(ctx, deps.host, cancellation.signal);
    const result = await executeApproved(request, deps, execution);
    return { kind: 'executed', request, result, ...(handled ? { handled } : {}) };
  } finally {
    cancellation.dispose();
  }
}

/**
 * `/maestro cancel` or removing the label while a run is going: like the App, stop that workflow
 * run (the runner sends it SIGINT and it checkpoints). That needs `actions: write`; without it the
 * cancel is recorded on the issue and this step only warns, so the plan job can stay read-only.
 */
async function cancelRun(runId: number | undefined, deps: GitHubDeps, ctx: ActionContext): Promise<void> {
  if (runId === undefined || runId === ctx.gh.runId) return;
  try {
    await deps.host.cancelWorkflowRun(runId);
    ctx.logger.info(`cancelled workflow run ${runId}`);
  } catch (error) {
    ctx.logger.warn(
      `could not cancel workflow run ${runId} (${errorMessage(error)}); give this job \`actions: write\` to let /maestro cancel stop a running job`,
    );
  }
}

/**
 * A `mode: plan` dispatch: the round its comment asks for (read back from GitHub), or without one
 * the first plan, as if the trigger label had just been added.
 */
async function planEvent(
  route: Extract<Route, { kind: 'plan' }>,
  deps: GitHubDeps,
): Promise<DispatchedComment> {
  if (route.commentId !== undefined) {
    const { dispatchedComment } = await import('../engine/github/dispatched-comment.js');
    return dispatchedComment(deps.host, route.issue, route.commentId);
  }
  return { kind: 'event', event: await labeledEvent(route, deps) };
}

async function labeledEvent(route: Extract<Route, { kind: 'plan' }>, deps: GitHubDeps): Promise<IssueEvent> {
  const [{ triggerLabel }, { defaultConfig }] = await Promise.all([
    import('./config-host.js'),
    import('../core/config/config-schema.js'),
  ]);
  const label = await triggerLabel(
    deps.host,
    deps.configPath ?? DEFAULT_CONFIG_PATH,
    defaultConfig().trigger.label,
  );
  // The dispatch comes from the App's bot; the permission that counts is the labeller's, and the
  // snapshot is pinned to when they labelled — both read from the issue's events, not the inputs.
  const labeled = await deps.host.lastLabeled(route.issue, label);
  const sender = labeled?.actor ?? route.sender;
  return { kind: 'labeled', issue: route.issue, label, sender, at: labeled?.at ?? route.at };
}
