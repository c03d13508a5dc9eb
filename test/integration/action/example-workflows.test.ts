import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { dispatchInputs } from '../../../src/engine/github/issue-events.js';

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Job {
  if?: string;
  needs?: string | string[];
  permissions?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  steps: Step[];
}
interface Workflow {
  on: Record<string, { types?: string[]; inputs?: Record<string, unknown> } | null>;
  permissions: unknown;
  jobs: Record<string, Job>;
}

const load = (path: string) => parse(readFileSync(path, 'utf8')) as Workflow;
const actionsOnly = load('examples/workflows/maestro.yml');
const withApp = load('examples/workflows/maestro-app.yml');
const workflows = { 'maestro.yml': actionsOnly, 'maestro-app.yml': withApp };
const actionInputs = Object.keys((parse(readFileSync('action.yml', 'utf8')) as { inputs: object }).inputs);

const steps = (workflow: Workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps);
const isMaestro = (step: Step) => /(^|\/)maestro@/.test(step.uses ?? '');

const planPermissions = { contents: 'read', issues: 'write', 'pull-requests': 'read' };
const executePermissions = { contents: 'write', 'pull-requests': 'write', issues: 'write' };

describe.each(Object.entries(workflows))('example workflow %s', (_name, workflow) => {
  it('never expands event or input values inside run: (they reach scripts through env:)', () => {
    for (const step of steps(workflow)) {
      if (step.run === undefined) continue;
      expect(step.run).not.toContain('${{ github.event');
      expect(step.run).not.toMatch(/\$\{\{\s*(github\.event|inputs\.|github\.head_ref)/);
    }
  });

  it('checks out with a SHA-pinned actions/checkout and persist-credentials: false', () => {
    const checkouts = steps(workflow).filter((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkouts.length).toBe(2);
    for (const step of checkouts) {
      expect(step.uses).toMatch(/^actions\/checkout@[0-9a-f]{40}$/);
      expect(step.with?.['persist-credentials']).toBe(false);
    }
  });

  it('grants nothing at the top level', () => {
    expect(workflow.permissions).toEqual({});
  });

  it('runs each job alone per issue, never cancelling a run in progress', () => {
    for (const job of Object.values(workflow.jobs)) {
      expect(job.concurrency?.['cancel-in-progress']).toBe(false);
      expect(job.concurrency?.group).toMatch(/^maestro-(plan|issue)-\$\{\{.*\}\}$/);
    }
    expect(workflow.jobs.execute?.concurrency?.group).toMatch(/^maestro-issue-/);
  });

  it('passes our action only inputs that action.yml declares', () => {
    const ours = steps(workflow).filter(isMaestro);
    expect(ours.length).toBe(2);
    for (const step of ours) {
      for (const key of Object.keys(step.with ?? {})) expect(actionInputs).toContain(key);
    }
    const modes = Object.fromEntries(
      Object.entries(workflow.jobs).map(([name, job]) => [name, job.steps.find(isMaestro)?.with?.mode]),
    );
    expect(modes).toEqual({ plan: 'plan', execute: 'execute' });
  });

  it("accepts every input the App dispatches, plus mode and a plan round's comment-id", () => {
    const sent = dispatchInputs({
      issue: 1,
      approvalCommentId: 2,
      prdHash: 'abcdef1',
      reason: 'fix',
      fix: 'x',
      pr: 3,
      headSha: 'a'.repeat(40),
      reviewId: 4,
    });
    const declared = Object.keys(workflow.on.workflow_dispatch?.inputs ?? {});
    expect(declared.sort()).toEqual([...Object.keys(sent), 'mode', 'comment-id'].sort());
  });

  it('gives the execute job a full clone for checkpoints and resume', () => {
    const checkout = workflow.jobs.execute?.steps.find((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with?.['fetch-depth']).toBe(0);
  });
});

describe('Actions-only workflow (maestro.yml)', () => {
  it('listens to the events the Action routes', () => {
    expect(actionsOnly.on.issues?.types).toEqual(['labeled', 'unlabeled', 'edited']);
    expect(actionsOnly.on.issue_comment?.types).toEqual(['created']);
    expect(actionsOnly.on.pull_request_review?.types).toEqual(['submitted']);
    expect(actionsOnly.on).toHaveProperty('workflow_dispatch');
  });

  it('plans with read access to code and executes with write access, in separate jobs', () => {
    // actions: read — `/maestro resume` asks whether the run a tracking comment names is still going.
    expect(actionsOnly.jobs.plan?.permissions).toEqual({ actions: 'read', ...planPermissions });
    expect(actionsOnly.jobs.execute?.permissions).toEqual(executePermissions);
  });

  it('hands the approval from the plan job to the execute job, output by output', () => {
    const handed = { issue: 'issue', 'approval-comment-id': 'approval-comment-id', 'prd-hash': 'prd-hash' };
    // One name on both sides: every input is the output it takes.
    const pairs = { ...handed, reason: 'reason', fix: 'fix', 'pr-number': 'pr-number' };
    const plan = actionsOnly.jobs.plan as Job & { outputs: Record<string, string> };
    const execute = actionsOnly.jobs.execute?.steps.find(isMaestro);
    for (const [input, output] of Object.entries(pairs)) {
      expect(plan.outputs[output]).toBe(`\${{ steps.maestro.outputs.${output} }}`);
      expect(execute?.with?.[input]).toBe(`\${{ needs.plan.outputs.${output} }}`);
    }
  });

  it('skips bots in the plan job and executes only after an approval or a dispatch', () => {
    expect(actionsOnly.jobs.plan?.if).toContain("github.event.sender.type != 'Bot'");
    expect(actionsOnly.jobs.execute?.needs).toBe('plan');
    expect(actionsOnly.jobs.execute?.if).toContain("needs.plan.outputs.status == 'approved'");
    expect(actionsOnly.jobs.execute?.if).toContain("github.event_name == 'workflow_dispatch'");
  });
});

describe('App workflow (maestro-app.yml)', () => {
  it('is started only by the App’s workflow_dispatch', () => {
    expect(Object.keys(withApp.on)).toEqual(['workflow_dispatch']);
  });

  it('acts as the App (read-only contents, like app.yml) and pushes with the job token', () => {
    const scopes = (job: string) => {
      const step = withApp.jobs[job]?.steps.find((s) =>
        s.uses?.startsWith('actions/create-github-app-token@'),
      );
      return Object.fromEntries(
        Object.entries(step?.with ?? {})
          .filter(([key]) => key.startsWith('permission-'))
          .map(([key, value]) => [key.slice('permission-'.length), value]),
      );
    };
    expect(scopes('plan')).toEqual(planPermissions);
    expect(withApp.jobs.plan?.permissions).toEqual({ contents: 'read' });
    // Only the execute job's own token can push; the App never gets Contents write.
    expect(withApp.jobs.execute?.permissions).toEqual({ contents: 'write' });
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, not a JS template
    expect(withApp.jobs.execute?.steps.find(isMaestro)?.with?.['push-token']).toBe('${{ github.token }}');
    expect(withApp.jobs.plan?.steps.find(isMaestro)?.with?.['github-token']).toBe(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, not a JS template
      '${{ steps.app-token.outputs.token }}',
    );
    // The execute job, which can run for hours, mints and renews the App's tokens itself.
    expect(withApp.jobs.execute?.steps.find(isMaestro)?.with).toMatchObject({
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, not a JS template
      'app-id': '${{ vars.MAESTRO_APP_ID }}',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, not a JS template
      'app-private-key': '${{ secrets.MAESTRO_APP_PRIVATE_KEY }}',
    });
    expect(withApp.jobs.execute?.steps.find(isMaestro)?.with?.['github-token']).toBeUndefined();
  });
});

describe('example workflow maestro-ci-fix.yml', () => {
  const ciFix = load('examples/workflows/maestro-ci-fix.yml');
  const job = ciFix.jobs['ci-fix']!;
  const issueJob = ciFix.jobs.issue!;
  const script = issueJob.steps.find((s) => s.run !== undefined)!;

  /** The issue job's script, run by bash as the runner does (`bash -e {0}`), with this branch. */
  const issueOf = (branch: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'maestro-ci-fix-'));
    try {
      const output = join(dir, 'output');
      writeFileSync(output, '');
      const file = join(dir, 'step.sh');
      writeFileSync(file, script.run!);
      const run = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', file], {
        cwd: dir,
        env: { PATH: process.env.PATH, BRANCH: branch, GITHUB_OUTPUT: output },
        encoding: 'utf8',
      });
      return {
        status: run.status,
        output: readFileSync(output, 'utf8'),
        pwned: existsSync(join(dir, 'pwned')),
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('runs on the CI workflow completing, for Maestro branches of this repository only', () => {
    expect(ciFix.on.workflow_run?.types).toEqual(['completed']);
    expect(issueJob.if).toContain("startsWith(github.event.workflow_run.head_branch, 'maestro/issue-')");
    expect(issueJob.if).toContain(
      'github.event.workflow_run.head_repository.id == github.event.repository.id',
    );
    // ci-fix runs only after the filtering job (a skipped need skips it; no always()).
    expect(job.needs).toBe('issue');
    expect(job.if ?? '').not.toMatch(/always\(\)|cancelled\(\)/);
  });

  it('acts on every conclusion GitHub gives a failed run that a fix can help: failure and timed_out', () => {
    const conclusions = /contains\(fromJSON\('(\[.*?\])'\), github\.event\.workflow_run\.conclusion\)/.exec(
      issueJob.if ?? '',
    );
    expect(conclusions, issueJob.if).not.toBeNull();
    expect(JSON.parse(conclusions![1]!)).toEqual(['failure', 'timed_out']);
  });

  it('shares the execute job’s concurrency group per issue, never cancelling a run in progress', () => {
    expect(job.concurrency).toEqual({
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, not a JS template
      group: 'maestro-issue-${{ needs.issue.outputs.number }}',
      'cancel-in-progress': false,
    });
    expect(actionsOnly.jobs.execute?.concurrency?.group).toMatch(/^maestro-issue-\$\{\{/);
    expect(withApp.jobs.execute?.concurrency?.group).toMatch(/^maestro-issue-\$\{\{/);
    expect((issueJob as Job & { outputs: Record<string, string> }).outputs).toEqual({
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, not a JS template
      number: '${{ steps.branch.outputs.number }}',
    });
  });

  it('reads the branch name through env, never expanding event text inside run:', () => {
    expect(script.run).not.toContain('${{');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, not a JS template
    expect(script.env).toEqual({ BRANCH: '${{ github.event.workflow_run.head_branch }}' });
    expect(issueJob.permissions).toEqual({});
  });

  it('derives the issue number from the branch name, and refuses anything else without running it', () => {
    expect(issueOf('maestro/issue-12-add-login')).toMatchObject({ status: 0, output: 'number=12\n' });
    expect(issueOf('maestro/issue-7')).toMatchObject({ status: 0, output: 'number=7\n' });
    for (const hostile of [
      'maestro/issue-12$(touch pwned)-x',
      'maestro/issue-`touch pwned`',
      'maestro/issue-1x',
      'maestro/issue-0-x',
      'maestro/issue-12\nnumber=99',
      'feature/issue-12-x',
    ]) {
      const run = issueOf(hostile);
      expect(run.status, hostile).toBe(1);
      expect(run.output, hostile).toBe('');
      expect(run.pwned, hostile).toBe(false);
    }
    // The command substitution in a branch name is only text: nothing was created.
    const planted = issueOf('maestro/issue-3-$(touch pwned)');
    expect(planted).toEqual({ status: 0, output: 'number=3\n', pwned: false });
  });

  it('grants nothing at the top level and the job only what the loop needs', () => {
    expect(ciFix.permissions).toEqual({});
    expect(job.permissions).toEqual({
      contents: 'write',
      'pull-requests': 'write',
      issues: 'write',
      checks: 'read',
      actions: 'read',
    });
  });

  it('runs our action in mode ci-fix with declared inputs and a push token CI reacts to', () => {
    const step = job.steps.find(isMaestro)!;
    expect(step.with?.mode).toBe('ci-fix');
    for (const key of Object.keys(step.with ?? {})) expect(actionInputs).toContain(key);
    expect(String(step.with?.['push-token'])).toContain('secrets.');
    const checkout = job.steps.find((s) => s.uses?.startsWith('actions/checkout@'))!;
    expect(checkout.uses).toMatch(/^actions\/checkout@[0-9a-f]{40}$/);
    expect(checkout.with?.['persist-credentials']).toBe(false);
  });
});
