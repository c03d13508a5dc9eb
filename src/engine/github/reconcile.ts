import { isFailed } from '../../core/ci/check-runs.js';
import { parseCommand } from '../../core/commands/parse-command.js';
import type { MaestroConfig } from '../../core/config/config-schema.js';
import { errorMessage } from '../../core/errors.js';
import type { Actor, PullRequestData, UpdatedIssue } from '../../ports/issue-host-port.js';
import type { GitHubDeps } from './github-deps.js';
import { handleIssueEvent } from './handle-issue-event.js';
import type { Handled, IssueEvent } from './issue-events.js';
import { isBotOrSelf } from './issue-snapshot.js';
import { readPlan } from './plan-record.js';
import { issueOfBranch } from './pull-request-link.js';
import { loadRepoConfig } from './repo-config.js';

/**
 * The sweep for events missed while the App was down (on start and on a schedule). What changed
 * since the last sweep comes from the search API (`updated:>=`), so its cost follows the activity,
 * not the repository's size; each kind is replayed only when GitHub shows it was not handled:
 * - a labelled issue without a plan → its labelling (labeller and time from the issue's events);
 * - the trigger label removed from a planned issue that is not cancelled → the removal (cancel);
 * - issue comments newer than the last one the plan records as handled → in order;
 * - `/maestro` commands on Maestro's PRs, and reviews of them, that got no reply keyed by them and
 *   no run started after them;
 * - failed checks on an open Maestro PR's head with no `ci:<sha>` notice (checks do not change a
 *   PR's `updated_at`, so the open Maestro PRs are looked at every sweep).
 * Exactly once: the App queues each event under the same serial and semantic keys as its webhook,
 * and the engine's records (plan marker, notices, tracking comment) say what was done.
 */
export async function reconcileRepository(
  deps: GitHubDeps,
): Promise<Array<{ issue: number; handled: Handled }>> {
  const out: Array<{ issue: number; handled: Handled }> = [];
  for (const { issue, events } of await findMissedEvents(deps)) {
    for (const event of events) {
      const handled = await handleIssueEvent(event, deps);
      if (handled.kind !== 'ignored') out.push({ issue, handled });
    }
  }
  return out;
}

export interface MissedEvents {
  issue: number;
  /** In the order they happened; each is handled like its webhook would have been. */
  events: IssueEvent[];
}

export interface SweepWindow {
  /** Changes at or after this time are looked at (ISO); default: `LOOKBACK_MS` before now. */
  since?: string;
  /** Searches to keep in reserve: below this, the sweep stops and the next one resumes. */
  minRemaining?: number;
}

export interface SweepResult {
  missed: MissedEvents[];
  /** Where the next sweep starts: this sweep's start, or the last change seen when it stopped early. */
  next: string;
  complete: boolean;
}

/** Without a watermark (the first sweep after a start), a week back: GitHub redelivers 3 days. */
export const LOOKBACK_MS = 7 * 24 * 60 * 60 * 1000;
/**
 * The next sweep looks this far before this one started: the search index lags behind changes,
 * and looking twice at a change is harmless (what was handled is recognised), missing one is not.
 */
const OVERLAP_MS = 5 * 60 * 1000;

/** What the sweep would handle, without handling it (the App queues each event itself). */
export async function findMissedEvents(deps: GitHubDeps, window: SweepWindow = {}): Promise<MissedEvents[]> {
  return (await sweepRepository(deps, window)).missed;
}

export async function sweepRepository(deps: GitHubDeps, window: SweepWindow = {}): Promise<SweepResult> {
  const { host } = deps;
  const started = deps.clock.now();
  const since = window.since ?? new Date(started.getTime() - LOOKBACK_MS).toISOString();
  const loaded = await loadRepoConfig(host);
  if (loaded.kind === 'invalid') return { missed: [], next: started.toISOString(), complete: true };
  const { config } = loaded;
  const self = await host.self();
  const found = await host.searchUpdated(since, { minRemaining: window.minRemaining });
  const missed: MissedEvents[] = [];
  const ctx: SweepContext = { deps, config, self, since };
  for (const item of found.items) {
    const events = await guarded(deps, item.number, () =>
      item.isPullRequest ? pullRequestMissed(item, ctx) : issueMissed(item, ctx),
    );
    if (events.length > 0) missed.push({ issue: item.number, events });
  }
  if (config.ci.max_fix_iterations > 0) {
    const open = await host.listOpenPullRequests();
    for (const pr of open.filter((p) => issueOfBranch(p.head) !== undefined)) {
      const event = await guarded(deps, pr.number, async () => {
        const e = await checksMissed(pr, ctx);
        return e ? [e] : [];
      });
      if (event.length > 0) missed.push({ issue: pr.number, events: event });
    }
  }
  const last = found.items.at(-1)?.updatedAt;
  const next = found.complete || !last ? new Date(started.getTime() - OVERLAP_MS).toISOString() : last;
  return { missed, next, complete: found.complete };
}

interface SweepContext {
  deps: GitHubDeps;
  config: MaestroConfig;
  self: Actor;
  since: string;
}

/** One item's failure is logged and left for the next sweep; the others go on. */
async function guarded(
  deps: GitHubDeps,
  n: number,
  find: () => Promise<IssueEvent[]>,
): Promise<IssueEvent[]> {
  try {
    return await find();
  } catch (error) {
    deps.logger.warn(`Reconciling #${n} failed (will retry on the next sweep): ${errorMessage(error)}`);
    return [];
  }
}

async function issueMissed(item: UpdatedIssue, ctx: SweepContext): Promise<IssueEvent[]> {
  const { host } = ctx.deps;
  const { label } = ctx.config.trigger;
  const plan = await readPlan(host, item.number);
  if (!plan) {
    if (item.state !== 'open' || !item.labels.includes(label)) return [];
    const labeled = await host.lastLabeled(item.number, label);
    return labeled
      ? [{ kind: 'labeled', issue: item.number, label, sender: labeled.actor, at: labeled.at }]
      : [];
  }
  if (plan.record.status === 'cancelled') return [];
  if (!item.labels.includes(label)) {
    const removed = await host.lastUnlabeled(item.number, label);
    if (removed && Date.parse(removed.at) >= Date.parse(plan.record.triggeredAt))
      return [{ kind: 'unlabeled', issue: item.number, label, sender: removed.actor, at: removed.at }];
  }
  const since = Date.parse(plan.record.triggeredAt);
  const missed = (await host.listComments(item.number)).filter(
    (c) => c.id > plan.record.lastCommentId && c.id !== plan.comment.id && Date.parse(c.createdAt) >= since,
  );
  return missed.map((comment) => ({ kind: 'comment', issue: item.number, isPullRequest: false, comment }));
}

/** Commands and reviews on one of Maestro's PRs that nothing shows were handled. */
async function pullRequestMissed(item: UpdatedIssue, ctx: SweepContext): Promise<IssueEvent[]> {
  const { host } = ctx.deps;
  const pr = item.state === 'open' ? await host.getPullRequest(item.number) : undefined;
  const issue = pr ? issueOfBranch(pr.head) : undefined;
  if (!pr || issue === undefined) return [];
  const after = Date.parse(ctx.since);
  const runStarted = await lastRunStart(issue, ctx);
  const answered = async (key: string) =>
    (await host.findOwnComment(pr.number, { kind: 'notice', key })) !== undefined;
  const events: IssueEvent[] = [];
  for (const comment of await host.listComments(pr.number)) {
    if (Date.parse(comment.createdAt) < after || isBotOrSelf(comment.author, ctx.self)) continue;
    if (parseCommand(comment.body).kind === 'none') continue;
    if (runStarted >= Date.parse(comment.createdAt) || (await answered(`reply:${comment.id}`))) continue;
    // Maestro reacts 🚀 to a command it acts on: the run it asked for may not have started yet.
    if (await host.hasOwnReaction(comment.id, 'rocket')) continue;
    events.push({ kind: 'comment', issue: pr.number, isPullRequest: true, comment });
  }
  for (const review of await host.listReviews(pr.number)) {
    if (Date.parse(review.submittedAt) < after || isBotOrSelf(review.reviewer, ctx.self)) continue;
    if (review.state !== 'changes_requested' && review.state !== 'commented') continue;
    if (runStarted >= Date.parse(review.submittedAt) || (await answered(`review:${review.id}`))) continue;
    events.push({
      kind: 'review',
      pr: pr.number,
      head: pr.head,
      state: review.state,
      reviewer: review.reviewer,
      body: review.body,
      reviewId: review.id,
      at: review.submittedAt,
    });
  }
  return events;
}

/** When the issue's latest run started (its tracking comment), or -Infinity when none did. */
async function lastRunStart(issue: number, ctx: SweepContext): Promise<number> {
  const tracking = await ctx.deps.host.findOwnComment(issue, { kind: 'tracking' });
  const startedAt = (tracking?.state.data?.view as { startedAt?: unknown } | undefined)?.startedAt;
  const at = typeof startedAt === 'string' ? Date.parse(startedAt) : Number.NaN;
  return Number.isNaN(at) ? Number.NEGATIVE_INFINITY : at;
}

/** A Maestro PR whose head's checks all finished, one failed, and no `ci:<sha>` notice says it was seen. */
async function checksMissed(pr: PullRequestData, ctx: SweepContext): Promise<IssueEvent | undefined> {
  const { host } = ctx.deps;
  if (!pr.headSha) return undefined;
  if (await host.findOwnComment(pr.number, { kind: 'notice', key: `ci:${pr.headSha}` })) return undefined;
  const runs = await host.checkRuns(pr.headSha);
  if (runs.length === 0 || runs.some((run) => run.status !== 'completed') || !runs.some(isFailed))
    return undefined;
  return {
    kind: 'checks',
    source: 'check_suite',
    head: pr.head,
    headSha: pr.headSha,
    conclusion: 'failure',
    pr: pr.number,
    sender: ctx.self,
    at: ctx.deps.clock.now().toISOString(),
  };
}
