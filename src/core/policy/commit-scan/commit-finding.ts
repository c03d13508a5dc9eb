/**
 * One reason a commit may not be made or pushed. `what` names the file (and line) and never the
 * offending value: findings are shown in reports and comments, which are outbound channels too.
 */
export interface CommitFinding {
  kind: 'secret' | 'protected-path' | 'symlink-escape' | 'submodule' | 'git-config';
  what: string;
}
