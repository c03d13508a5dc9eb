import { describe, expect, it } from 'vitest';
import { globProblem, matchesAnyGlob } from '../../../src/core/policy/glob-match.js';
import { proposeRelease } from '../../../src/core/release/next-version.js';
import {
  literalGlob,
  releaseTaskDescription,
  releaseWritablePaths,
} from '../../../src/core/release/release-instructions.js';
import type { ReleaseProposal } from '../../../src/core/release/release-proposal.js';
import { detectReleaseConvention } from '../../../src/discovery/release/detect-release-convention.js';
import { COMMITS, changesetsMonorepo, type Files, keepAChangelog, reader } from './release-fixtures.js';

async function proposalFor(files: Files): Promise<ReleaseProposal> {
  const repo = reader(files);
  const proposal = proposeRelease(await detectReleaseConvention(repo.paths, repo.read), {
    commitSubjects: COMMITS,
    today: '2026-12-02',
  });
  if (proposal.kind !== 'release') throw new Error(proposal.why);
  return proposal;
}

describe('releaseTaskDescription', () => {
  it('spells out every Keep a Changelog edit: versions, the exact section and the link lines', async () => {
    expect(releaseTaskDescription(await proposalFor(keepAChangelog))).toMatchInlineSnapshot(`
      "Prepare the release \`package.json\` 1.2.0 → 1.3.0 following the repository's release convention: Keep a Changelog 1.1.0.

      Make exactly these edits, in these files only:

      1. \`package.json\`: set "version" from \`1.2.0\` to \`1.3.0\`.
      2. \`package-lock.json\`: set "version" and "packages"[""]."version" from \`1.2.0\` to \`1.3.0\`.
      3. \`CHANGELOG.md\`: move every entry under \`## [Unreleased]\` into a new section directly below it, so that the heading \`## [Unreleased]\` stays with nothing under it and is followed by:

         \`\`\`markdown
         ## [1.3.0] - 2026-12-02

         ### Added

         - Export the parser as \`parseDocument\`.
         - A \`--strict\` flag that rejects unknown keys.

         ### Fixed

         - Crash on an empty input file.
         \`\`\`

         In the link references at the bottom, replace the line \`[Unreleased]: https://github.com/o/r/compare/v1.2.0...HEAD\` with \`[Unreleased]: https://github.com/o/r/compare/v1.3.0...HEAD\` and add \`[1.3.0]: https://github.com/o/r/compare/v1.2.0...v1.3.0\` on the line directly below it.

      Copy headings and entries exactly as given (same words, list markers and order); keep every other line of each file as it is.
      Do not publish, tag, push, deploy or run any release command: the release is reviewed as a pull request first."
    `);
  });

  it('says which changelog to create, and which changesets to delete', async () => {
    const text = releaseTaskDescription(await proposalFor(changesetsMonorepo));
    expect(text).toContain(
      '`packages/core/CHANGELOG.md`: create the file with the title line `# @acme/core`',
    );
    expect(text).toContain('Delete `.changeset/tidy-ants-wave.md`');
    expect(text).toContain('Delete `.changeset/wild-owls-sing.md`');
  });

  it('fences a section with more backticks than any entry holds', async () => {
    const files = {
      ...keepAChangelog,
      'CHANGELOG.md':
        '## [Unreleased]\n\n### Added\n\n- Example:\n\n  ```js\n  run()\n  ```\n\n## [1.2.0] - 2026-01-01\n',
    };
    expect(releaseTaskDescription(await proposalFor(files))).toContain(
      '   ````markdown\n   ## [1.3.0] - 2026-12-02',
    );
  });
});

describe('releaseWritablePaths', () => {
  it('allows only the version files, changelogs and consumed changesets', async () => {
    const paths = releaseWritablePaths(await proposalFor(changesetsMonorepo));
    expect(paths).toEqual([
      'packages/cli/package.json',
      'packages/cli/CHANGELOG.md',
      'packages/core/package.json',
      'packages/core/CHANGELOG.md',
      '.changeset/tidy-ants-wave.md',
      '.changeset/wild-owls-sing.md',
    ]);
    expect(matchesAnyGlob('.changeset/README.md', paths)).toBe(false);
    expect(matchesAnyGlob('packages/cli/src/index.ts', paths)).toBe(false);
  });

  it.each([
    'packages/[id]/package.json',
    'apps/web (old)/CHANGELOG.md',
    'a/*/b.md',
    'x/{a,b}.md',
    'y/!z.md',
  ])('turns %j into a glob that matches only itself', (path) => {
    const glob = literalGlob(path);
    expect(globProblem(glob)).toBeUndefined();
    expect(matchesAnyGlob(path, [glob])).toBe(true);
    expect(matchesAnyGlob(path.replace(/[[*{(!]/, 'q'), [glob])).toBe(false);
  });
});
