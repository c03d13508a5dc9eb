/**
 * Read access to a repository's files at one state (a checkout, a working tree). Discovery reads
 * the codebase only through this port, so it never touches git or the filesystem itself.
 */
export interface RepoFile {
  /** Path relative to the repository root, `/`-separated. */
  path: string;
  /**
   * Git blob id of the content discovery will read: the index blob for clean files, the working-tree
   * content's id for modified and untracked ones. A cache keyed by it is never stale.
   */
  blob: string;
  /** Size in bytes of the working-tree content. */
  size: number;
  /** Git file mode, e.g. `100644`, `100755`. */
  mode: string;
}

export interface RepositoryReader {
  /** Absolute path of the repository root. */
  readonly root: string;
  /** Tracked files plus untracked files that are not ignored; deleted and symlinked files left out. */
  listFiles(): Promise<RepoFile[]>;
  /** Reads a file by its repository-relative path. */
  readFile(path: string): Promise<Buffer>;
  /** The commit `HEAD` points at, or undefined in a repository without commits. */
  headCommit(): Promise<string | undefined>;
}
