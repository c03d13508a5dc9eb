import { parse as parseYaml } from 'yaml';
import { ValidationError } from '../../core/errors.js';
import { parseOrThrow } from '../../core/parse.js';
import type {
  Changeset,
  ChangesetsConvention,
  ChangesetsPackage,
} from '../../core/release/release-convention.js';
import {
  changesetConfigSchema,
  changesetFrontmatterSchema,
  dirOf,
  joinPath,
  packageJsonSchema,
  parseJsonFile,
  type ReadFile,
} from './release-files.js';

export const CHANGESET_CONFIG = '.changeset/config.json';
const DEFAULT_GENERATOR = '@changesets/cli/changelog';

/** The Changesets convention: config, every pending changeset, and the packages they name. */
export async function readChangesets(
  files: readonly string[],
  read: ReadFile,
): Promise<ChangesetsConvention> {
  const config = parseJsonFile(
    changesetConfigSchema,
    (await read(CHANGESET_CONFIG)) ?? '{}',
    CHANGESET_CONFIG,
  );
  const changesets: Changeset[] = [];
  for (const path of files.filter(isChangesetFile).sort()) {
    const text = await read(path);
    if (text !== undefined) changesets.push(parseChangeset(path, text));
  }
  const named = new Set(changesets.flatMap((changeset) => changeset.releases.map((release) => release.name)));
  const { packages, packageJsonCount } = await findPackages(files, read, named);
  for (const changeset of changesets) {
    const unknown = changeset.releases.find((release) => !packages.some((pkg) => pkg.name === release.name));
    if (unknown) {
      throw new ValidationError(
        changeset.path,
        `names the package "${unknown.name}", which no package.json in the repository declares: fix the name or delete the changeset`,
      );
    }
  }
  const generator = config.changelog ?? DEFAULT_GENERATOR;
  return {
    kind: 'changesets',
    configPath: CHANGESET_CONFIG,
    changesets,
    packages,
    changelog:
      generator === false ? false : { generator: typeof generator === 'string' ? generator : generator[0] },
    hasGroups: (config.fixed?.length ?? 0) > 0 || (config.linked?.length ?? 0) > 0,
    isMonorepo: packageJsonCount > 1,
  };
}

/** `.changeset/<name>.md`, directly in the folder; its README.md is documentation, not a changeset. */
function isChangesetFile(path: string): boolean {
  return /^\.changeset\/[^/]+\.md$/i.test(path) && path.toLowerCase() !== '.changeset/readme.md';
}

const FRONTMATTER = /^\s*---\r?\n([\s\S]*?)\r?\n?---[ \t]*(?:\r?\n|$)([\s\S]*)$/;

/** A changeset as `@changesets/parse` reads it: YAML frontmatter of bumps, then the summary. */
export function parseChangeset(path: string, text: string): Changeset {
  const match = FRONTMATTER.exec(text);
  if (!match) {
    throw new ValidationError(
      path,
      'has no `---` frontmatter naming the packages to bump: write it as `npx changeset` does',
    );
  }
  let frontmatter: unknown;
  try {
    frontmatter = parseYaml(match[1]!) ?? {};
  } catch (error) {
    throw new ValidationError(path, `has frontmatter that is not valid YAML: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const bumps = parseOrThrow(changesetFrontmatterSchema, frontmatter, `${path} (frontmatter)`);
  return {
    path,
    releases: Object.entries(bumps).map(([name, level]) => ({ name, level })),
    summary: match[2]!.trim(),
  };
}

/**
 * The package.json files declaring the named packages, read shallowest first and only until every
 * name is found; node_modules is never read, and a package.json that is not JSON (a test fixture)
 * is skipped rather than failing the release.
 */
async function findPackages(
  files: readonly string[],
  read: ReadFile,
  names: ReadonlySet<string>,
): Promise<{ packages: ChangesetsPackage[]; packageJsonCount: number }> {
  const listed = new Set(files);
  const candidates = files
    .filter((path) => /(?:^|\/)package\.json$/.test(path) && !/(?:^|\/)node_modules\//.test(path))
    .sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
  const packages: ChangesetsPackage[] = [];
  for (const path of candidates) {
    if (packages.length === names.size) break;
    const json = packageJson(await read(path));
    if (json?.name === undefined || !names.has(json.name) || packages.some((pkg) => pkg.name === json.name))
      continue;
    const changelogPath = joinPath(dirOf(path), 'CHANGELOG.md');
    const changelog = listed.has(changelogPath) ? await read(changelogPath) : undefined;
    packages.push({
      name: json.name,
      versionFile: { path, format: 'package.json', version: json.version ?? '' },
      changelogPath,
      ...(changelog === undefined ? {} : { changelog }),
    });
  }
  return { packages, packageJsonCount: candidates.length };
}

function packageJson(text: string | undefined): { name?: string; version?: string } | undefined {
  if (text === undefined) return undefined;
  try {
    const result = packageJsonSchema.safeParse(JSON.parse(text));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}
