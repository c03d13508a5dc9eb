import { MaestroError } from '../errors.js';
import type { VersionFile } from './release-convention.js';
import type { NothingToRelease, SetVersionEdit } from './release-proposal.js';

/** What the engine knows besides the convention. */
export interface ReleaseInput {
  /** Commit subjects (or whole messages) since the last release, newest first. */
  commitSubjects: string[];
  /** A version the issue asked for ("release 2.0.0"); used when valid and greater. */
  requestedVersion?: string;
  /** The release date, `YYYY-MM-DD`, in the repository's time zone. */
  today: string;
}

export function assertReleaseDate(today: string): void {
  if (!/^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/.test(today)) {
    throw new MaestroError(`The release date "${today}" is not YYYY-MM-DD: pass the date as 2026-12-02.`, {
      code: 'release.invalid-date',
    });
  }
}

export function nothingToRelease(why: string): NothingToRelease {
  return { kind: 'nothing-to-release', why };
}

export function setVersionEdits(files: readonly VersionFile[], to: string): SetVersionEdit[] {
  return files.map((file) => ({
    kind: 'set-version',
    path: file.path,
    format: file.format,
    from: file.version,
    to,
  }));
}
