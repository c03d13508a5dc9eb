import type {
  ReleasePleaseConvention,
  ReleasePleasePackage,
  VersionFileFormat,
} from '../../core/release/release-convention.js';
import { findVersionFiles } from './find-version-files.js';
import {
  joinPath,
  parseJsonFile,
  type ReadFile,
  type ReleasePleaseConfig,
  releasePleaseConfigSchema,
  releasePleaseManifestSchema,
} from './release-files.js';

export const RELEASE_PLEASE_CONFIG = 'release-please-config.json';
export const RELEASE_PLEASE_MANIFEST = '.release-please-manifest.json';

/** release-please's strategies Maestro can follow, and the version file each updates. */
const VERSION_FORMATS: Record<string, readonly VersionFileFormat[]> = {
  node: ['package.json'],
  python: ['pyproject.toml'],
  rust: ['Cargo.toml'],
  simple: ['version.txt'],
};

/**
 * The release-please convention: packages from the manifest (path → version) and the config,
 * each with its version files, changelog and pre-1.0 options (package settings override the
 * top-level ones, as in release-please).
 */
export async function readReleasePlease(
  files: readonly string[],
  read: ReadFile,
): Promise<ReleasePleaseConvention> {
  const listed = new Set(files);
  const configText = listed.has(RELEASE_PLEASE_CONFIG) ? await read(RELEASE_PLEASE_CONFIG) : undefined;
  const manifestText = listed.has(RELEASE_PLEASE_MANIFEST) ? await read(RELEASE_PLEASE_MANIFEST) : undefined;
  const config =
    configText === undefined
      ? {}
      : parseJsonFile(releasePleaseConfigSchema, configText, RELEASE_PLEASE_CONFIG);
  const manifest =
    manifestText === undefined
      ? {}
      : parseJsonFile(releasePleaseManifestSchema, manifestText, RELEASE_PLEASE_MANIFEST);
  const paths = [...new Set([...Object.keys(manifest), ...Object.keys(config.packages ?? {})])];
  const packages: ReleasePleasePackage[] = [];
  for (const path of paths.length > 0 ? paths : ['.']) {
    packages.push(await readPackage(path, config, manifest[path], listed, read));
  }
  return {
    kind: 'release-please',
    ...(configText === undefined ? {} : { configPath: RELEASE_PLEASE_CONFIG }),
    ...(manifestText === undefined ? {} : { manifestPath: RELEASE_PLEASE_MANIFEST }),
    packages,
  };
}

async function readPackage(
  path: string,
  config: ReleasePleaseConfig,
  manifestVersion: string | undefined,
  listed: ReadonlySet<string>,
  read: ReadFile,
): Promise<ReleasePleasePackage> {
  const options = { ...config, ...(config.packages?.[path] ?? {}) };
  const releaseType = options['release-type'];
  const formats = releaseType === undefined ? undefined : VERSION_FORMATS[releaseType];
  const versionFiles = await findVersionFiles(path, listed, read, formats);
  const changelogPath = joinPath(path, options['changelog-path'] ?? 'CHANGELOG.md');
  const changelog = listed.has(changelogPath) ? await read(changelogPath) : undefined;
  return {
    path,
    // The manifest is release-please's record of the last release; a version file is a fallback.
    version: manifestVersion ?? versionFiles[0]?.version ?? '',
    versionFiles,
    changelogPath,
    ...(changelog === undefined ? {} : { changelog }),
    bumpMinorPreMajor: options['bump-minor-pre-major'] ?? false,
    bumpPatchForMinorPreMajor: options['bump-patch-for-minor-pre-major'] ?? false,
  };
}
