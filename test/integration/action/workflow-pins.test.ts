import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// action.yml runs on node24, and GitHub moves JavaScript actions off Node 20: the workflows we ship
// and run use the node24 majors of GitHub's own actions, pinned to a release commit with its tag.
const NODE24_MAJOR: Record<string, string> = { 'actions/checkout': 'v5', 'actions/setup-node': 'v5' };

const files = ['.github/workflows', 'examples/workflows'].flatMap((dir) =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.yml'))
    .map((name) => join(dir, name)),
);

describe('GitHub’s actions in the workflows', () => {
  it('finds the workflows', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  for (const file of files) {
    it(`${file} pins checkout and setup-node to their node24 majors by commit`, () => {
      const uses = [
        ...readFileSync(file, 'utf8').matchAll(/uses:\s*(actions\/[\w-]+)@(\S+)(?:\s*#\s*(\S+))?/g),
      ];
      for (const [, action = '', ref = '', tag = ''] of uses) {
        const major = NODE24_MAJOR[action];
        if (!major) continue;
        expect(ref, `${action} in ${file}`).toMatch(/^[0-9a-f]{40}$/);
        expect(tag.split('.')[0], `${action}@${ref} in ${file}`).toBe(major);
      }
    });
  }
});
