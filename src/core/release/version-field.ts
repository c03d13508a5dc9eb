import type { VersionFileFormat } from './release-convention.js';

/**
 * The version a file declares, or undefined when it declares none (or cannot be read). Used both
 * to detect the current version and to check the agent's edit, so the two always agree.
 *
 * TOML is read by a line scan of the one table that matters (`[project]`, `[tool.poetry]`,
 * `[package]`, `[workspace.package]`) for a basic-string `version = "…"`: Maestro has no TOML
 * parser dependency, and a `version.workspace = true` or a dynamic version is correctly "none".
 */
export function readVersionField(format: VersionFileFormat, text: string): string | undefined {
  switch (format) {
    case 'package.json':
      return jsonField(text, (json) => json.version);
    case 'package-lock.json':
      return lockVersion(text);
    case 'pyproject.toml':
      return tomlVersion(text, ['project', 'tool.poetry']);
    case 'Cargo.toml':
      return tomlVersion(text, ['package', 'workspace.package']);
    case 'version.txt':
      return text.trim() || undefined;
  }
}

/** Where the field lives, for instructions and check details. */
export function versionFieldLabel(format: VersionFileFormat): string {
  switch (format) {
    case 'package.json':
      return '"version"';
    case 'package-lock.json':
      return '"version" and "packages"[""]."version"';
    case 'pyproject.toml':
      return '`version` in `[project]` (or `[tool.poetry]`)';
    case 'Cargo.toml':
      return '`version` in `[package]` (or `[workspace.package]`)';
    case 'version.txt':
      return 'the whole file';
  }
}

type Json = Record<string, unknown>;

function jsonField(text: string, pick: (json: Json) => unknown): string | undefined {
  try {
    const json: unknown = JSON.parse(text);
    if (json === null || typeof json !== 'object') return undefined;
    const value = pick(json as Json);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** npm writes the version twice in a v2/v3 lock file; both must agree or the lock is stale. */
function lockVersion(text: string): string | undefined {
  const top = jsonField(text, (json) => json.version);
  const root = jsonField(text, (json) => {
    const packages = json.packages as Json | undefined;
    return (packages?.[''] as Json | undefined)?.version;
  });
  if (top === undefined) return undefined;
  return root === undefined || root === top ? top : undefined;
}

const TABLE_HEADER = /^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$/;
const VERSION_LINE = /^\s*version\s*=\s*(?:"([^"\\]*)"|'([^']*)')\s*(?:#.*)?$/;

function tomlVersion(text: string, tables: readonly string[]): string | undefined {
  const found = new Map<string, string>();
  let table = '';
  for (const line of text.split(/\r?\n/)) {
    const header = TABLE_HEADER.exec(line);
    if (header) {
      table = header[1]!.replace(/\s+/g, '');
      continue;
    }
    const version = VERSION_LINE.exec(line);
    if (version && tables.includes(table) && !found.has(table)) found.set(table, version[1] ?? version[2]!);
  }
  for (const name of tables) if (found.has(name)) return found.get(name);
  return undefined;
}
