import { z } from 'zod';
import { ValidationError } from '../../core/errors.js';
import { parseOrThrow } from '../../core/parse.js';

/** Reads a repository file; undefined when it does not exist or cannot be read. */
export type ReadFile = (path: string) => Promise<string | undefined>;

/** `dir/name`, with `.` and `` meaning the repository root. */
export function joinPath(dir: string, name: string): string {
  const clean = dir.replace(/^\.\/?/, '').replace(/\/+$/, '');
  return clean === '' ? name : `${clean}/${name}`;
}

export function dirOf(path: string): string {
  const at = path.lastIndexOf('/');
  return at === -1 ? '.' : path.slice(0, at);
}

/** JSON from a repository file, parsed once with its schema; errors name the file. */
export function parseJsonFile<S extends z.ZodType>(schema: S, text: string, path: string): z.infer<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unreadable';
    throw new ValidationError(path, `is not valid JSON (${reason}): fix the file and ask again`, {
      cause: error,
    });
  }
  return parseOrThrow(schema, value, path);
}

/** `.changeset/config.json`: only the fields that change what `changeset version` writes. */
export const changesetConfigSchema = z.looseObject({
  changelog: z.union([z.literal(false), z.string(), z.tuple([z.string()]).rest(z.unknown())]).optional(),
  fixed: z.array(z.array(z.string())).optional(),
  linked: z.array(z.array(z.string())).optional(),
});

/** A changeset's frontmatter: package name → bump. */
export const changesetFrontmatterSchema = z.record(z.string(), z.enum(['major', 'minor', 'patch', 'none']));

const releasePleaseOptions = {
  'release-type': z.string().optional(),
  'changelog-path': z.string().optional(),
  'bump-minor-pre-major': z.boolean().optional(),
  'bump-patch-for-minor-pre-major': z.boolean().optional(),
};

/** `release-please-config.json`: top-level defaults and per-package overrides, keyed by path. */
export const releasePleaseConfigSchema = z.looseObject({
  ...releasePleaseOptions,
  packages: z.record(z.string(), z.looseObject(releasePleaseOptions)).optional(),
});
export type ReleasePleaseConfig = z.infer<typeof releasePleaseConfigSchema>;

/** `.release-please-manifest.json`: package path → its current version. */
export const releasePleaseManifestSchema = z.record(z.string(), z.string());

/** package.json: the two fields releases use; anything else may be there. */
export const packageJsonSchema = z.looseObject({
  name: z.string().optional(),
  version: z.string().optional(),
});
