import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WireReply } from '../../support/anthropic-wire.js';
import { draft } from '../../support/plan-fixtures.js';
import { git } from '../../support/temp-repo.js';
import { KEY, nodeProject, runChain } from './chain-kit.js';

let repo: ReturnType<typeof nodeProject> | undefined;
afterEach(() => repo?.dispose());

const GREEN_TEST = "import { test } from 'node:test';\ntest('loads', () => {});\n";
const RED_TEST =
  "import { test } from 'node:test';\nimport assert from 'node:assert';\ntest('adds', () => assert.equal(1 + 1, 3));\n";
const pkg = (version: string) =>
  `${JSON.stringify({ name: 'sample', version, scripts: { test: 'node --test' } }, null, 2)}\n`;

// No version number in the request or the goal: the convention decides the version, not a request.
const REQUEST = 'Prepare the next release';
const plan = draft({
  questions: [],
  understanding: 'Prepare the next release of sample from the pending changes.',
  prd: {
    title: 'Release sample',
    goal: 'The pending changes are released as the next version.',
    requirements: [
      {
        id: 'R1',
        title: 'The next version is prepared',
        description: 'The version bump and changelog for the pending changes.',
        acceptance: ['version and changelog updated'],
        priority: 'must',
      },
    ],
    nonGoals: ['publishing'],
    affectedAreas: [{ path: 'package.json', why: 'the version' }],
    risks: [],
  },
  taskPreview: {
    epics: [
      {
        id: 'E1',
        title: 'Release',
        tasks: [
          { id: 'T1', title: 'Prepare the release', category: 'devops', requirements: ['R1'], dependsOn: [] },
        ],
      },
    ],
  },
});

/** A Changesets repository: one minor and one patch changeset for `sample` 1.2.0. */
function changesetsRepo(test = GREEN_TEST) {
  return nodeProject({
    'package.json': pkg('1.2.0'),
    'test/a.test.js': test,
    'CHANGELOG.md': '# sample\n\n## 1.2.0\n\n### Minor Changes\n\n- The report command.\n',
    '.changeset/config.json': JSON.stringify({
      changelog: '@changesets/cli/changelog',
      commit: false,
      access: 'restricted',
      baseBranch: 'main',
    }),
    '.changeset/brave-lions.md': '---\n"sample": minor\n---\n\nAdd a --json flag to report.\n',
    '.changeset/quiet-owls.md': '---\n"sample": patch\n---\n\nReport no longer crashes on empty input.\n',
  });
}

/** What `changeset version` would write: the new release on top, the earlier one kept. */
const CHANGESETS_CHANGELOG = [
  '# sample',
  '',
  '## 1.3.0',
  '',
  '### Minor Changes',
  '',
  '- Add a --json flag to report.',
  '',
  '### Patch Changes',
  '',
  '- Report no longer crashes on empty input.',
  '',
  '## 1.2.0',
  '',
  '### Minor Changes',
  '',
  '- The report command.',
  '',
].join('\n');

const KEEP_A_CHANGELOG = [
  '# Changelog',
  '',
  'All notable changes to this project will be documented in this file.',
  '',
  '## [Unreleased]',
  '',
  '### Added',
  '',
  '- A --json flag for report.',
  '',
  '### Fixed',
  '',
  '- Report no longer crashes on empty input.',
  '',
  '## [1.2.0] - 2026-01-10',
  '',
  '### Added',
  '',
  '- The report command.',
  '',
  '[unreleased]: https://github.com/acme/sample/compare/v1.2.0...HEAD',
  '[1.2.0]: https://github.com/acme/sample/releases/tag/v1.2.0',
  '',
].join('\n');

/** Keep a Changelog 1.1.0 after the release: an empty Unreleased on top, the links moved on. */
function keptChangelogAfter(today: string): string {
  return [
    '# Changelog',
    '',
    'All notable changes to this project will be documented in this file.',
    '',
    '## [Unreleased]',
    '',
    `## [1.3.0] - ${today}`,
    '',
    '### Added',
    '',
    '- A --json flag for report.',
    '',
    '### Fixed',
    '',
    '- Report no longer crashes on empty input.',
    '',
    '## [1.2.0] - 2026-01-10',
    '',
    '### Added',
    '',
    '- The report command.',
    '',
    '[unreleased]: https://github.com/acme/sample/compare/v1.3.0...HEAD',
    '[1.3.0]: https://github.com/acme/sample/compare/v1.2.0...v1.3.0',
    '[1.2.0]: https://github.com/acme/sample/releases/tag/v1.2.0',
    '',
  ].join('\n');
}

const finish: WireReply = {
  tools: [{ name: 'finish', input: { summary: 'Prepared 1.3.0', quality_score: 8, hints_for_next: 'none' } }],
};

/** The release agent's prompt, as the model received it. */
function releasePrompt(run: Awaited<ReturnType<typeof runChain>>): string {
  const agent = run.wire.requests.find((r) => JSON.stringify(r.body).includes('Make exactly these edits'));
  const messages = (agent?.body.messages ?? []) as { content: { text?: string }[] | string }[];
  const first = messages[0]?.content;
  return typeof first === 'string' ? first : (first ?? []).map((c) => c.text ?? '').join('\n');
}

/** The readiness report as printed: from its heading to the "Not done by Maestro" line. */
function readiness(stdout: string): string {
  const start = stdout.indexOf('## Release readiness');
  const end = stdout.indexOf('**Not done by Maestro:**', start);
  expect(start, 'the report has a readiness section').toBeGreaterThanOrEqual(0);
  expect(end).toBeGreaterThan(start);
  return stdout.slice(start, stdout.indexOf('\n', end));
}

function savedState(root: string) {
  const sessions = join(root, '.maestro', 'sessions');
  const [id] = readdirSync(sessions);
  const text = readFileSync(join(sessions, id!, 'run-state.json'), 'utf8');
  return {
    text,
    state: JSON.parse(text) as {
      steps: { id: string; status: string; release?: { convention: string; from?: string; to?: string } }[];
    },
  };
}

const changedSince = (root: string, base: string) =>
  git(root, 'diff', '--name-only', base, 'HEAD').split('\n').filter(Boolean).sort();

describe('release chain through the CLI', () => {
  it('Changesets: bumps, writes the changelog, consumes the changesets, tags nothing', async () => {
    repo = changesetsRepo();
    const base = git(repo.root, 'rev-parse', 'HEAD');

    const run = await runChain(
      repo.root,
      'release',
      REQUEST,
      [
        {
          tools: [
            { name: 'write_file', input: { path: 'package.json', content: pkg('1.3.0') } },
            { name: 'write_file', input: { path: 'CHANGELOG.md', content: CHANGESETS_CHANGELOG } },
            { name: 'delete_file', input: { path: '.changeset/brave-lions.md' } },
            { name: 'delete_file', input: { path: '.changeset/quiet-owls.md' } },
          ],
        },
        finish,
      ],
      plan,
    );

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.wire.unused).toBe(0);
    // The agent was told exactly these edits.
    const prompt = releasePrompt(run);
    expect(prompt).toContain('Changesets (as `changeset version` does)');
    expect(prompt).toContain('`package.json`: set "version" from `1.2.0` to `1.3.0`.');
    expect(prompt).toMatch(/## 1\.3\.0\n\n {3}### Minor Changes\n\n {3}- Add a --json flag to report\./);
    expect(prompt).toContain('### Patch Changes\n\n   - Report no longer crashes on empty input.');
    expect(prompt).toContain('Delete `.changeset/brave-lions.md`');
    expect(prompt).toContain('Delete `.changeset/quiet-owls.md`');
    // The readiness report: every check and the gate ✅, and what is left to people.
    const report = readiness(run.stdout);
    expect(report).toContain('**Ready:** every check and gate passed.');
    expect(report).toContain('- Version: `sample` 1.2.0 → **1.3.0** (minor)');
    for (const check of [
      '✅ version in package.json: is 1.3.0',
      '✅ CHANGELOG.md: ## 1.3.0: the heading is there with all 2 entries',
      '✅ CHANGELOG.md: earlier releases kept',
      '✅ CHANGELOG.md: new release on top',
      '✅ .changeset/brave-lions.md deleted',
      '✅ .changeset/quiet-owls.md deleted',
      '✅ only release files changed',
      '✅ `test`',
    ])
      expect(report).toContain(check);
    expect(report).not.toContain('❌');
    expect(report).toContain('**Not done by Maestro:** publishing, tagging');
    // Nothing tagged; the branch changes the release files only.
    expect(git(repo.root, 'tag')).toBe('');
    expect(changedSince(repo.root, base)).toEqual([
      '.changeset/brave-lions.md',
      '.changeset/quiet-owls.md',
      'CHANGELOG.md',
      'package.json',
    ]);
    expect(JSON.parse(git(repo.root, 'show', 'HEAD:package.json')).version).toBe('1.3.0');
    expect(git(repo.root, 'show', 'HEAD:CHANGELOG.md')).toBe(CHANGESETS_CHANGELOG.trimEnd());
    expect(existsSync(join(repo.root, '.changeset/brave-lions.md'))).toBe(false);
    expect(existsSync(join(repo.root, '.changeset/config.json'))).toBe(true);
    const { state, text } = savedState(repo.root);
    expect(state.steps.map((s) => [s.id, s.status])).toEqual([
      ['verify-default-branch', 'done'],
      ['prepare-release', 'done'],
      ['handoff', 'done'],
    ]);
    expect(state.steps[1]!.release).toMatchObject({ convention: 'changesets', from: '1.2.0', to: '1.3.0' });
    expect(text).not.toContain(KEY);
  });

  it('Keep a Changelog: releases the Unreleased entries as 1.3.0 dated today', async () => {
    repo = nodeProject({
      'package.json': pkg('1.2.0'),
      'test/a.test.js': GREEN_TEST,
      'CHANGELOG.md': KEEP_A_CHANGELOG,
    });
    const base = git(repo.root, 'rev-parse', 'HEAD');
    // The engine dates the release with the clock's UTC date.
    const today = new Date().toISOString().slice(0, 10);
    const after = keptChangelogAfter(today);

    const run = await runChain(
      repo.root,
      'release',
      REQUEST,
      [
        {
          tools: [
            { name: 'write_file', input: { path: 'package.json', content: pkg('1.3.0') } },
            { name: 'write_file', input: { path: 'CHANGELOG.md', content: after } },
          ],
        },
        finish,
      ],
      plan,
    );

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.wire.unused).toBe(0);
    const prompt = releasePrompt(run);
    expect(prompt).toContain('Keep a Changelog 1.1.0');
    expect(prompt).toContain(`## [1.3.0] - ${today}`);
    expect(prompt).toContain(
      'replace the line `[unreleased]: https://github.com/acme/sample/compare/v1.2.0...HEAD` with `[unreleased]: https://github.com/acme/sample/compare/v1.3.0...HEAD` and add `[1.3.0]: https://github.com/acme/sample/compare/v1.2.0...v1.3.0`',
    );
    const report = readiness(run.stdout);
    expect(report).toContain('**Ready:** every check and gate passed.');
    expect(report).toContain('Convention: Keep a Changelog, found in `CHANGELOG.md`');
    expect(report).toContain('1.2.0 → **1.3.0** (minor)');
    for (const check of [
      '✅ version in package.json: is 1.3.0',
      `✅ CHANGELOG.md: ## [1.3.0] - ${today}: the heading is there with all 2 entries`,
      '✅ CHANGELOG.md: earlier releases kept',
      '✅ CHANGELOG.md: ## [Unreleased] kept and empty',
      '✅ CHANGELOG.md: compare links',
      '✅ only release files changed',
      '✅ `test`',
    ])
      expect(report).toContain(check);
    expect(report).not.toContain('❌');
    expect(report).toContain('**Not done by Maestro:** publishing, tagging');
    expect(report).toContain('tag the merge commit `v1.3.0`');
    expect(git(repo.root, 'tag')).toBe('');
    expect(changedSince(repo.root, base)).toEqual(['CHANGELOG.md', 'package.json']);
    expect(git(repo.root, 'show', 'HEAD:CHANGELOG.md')).toBe(after.trimEnd());
    expect(savedState(repo.root).state.steps[1]!.release).toMatchObject({
      convention: 'keep-a-changelog',
      from: '1.2.0',
      to: '1.3.0',
    });
  });

  it('fails the step when the edits are incomplete, naming the failed checks', async () => {
    repo = changesetsRepo();

    const run = await runChain(
      repo.root,
      'release',
      REQUEST,
      [{ tools: [{ name: 'write_file', input: { path: 'package.json', content: pkg('1.3.0') } }] }, finish],
      plan,
    );

    expect(run.stderr).toBe('');
    expect(run.code).not.toBe(0);
    expect(run.wire.unused).toBe(0);
    expect(run.stdout).toContain('the release edits are not complete: ');
    expect(run.stdout).toContain('CHANGELOG.md: ## 1.3.0 (there is no heading `## 1.3.0`)');
    expect(run.stdout).toContain('.changeset/brave-lions.md deleted (the file is still there)');
    expect(run.stdout).not.toMatch(/not complete: [^\n]*version in package\.json/);
    const report = readiness(run.stdout);
    expect(report).toContain('**Not ready:**');
    expect(report).toContain('✅ version in package.json: is 1.3.0');
    expect(report).toContain('❌ CHANGELOG.md: ## 1.3.0');
    expect(report).toContain('❌ .changeset/quiet-owls.md deleted');
    expect(git(repo.root, 'tag')).toBe('');
    const { state } = savedState(repo.root);
    expect(state.steps.map((s) => [s.id, s.status])).toEqual([
      ['verify-default-branch', 'done'],
      ['prepare-release', 'failed'],
      ['handoff', 'skipped'],
    ]);
  });

  it('stops on a red baseline before any agent call, naming the failing gate', async () => {
    repo = changesetsRepo(RED_TEST);
    const base = git(repo.root, 'rev-parse', 'HEAD');

    const run = await runChain(repo.root, 'release', REQUEST, [], plan);

    expect(run.stderr).toBe('');
    expect(run.code).not.toBe(0);
    // Only the planning call: no agent turn, no release proposal handed to a model.
    expect(run.wire.requests).toHaveLength(1);
    expect(run.wire.unused).toBe(0);
    expect(run.stdout).toMatch(
      /the test gate fails on [0-9a-f]{7} before any change \(test ✗ 0\/1 \(1 failed\)\): the release chain starts only from a green baseline/,
    );
    expect(run.stdout).not.toContain('## Release readiness');
    expect(changedSince(repo.root, base)).toEqual([]);
    expect(git(repo.root, 'tag')).toBe('');
    expect(readFileSync(join(repo.root, 'package.json'), 'utf8')).toBe(pkg('1.2.0'));
    const { state } = savedState(repo.root);
    expect(state.steps.map((s) => [s.id, s.status])).toEqual([
      ['verify-default-branch', 'failed'],
      ['prepare-release', 'skipped'],
      ['handoff', 'skipped'],
    ]);
  });
});
