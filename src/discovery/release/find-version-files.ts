import type { VersionFile, VersionFileFormat } from '../../core/release/release-convention.js';
import { readVersionField } from '../../core/release/version-field.js';
import { joinPath, type ReadFile } from './release-files.js';

/** The version files Maestro knows, in the order they are preferred as the "primary" one. */
const FORMATS: readonly VersionFileFormat[] = ['package.json', 'pyproject.toml', 'Cargo.toml', 'version.txt'];

/**
 * The version files in `dir` that declare a version, of the given formats (all known ones when
 * omitted). A package.json brings its package-lock.json along, which `npm version` and
 * release-please's node strategy update together with it.
 */
export async function findVersionFiles(
  dir: string,
  files: ReadonlySet<string>,
  read: ReadFile,
  formats: readonly VersionFileFormat[] = FORMATS.filter((format) => format !== 'version.txt'),
): Promise<VersionFile[]> {
  const found: VersionFile[] = [];
  for (const format of formats) {
    const file = await versionFile(joinPath(dir, format), format, files, read);
    if (!file) continue;
    found.push(file);
    if (format === 'package.json') {
      const lock = await versionFile(joinPath(dir, 'package-lock.json'), 'package-lock.json', files, read);
      if (lock) found.push(lock);
    }
  }
  return found;
}

async function versionFile(
  path: string,
  format: VersionFileFormat,
  files: ReadonlySet<string>,
  read: ReadFile,
): Promise<VersionFile | undefined> {
  if (!files.has(path)) return undefined;
  const text = await read(path);
  const version = text === undefined ? undefined : readVersionField(format, text);
  return version === undefined ? undefined : { path, format, version };
}
