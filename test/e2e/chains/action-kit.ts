import type { ActionOutcome } from '../../../src/action/outcome.js';
import { runAction } from '../../../src/action/runner.js';
import { silentLogger } from '../../../src/ports/logger-port.js';
import { fakeRunner } from '../../integration/action/action-env.js';
import { type AnthropicWire, anthropicWire, type WireReply } from '../../support/anthropic-wire.js';
import { bareOrigin } from '../../support/bare-origin.js';
import { appBot, type FakeActor, FakeGitHub } from '../../support/fake-github.js';
import { ALICE, APP_TOKEN } from '../../support/github-journey.js';
import { git } from '../../support/temp-repo.js';
import { KEY, nodeProject } from './chain-kit.js';

/*
 * The chains end to end through the Action: the real `runAction` driven by a runner environment,
 * the real Octokit adapter against a fake GitHub at the HTTP edge, a real git checkout with a bare
 * origin, the real sandbox, and the real model adapter talking to a local Anthropic Messages API
 * (ANTHROPIC_BASE_URL in the runner's environment; no `openModel` replacement).
 */

export interface ActionRepo {
  fake: FakeGitHub;
  root: string;
  origin: ReturnType<typeof bareOrigin>;
  wire: AnthropicWire;
  dispose(): Promise<void>;
}

/** A Node project checked out as the Action's workspace, its origin, a fake GitHub and the model. */
export async function actionRepo(
  files: Record<string, string>,
  script: readonly WireReply[],
): Promise<ActionRepo> {
  const repo = nodeProject(files);
  const origin = bareOrigin(repo.root);
  const fake = new FakeGitHub().start();
  // Pushes go to https://github.com/<owner>/<repo>.git (built from the event); the runner's git
  // config sends that URL to the bare origin, so any push would land there and be seen.
  git(
    repo.root,
    'config',
    `url.${origin.path}.insteadOf`,
    `https://github.com/${fake.owner}/${fake.repo}.git`,
  );
  fake.tokens.set(APP_TOKEN, appBot);
  fake.permissions.set(ALICE.login, 'admin');
  const wire = await anthropicWire(script);
  return {
    fake,
    root: repo.root,
    origin,
    wire,
    async dispose() {
      fake.stop();
      await wire.close();
      origin.dispose();
      repo.dispose();
    },
  };
}

export interface ActionStep {
  outcome: ActionOutcome;
  outputs: Record<string, string>;
  summary: string;
}

/** One step of the Action for `eventName`/`payload` with `inputs`, the model at the local wire. */
export async function actionStep(
  r: ActionRepo,
  eventName: string,
  payload: unknown,
  inputs: Record<string, string>,
): Promise<ActionStep> {
  const runner = fakeRunner({
    eventName,
    payload,
    inputs: { 'github-token': APP_TOKEN, ...inputs },
    workspace: r.root,
  });
  try {
    runner.env.GITHUB_REPOSITORY = `${r.fake.owner}/${r.fake.repo}`;
    runner.env.ANTHROPIC_API_KEY = KEY;
    runner.env.ANTHROPIC_BASE_URL = r.wire.url;
    runner.env.HOME = process.env.HOME;
    const outcome = await runAction(runner.env, { logger: silentLogger });
    return { outcome, outputs: runner.outputs(), summary: runner.summary() };
  } finally {
    runner.dispose();
  }
}

/** The `issues.labeled` payload for the trigger label that `who` just added (on the fake too). */
export function labeledPayload(r: ActionRepo, issue: number, label: string, who: FakeActor = ALICE) {
  const at = r.fake.label(issue, label, who);
  return {
    action: 'labeled',
    issue: { number: issue, updated_at: at },
    label: { name: label },
    sender: who,
    repository: { name: r.fake.repo, full_name: `${r.fake.owner}/${r.fake.repo}` },
  };
}

/** The `issue_comment.created` payload for a comment `who` just posted (on the fake too). */
export function commentPayload(r: ActionRepo, issue: number, body: string, who: FakeActor = ALICE) {
  const c = r.fake.comment(issue, body, who);
  return {
    action: 'created',
    issue: { number: issue },
    comment: {
      id: c.id,
      body,
      user: who,
      created_at: c.created_at,
      updated_at: c.updated_at,
      html_url: `https://github.com/${r.fake.owner}/${r.fake.repo}/issues/${issue}#issuecomment-${c.id}`,
    },
    sender: who,
    repository: { name: r.fake.repo, full_name: `${r.fake.owner}/${r.fake.repo}` },
  };
}

/** Every ref of a repository, `sha refname` per line. */
export function refsOf(path: string): string {
  return git(path, 'for-each-ref', '--format=%(objectname) %(refname)');
}
