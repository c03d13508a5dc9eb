import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// package.json says what the code needs: every package the code imports is declared (a transitive
// copy can vanish in any update), and every runtime dependency is imported by src/ (an unused
// one is installed by every user of the CLI and the App for nothing).
const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return entry.name === 'node_modules' || entry.name === 'fixtures' ? [] : files(path);
    return /\.(ts|mts|mjs|js)$/.test(entry.name) ? [path] : [];
  });
}

/** The package each bare import names: `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
function importedPackages(paths: string[]): Map<string, string> {
  const found = new Map<string, string>();
  const specifier =
    /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;
  for (const path of paths) {
    for (const match of readFileSync(path, 'utf8').matchAll(specifier)) {
      const spec = match[1] ?? match[2] ?? '';
      if (spec.startsWith('.') || spec.startsWith('node:') || builtinModules.includes(spec)) continue;
      const parts = spec.split('/');
      const name = spec.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? spec);
      if (!found.has(name)) found.set(name, path);
    }
  }
  return found;
}

describe('package.json dependencies', () => {
  const declared = { ...manifest.dependencies, ...manifest.devDependencies };

  it('declares every package the source, tests, scripts and benchmarks import', () => {
    const imported = importedPackages(['src', 'test', 'scripts', 'bench'].flatMap(files));
    // A type-only package (`import type … from 'mdast'`) is declared as its @types package.
    const isDeclared = (name: string) => name in declared || `@types/${name}` in declared;
    const missing = [...imported]
      .filter(([name]) => !isDeclared(name))
      .map(([name, at]) => `${name} (${at})`);
    expect(missing).toEqual([]);
    expect(imported.has('@octokit/webhooks-methods')).toBe(true);
  });

  it('has no runtime dependency that src/ never imports', () => {
    const imported = importedPackages(files('src'));
    const unused = Object.keys(manifest.dependencies).filter((name) => !imported.has(name));
    expect(unused).toEqual([]);
  });
});
