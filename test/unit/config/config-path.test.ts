import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG_PATH } from '../../../src/core/config/config-path.js';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

// One definition of where the config lives: a second copy drifts (five did), and a Proxy that
// rewrote reads of one copy is how the Action's config-path input used to reach the engine.
describe('the config path', () => {
  it('is defined once, in src/core/config/config-path.ts', () => {
    const literal = /(['"])\.github\/maestro\.yml\1/;
    const defining = sources('src').filter((file) => literal.test(readFileSync(file, 'utf8')));
    // The protected-paths list names the file among other globs: that is data, not the path's definition.
    expect(defining.sort()).toEqual(['src/core/config/config-path.ts', 'src/core/config/sections/paths.ts']);
    expect(DEFAULT_CONFIG_PATH).toBe('.github/maestro.yml');
  });

  it('reaches the engine as a dependency, with no Proxy around the issue host', () => {
    const proxiedHost = sources('src').filter((file) => {
      const text = readFileSync(file, 'utf8');
      return /new Proxy\(/.test(text) && /IssueHost/.test(text);
    });
    expect(proxiedHost).toEqual([]);
    expect(readFileSync('src/action/wiring.ts', 'utf8')).toContain('configPath: inputs.configPath');
  });
});
