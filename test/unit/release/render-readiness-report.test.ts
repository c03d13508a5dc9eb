import { describe, expect, it } from 'vitest';
import { neutralizeMentions } from '../../../src/core/policy/outbound/neutralize-mentions.js';
import { checkRelease, renderReadinessReport } from '../../../src/core/release/check-release.js';
import { proposeRelease } from '../../../src/core/release/next-version.js';
import type { ReleaseProposal } from '../../../src/core/release/release-proposal.js';
import { detectReleaseConvention } from '../../../src/discovery/release/detect-release-convention.js';
import {
  COMMITS,
  changesetsMonorepo,
  type Files,
  keepAChangelog,
  keepAChangelogReleased,
  noConvention,
  reader,
} from './release-fixtures.js';

async function propose(files: Files) {
  const repo = reader(files);
  return proposeRelease(await detectReleaseConvention(repo.paths, repo.read), {
    commitSubjects: COMMITS,
    today: '2026-12-02',
  });
}

async function release(files: Files): Promise<ReleaseProposal> {
  const proposal = await propose(files);
  if (proposal.kind !== 'release') throw new Error(proposal.why);
  return proposal;
}

const GATES = [
  { name: 'test', passed: true },
  { name: 'lint', passed: true },
];

describe('renderReadinessReport', () => {
  it('shows the convention, the versions, the checks, the gates and what is left to people', async () => {
    const proposal = await release(keepAChangelog);
    const checks = checkRelease(proposal, {
      read: (path) => keepAChangelogReleased[path],
      changedFiles: ['CHANGELOG.md', 'package.json', 'package-lock.json'],
    });
    expect(renderReadinessReport(proposal, checks, GATES)).toMatchInlineSnapshot(`
      "## Release readiness

      **Ready:** every check and gate passed.

      - Convention: Keep a Changelog, found in \`CHANGELOG.md\`
      - Version: \`package.json\` 1.2.0 → **1.3.0** (minor)

      ### Release files

      - ✅ version in package.json: is 1.3.0
      - ✅ version in package-lock.json: is 1.3.0
      - ✅ CHANGELOG.md: ## [1.3.0] - 2026-12-02: the heading is there with all 3 entries
      - ✅ CHANGELOG.md: earlier releases kept: all 2 earlier sections are still there
      - ✅ CHANGELOG.md: ## [Unreleased] kept and empty: it is there, empty, with the new release right below it
      - ✅ CHANGELOG.md: compare links: [Unreleased] and [1.3.0] point at the new tag
      - ✅ only release files changed: 3 files changed, all of them release files

      ### Gates on the default branch

      - ✅ \`test\`
      - ✅ \`lint\`

      **Not done by Maestro:** publishing, tagging, deploying — after merge, tag the merge commit \`v1.3.0\` (the changelog's compare links point at it), then run \`npm publish\`."
    `);
  });

  it('counts failed checks and gates, and lists the notes', async () => {
    const proposal = await release(changesetsMonorepo);
    const checks = checkRelease(proposal, { read: () => undefined, changedFiles: [] });
    const report = renderReadinessReport(proposal, checks, [{ name: 'test', passed: false }]);
    const failures = checks.filter((check) => !check.ok).length + 1;
    expect(failures).toBeGreaterThan(1);
    expect(report).toContain(`**Not ready:** ${failures} of ${checks.length + 1} checks and gates failed.`);
    expect(report).toContain('- ❌ version in packages/core/package.json: the file is missing');
    expect(report).toContain('- ❌ `test`');
    expect(report).toContain('### Notes\n\n- Workspace packages that depend on a bumped package');
    expect(report).toContain('after merge, run `changeset publish`');
  });

  it('mentions nobody, even for scoped packages', async () => {
    const proposal = await release(changesetsMonorepo);
    const report = renderReadinessReport(
      proposal,
      checkRelease(proposal, { read: () => undefined, changedFiles: [] }),
      GATES,
    );
    expect(report).toContain('`@acme/core` 0.4.1 → **1.0.0** (major)');
    expect(neutralizeMentions([])(report).count).toBe(0);
  });

  it('says what Maestro looked for when there is no convention', async () => {
    const report = renderReadinessReport(await propose(noConvention), [], []);
    expect(report).toContain(
      'Nothing to release: Maestro found no release convention it can follow. It looked for: .changeset/config.json (Changesets);',
    );
    expect(report).toContain('No gates ran on the default branch.');
    expect(neutralizeMentions([])(report).count).toBe(0);
  });
});
