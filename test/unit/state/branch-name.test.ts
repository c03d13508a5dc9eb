import { describe, expect, it } from 'vitest';
import { runBranchName, slugify } from '../../../src/core/state/branch-name.js';

describe('run branch names', () => {
  it.each([
    ['Add a --json flag to report', 'add-a-json-flag-to-report'],
    ['$(touch /tmp/pwned)', 'touch-tmp-pwned'],
    ['`id`', 'id'],
    ['a"; ls $GITHUB_WORKSPACE"', 'a-ls-github-workspace'],
    ['--upload-pack=evil', 'upload-pack-evil'],
    ['../../etc/passwd @{u} HEAD~1', 'etc-passwd-u-head-1'],
    ['Ünïcödé titlé', 'unicode-title'],
    ['!!!', 'change'],
  ])('slugifies %j to %j', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it('caps the slug and never ends it with a dash', () => {
    const slug = slugify('word '.repeat(50));
    expect(slug.length).toBeLessThanOrEqual(40);
    expect(slug).not.toMatch(/-$/);
  });

  it('names GitHub runs by issue number and local runs by a session suffix', () => {
    expect(runBranchName('Fix the crash', { issueNumber: 42 })).toBe('maestro/issue-42-fix-the-crash');
    expect(runBranchName('Fix the crash', { suffix: 'ab12' })).toBe('maestro/fix-the-crash-ab12');
    expect(runBranchName('x', { suffix: '$(rm)' })).toBe('maestro/x-rm');
  });
});
