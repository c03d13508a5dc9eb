import { z } from 'zod';
import type { IssueHost } from '../ports/issue-host-port.js';

type FileRead = { text: string; sha: string } | undefined;

/** How many (repository, version, path) reads are kept; the least recently used beyond go. */
export const DEFAULT_BRANCH_FILES_KEPT = 512;

// GitHub sends `pushed_at` as an ISO string in most events and as epoch seconds in `push`.
const stamp = z.union([z.string().min(1), z.number()]);
const versionSchema = z.object({ default_branch: z.string().min(1), pushed_at: stamp, updated_at: stamp });

/**
 * Which version of the repository's default branch a delivery saw, from its (signed) payload: the
 * default branch's name, `pushed_at` (moves with every push to any branch, so with every commit
 * that could change `.github/maestro.yml`) and `updated_at` (moves with the repository's
 * settings). Undefined when the payload lacks one of them: such a job reads GitHub as before.
 */
export function repoVersionOf(repository: unknown): string | undefined {
  const parsed = versionSchema.safeParse(repository);
  if (!parsed.success) return undefined;
  const { default_branch, pushed_at, updated_at } = parsed.data;
  return `${default_branch}@${pushed_at}@${updated_at}`;
}

/**
 * Files of the default branch (the repository's `.github/maestro.yml`), read once per repository
 * version instead of once per job. Every event reads the config before deciding anything, so under
 * a flood of events that need nothing (a label that is not the trigger, a plain comment) that read
 * was most of the GitHub requests the jobs made. Jobs whose deliveries saw the same version share
 * one read; a push or a settings change gives later deliveries a new version, read afresh. A shared
 * read is never older than the version its delivery saw (it was made after a delivery of that
 * version was sent); it may be newer, as an uncached job's read would be. A failed read is not
 * kept. Jobs without a version (the sweep's) and reads at an explicit ref go to GitHub.
 */
export class DefaultBranchFiles {
  readonly #kept: number;
  readonly #reads = new Map<string, Promise<FileRead>>();

  constructor(kept = DEFAULT_BRANCH_FILES_KEPT) {
    this.#kept = kept;
  }

  /** `host` with its default-branch reads answered from here for `version`; `host` itself without one. */
  over(host: IssueHost, version: string | undefined): IssueHost {
    if (version === undefined) return host;
    const repo = `${host.repo.owner}/${host.repo.repo}`.toLowerCase();
    const readFile = (path: string, ref?: string) =>
      ref === undefined
        ? this.#read(`${repo}\n${version}\n${path}`, () => host.readFile(path))
        : host.readFile(path, ref);
    return withReadFile(host, readFile);
  }

  #read(key: string, load: () => Promise<FileRead>): Promise<FileRead> {
    const known = this.#reads.get(key);
    if (known) {
      this.#reads.delete(key);
      this.#reads.set(key, known);
      return known;
    }
    const read = load().catch((error: unknown) => {
      if (this.#reads.get(key) === read) this.#reads.delete(key);
      throw error;
    });
    this.#reads.set(key, read);
    if (this.#reads.size > this.#kept) this.#reads.delete(this.#reads.keys().next().value!);
    return read;
  }
}

/**
 * The host with its own `readFile` replaced: every other method bound to the host (so its private
 * state stays its own). A plain object rather than a Proxy: the config path reaches the engine as
 * a dependency, never by rewriting reads (test/unit/config/config-path.test.ts).
 */
function withReadFile(host: IssueHost, readFile: IssueHost['readFile']): IssueHost {
  const members: Record<string, unknown> = {};
  for (
    let layer: object | null = host;
    layer && layer !== Object.prototype;
    layer = Object.getPrototypeOf(layer)
  ) {
    for (const name of Object.getOwnPropertyNames(layer)) {
      if (name === 'constructor' || name in members) continue;
      const value: unknown = Reflect.get(host, name, host);
      members[name] = typeof value === 'function' ? value.bind(host) : value;
    }
  }
  return { ...members, readFile } as unknown as IssueHost;
}
