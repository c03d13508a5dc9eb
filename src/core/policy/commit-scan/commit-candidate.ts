/**
 * What a commit is about to record, as plain data for the commit policy: the message and, per
 * changed file, both paths of a rename, the modes on both sides, the added lines and, for a
 * symlink, the target it points at. The git adapter extracts it from the trees before every
 * commit and from every commit before a push.
 */
export interface CommitCandidate {
  message: string;
  files: CandidateFile[];
}

export interface CandidateFile {
  /** The path after the change (for a deletion, the deleted path). */
  path: string;
  /** The path before a rename or copy. */
  oldPath?: string;
  status: 'added' | 'modified' | 'deleted' | 'renamed' | 'copied' | 'type-changed';
  /** Git modes as octal text (`100644`, `100755`, `120000` symlink, `160000` gitlink); `000000` when absent. */
  oldMode: string;
  newMode: string;
  /** Lines the change adds, with their 1-based line number in the new file. */
  addedLines: AddedLine[];
  /** For a symlink on the new side: the link's target as stored in git. */
  symlinkTarget?: string;
}

export interface AddedLine {
  line: number;
  text: string;
}

export const SYMLINK_MODE = '120000';
export const GITLINK_MODE = '160000';
export const ABSENT_MODE = '000000';
